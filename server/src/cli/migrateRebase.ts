// `atlas-wb migrate rebase VERSION… [--dir URL | --env NAME]`: moves the named migration files (versions or file
// names) after the folder's latest version and re-hashes atlas.sum (atomically); works on a git-conflicted atlas.sum.
// Prints nothing on stdout (a file command, like `migrate hash`); each rename is reported on stderr.
import { parseArgs } from './args';
import { UserError, type CliCommand } from './io';
import { dirFlags, dirFromFlags } from './migrateHash';
import { applyRebase, planRebase } from '../engine/rebase';
import { EngineError } from '../engine/errors';

export const usage = 'atlas-wb migrate rebase VERSION... [--dir file://migrations] [--env NAME] [-c file://atlas.hcl]';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, dirFlags);
  if (p.positional.length === 0) throw new UserError('requires at least 1 arg(s), only received 0');
  const dir = await dirFromFlags(io, p);
  try {
    const plan = planRebase(dir, p.positional);
    applyRebase(dir, plan);
    for (const r of plan.renames) io.err(`Renamed ${r.from} to ${r.to}\n`);
  } catch (e) {
    if (e instanceof EngineError) throw new UserError(e.message);
    throw e;
  }
  return 0;
};
