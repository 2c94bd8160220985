// `atlas-wb migrate validate [--dir URL] [--dev-url URL]`: Atlas's atlas.sum check, its exact output and exit code.
// With a dev URL (--dev-url, the env's `dev`, or the editor's default dev database) the folder is also replayed on
// the dev database through `devReplay.run` (hook for the database part).
import { devUrlOf, parseArgs, str, strs } from './args';
import { UserError, type CliCommand, type CliIO } from './io';
import { dirFlags, dirFromFlags, userErrors } from './migrateHash';
import type { MigrationDir } from '../migrate/dir';
import { checkDir, checksumErrorText } from '../migrate/validate';

export const usage = 'atlas-wb migrate validate [--dir file://migrations] [--dev-url URL] [--env NAME] [-c file://atlas.hcl]';

/**
 * Hook for `--dev-url`: replays every file of the folder on a clean dev database and throws on the first error.
 * Set by the database engine (`devReplay.run = …`); the message is wrapped as Atlas does:
 * `replaying the migration directory: <err>`.
 */
export const devReplay: { run?: (dir: MigrationDir, devUrl: string, io: CliIO) => Promise<void> } = {};

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, { ...dirFlags, 'dev-url': { type: 'string' } });
  if (p.positional.length > 0) throw new UserError(`unknown command ${JSON.stringify(p.positional[0])} for "atlas-wb migrate validate"`);
  const dir = await dirFromFlags(io, p);
  const problem = userErrors(() => checkDir(dir));
  if (problem) {
    io.out(checksumErrorText(problem));
    throw new UserError(problem.message);
  }
  const env =
    str(p, 'dev-url') === undefined && (str(p, 'env') !== undefined || str(p, 'config') !== undefined)
      ? await (await import('./project')).envFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') })
      : undefined;
  const devUrl = devUrlOf(p, env, io);
  if (devUrl === undefined || devUrl === '') return 0;
  if (!devReplay.run) throw new UserError('migrate validate --dev-url: replaying on a dev database is not available in this build');
  try {
    await devReplay.run(dir, devUrl, io);
  } catch (e) {
    throw new UserError(`replaying the migration directory: ${e instanceof Error ? e.message : String(e)}`);
  }
  return 0;
};
