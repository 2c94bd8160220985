// Wraps the folder commands (hash, validate, status, apply): when the folder is read as Atlas format but looks like
// another tool's, a warning names the likely format before the command runs, and its error (if any) carries the
// same hint, instead of leaving the user with a checksum or "history changed" error alone.
import { parseArgs } from './args';
import { UserError, type CliCommand, type CliIO, type CommandModule } from './io';
import type { MigrationDir } from '../migrate/dir';

/** The flags that select the folder (`dirFlags` of migrateHash, loaded lazily with it). */
const DIR_FLAG_NAMES = ['dir', 'dir-format', 'env', 'config', 'var'];

/** Only the folder-selecting flags of an argument list (other flags and positionals dropped). */
export function dirArgs(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = args[i] === '-c' ? ['-c', 'config', undefined] : /^--([\w-]+)(?:=(.*))?$/s.exec(args[i]);
    const name = m?.[1];
    if (!m || !name || !DIR_FLAG_NAMES.includes(name)) continue;
    if (m[2] !== undefined) out.push(`--${name}=${m[2]}`);
    else if (i + 1 < args.length) out.push(`--${name}`, args[++i]);
  }
  return out;
}

/** The warning and error hint for the folder these arguments select, or undefined (also when it cannot be resolved). */
export async function folderHint(args: string[], io: CliIO): Promise<{ warning: string; hint: string } | undefined> {
  const quiet: CliIO = { ...io, out: () => {}, err: () => {} };
  const { dirFlags, dirFromFlags } = await import('./migrateHash');
  const { foreignLayoutHint, foreignLayoutShortHint } = await import('../migrate/formats/detect');
  let dir: MigrationDir;
  try {
    dir = await dirFromFlags(quiet, parseArgs(dirArgs(args), dirFlags));
  } catch {
    return undefined;
  }
  if (dir.format !== 'atlas') return undefined;
  try {
    const found = dir.foreignLayout();
    if (!found) return undefined;
    return { warning: foreignLayoutHint(found, dir.display), hint: foreignLayoutShortHint(found, dir.display) };
  } catch {
    return undefined;
  }
}

/** The command module with the foreign-layout warning and error hint. */
export function withFormatHint(load: () => Promise<CommandModule>): () => Promise<CommandModule> {
  return async () => {
    const mod = await load();
    const run: CliCommand = async (args, io) => {
      if (args.includes('--help') || args.includes('-h')) return mod.run(args, io);
      const hint = await folderHint(args, io);
      if (hint) io.err(`Warning: ${hint.warning}\n`);
      try {
        return await mod.run(args, io);
      } catch (e) {
        if (hint && e instanceof UserError) throw new UserError(`${e.message}\nHint: ${hint.hint}`);
        throw e;
      }
    };
    return { ...mod, run };
  };
}

/**
 * The command module refusing folders of another tool's format: `migrate new` and `migrate diff` write Atlas-format
 * files only (Atlas writes each tool's own layout there, which atlas-wb does not yet), so they never mix formats.
 */
export function atlasFormatOnly(load: () => Promise<CommandModule>, verb: string): () => Promise<CommandModule> {
  return async () => {
    const mod = await load();
    const run: CliCommand = async (args, io) => {
      if (!args.includes('--help') && !args.includes('-h')) {
        const { dirFlags, dirFromFlags } = await import('./migrateHash');
        let format = 'atlas';
        try {
          format = (await dirFromFlags({ ...io, out: () => {}, err: () => {} }, parseArgs(dirArgs(args), dirFlags))).format;
        } catch {
          /* the command reports it */
        }
        if (format !== 'atlas') {
          throw new UserError(
            `migrate ${verb}: writing ${format}-format migration files is not supported by atlas-wb; ` +
              `convert the folder once with atlas-wb migrate import --from "<dir>?format=${format}" --to "file://<new folder>" and work there`,
          );
        }
      }
      return mod.run(args, io);
    };
    return { ...mod, run };
  };
}
