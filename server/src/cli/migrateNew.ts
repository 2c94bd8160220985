// `atlas-wb migrate new [NAME] [--dir URL]`: validates, creates the folder if missing, writes an empty
// `<UTC YYYYMMDDHHMMSS>[_NAME].sql` and re-hashes atlas.sum (atomically). No output, as Atlas.
import { parseArgs, bool } from './args';
import { UserError, type CliCommand } from './io';
import { dirFlags, dirFromFlags } from './migrateHash';
import { viaEngine } from './engineCall';
import { newMigration } from '../engine/migrate';

export const usage = 'atlas-wb migrate new [NAME] [--dir file://migrations] [--env NAME] [-c file://atlas.hcl]';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, { ...dirFlags, edit: { type: 'boolean' } });
  if (p.positional.length > 1) throw new UserError(`accepts at most 1 arg(s), received ${p.positional.length}`);
  if (bool(p, 'edit')) throw new UserError('--edit is not supported by atlas-wb: open the new file in your editor');
  const dir = await dirFromFlags(io, p, true);
  await viaEngine(io, () => newMigration(dir, p.positional[0]));
  return 0;
};
