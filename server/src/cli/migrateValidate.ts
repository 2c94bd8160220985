// `atlas-wb migrate validate [--dir URL] [--dev-url URL]`: Atlas's atlas.sum check, its exact output and exit code.
// With a dev URL (--dev-url or the env's `dev`) the folder is also replayed on a clean dev database (engine `validate`).
import { devUrlOf, parseArgs, str, strs } from './args';
import { UserError, type CliCommand } from './io';
import { dirFlags, dirFromFlags } from './migrateHash';
import { viaEngine } from './engineCall';
import { checkedDir, validate } from '../engine/migrate';

export const usage = 'atlas-wb migrate validate [--dir file://migrations] [--dev-url URL] [--env NAME] [-c file://atlas.hcl]';

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, { ...dirFlags, 'dev-url': { type: 'string' } });
  if (p.positional.length > 0) throw new UserError(`unknown command ${JSON.stringify(p.positional[0])} for "atlas-wb migrate validate"`);
  const dir = await dirFromFlags(io, p);
  await viaEngine(io, () => checkedDir(dir));
  const env =
    str(p, 'dev-url') === undefined && (str(p, 'env') !== undefined || str(p, 'config') !== undefined)
      ? await (await import('./project')).envFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') })
      : undefined;
  await viaEngine(io, () => validate(dir, devUrlOf(p, env, io), io));
  return 0;
};
