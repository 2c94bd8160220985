// `atlas-wb migrate hash [--dir URL | --env NAME]`: recomputes and (atomically) rewrites atlas.sum. No output, as Atlas.
import { parseArgs, str, strs, type FlagSpec, type Parsed } from './args';
import { UserError, type CliCommand, type CliIO } from './io';
import { DirError, openDir, type MigrationDir } from '../migrate/dir';
import { hash, nonTextWarning } from '../engine/folder';
import { SumError } from '../migrate/sum';
import { withDirFormat } from '../migrate/formats';

export const usage = 'atlas-wb migrate hash [--dir file://migrations] [--env NAME] [-c file://atlas.hcl]';

/** Flags every file-level migrate command accepts (Atlas's names). */
export const dirFlags: FlagSpec = {
  dir: { type: 'string' },
  'dir-format': { type: 'string' },
  env: { type: 'string' },
  config: { type: 'string', short: 'c' },
  var: { type: 'array' },
};

/**
 * The migration folder named by `--dir` (default `file://migrations`), or by the env's `migration { dir }` when
 * `--env` is given and `--dir` is not. Errors become UserError with Atlas's text.
 */
export async function dirFromFlags(io: CliIO, p: Parsed, create = false): Promise<MigrationDir> {
  let url = str(p, 'dir');
  let cwd = io.cwd;
  let envFormat: string | undefined;
  if (url === undefined && (str(p, 'env') !== undefined || str(p, 'config') !== undefined)) {
    const { envFromFlags } = await import('./project');
    const env = await envFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') });
    if (env?.migration.dir) {
      url = env.migration.dir;
      envFormat = env.migration.format;
      cwd = (await import('node:path')).dirname(env.configPath);
    }
  }
  url ??= 'file://migrations';
  url = withDirFormat(url, str(p, 'dir-format') ?? envFormat);
  try {
    return openDir(url, cwd, { create });
  } catch (e) {
    if (e instanceof DirError) throw new UserError(e.message);
    throw e;
  }
}

/** Runs fn mapping engine errors (DirError, SumError) to UserError. */
export function userErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DirError || e instanceof SumError) throw new UserError(e.message);
    throw e;
  }
}

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, { ...dirFlags, force: { type: 'boolean' } });
  if (p.positional.length > 0) throw new UserError(`unknown command ${JSON.stringify(p.positional[0])} for "atlas-wb migrate hash"`);
  if (p.flags.force !== undefined) io.err('Flag --force has been deprecated, you can safely omit it.\n');
  const dir = await dirFromFlags(io, p);
  const { nonText } = hash(dir);
  for (const f of nonText) io.err(nonTextWarning(f.name, f.problem));
  return 0;
};
