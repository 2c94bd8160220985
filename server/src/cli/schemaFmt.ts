// `atlas-wb schema fmt [path ...]`: formats the .hcl files of the paths (default `./`) in place and prints each
// file that changed, as Atlas does.
import { parseArgs } from './args';
import type { CliCommand } from './io';
import { formatSchemaFiles } from '../engine/schemaFmt';

export const usage = 'atlas-wb schema fmt [path ...]';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, {});
  for (const f of await formatSchemaFiles(p.positional, io.cwd)) io.out(`${f}\n`);
  return 0;
};
