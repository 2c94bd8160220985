// Engine API for the folder operations of `migrate`: the atlas.sum check every command starts with, validate
// (atlas.sum, then a replay on a dev database), new (an empty file), set (the revisions table only) and
// diff/generate (the next migration file from the desired state). Data in, data out; EngineError on failure.
// The database, the dev database and the differ are loaded on first use (hash/new/validate without a dev database
// need none of them).
import type { GenerateOptions, GenerateResult } from '../migrate/diff';
import { DirError, type MigrationDir } from '../migrate/dir';
import { createMigration, type NewMigration } from '../migrate/newFile';
import type { ReplaySink } from '../migrate/replay';
import type { SetResult } from '../migrate/set';
import { SumError } from '../migrate/sum';
import { checkDir, checksumErrorText } from '../migrate/validate';
import { EngineError, toEngineError } from './errors';
import type { Target } from './target';

/** Folder errors (an unreadable folder, a malformed atlas.sum) as `invalidInput`; the rest by kind. */
function folderError(e: unknown): EngineError {
  if (e instanceof DirError || e instanceof SumError) return new EngineError('invalidInput', e.message);
  return toEngineError(e);
}

/**
 * Atlas's integrity check: throws `checksumMismatch` (with Atlas's hint as the preamble) when atlas.sum does not
 * match the folder. `allowMissingSum` accepts a folder without atlas.sum (lint does).
 */
export function checkedDir(dir: MigrationDir, o: { allowMissingSum?: boolean } = {}): { sumMissing: boolean } {
  let problem;
  try {
    problem = checkDir(dir);
  } catch (e) {
    throw folderError(e);
  }
  if (!problem) return { sumMissing: false };
  if (o.allowMissingSum && /checksum file not found/.test(problem.message)) return { sumMissing: true };
  throw new EngineError('checksumMismatch', problem.message, { preamble: checksumErrorText(problem) });
}

export interface ValidateResult {
  /** false when no dev database was given: only atlas.sum was checked */
  replayed: boolean;
}

/** `migrate validate`: atlas.sum, then (with a dev URL) every file replayed on a clean dev database. */
export async function validate(dir: MigrationDir, devUrl: string | undefined, sink?: ReplaySink): Promise<ValidateResult> {
  checkedDir(dir);
  if (devUrl === undefined || devUrl === '') return { replayed: false };
  const { replayOnDev } = await import('../migrate/replay');
  try {
    await replayOnDev(dir, devUrl, sink);
  } catch (e) {
    const kind = toEngineError(e).kind;
    throw new EngineError(kind === 'other' ? 'execution' : kind, `replaying the migration directory: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { replayed: true };
}

/** `migrate new [name]`: an empty `<version>[_name].sql` after the folder's latest version; atlas.sum re-hashed. */
export function newMigration(dir: MigrationDir, name?: string): NewMigration {
  checkedDir(dir);
  try {
    return createMigration(dir, name);
  } catch (e) {
    throw folderError(e);
  }
}

/** `migrate set [version]`: records the database at `version` (revisions table only, nothing executed). */
export async function set(t: Target, o: { version?: string; revisionsSchema?: string }): Promise<SetResult> {
  checkedDir(t.dir);
  const { migrateSet } = await import('../migrate/set');
  try {
    return await migrateSet({ url: t.url, dir: t.dir, version: o.version, revisionsSchema: o.revisionsSchema, label: t.label });
  } catch (e) {
    throw toEngineError(e);
  }
}

export type GenerateInput = Omit<GenerateOptions, 'dir'> & { dir: MigrationDir };

/** `migrate diff [name]`: the next migration file (and atlas.sum), or `synced` when the folder matches the desired state. */
export async function generate(o: GenerateInput): Promise<GenerateResult> {
  checkedDir(o.dir);
  const [{ generateMigration }, { SourceError }, { DiffError }] = await Promise.all([
    import('../migrate/diff'),
    import('../migrate/diffSource'),
    import('../schema/diff'),
  ]);
  try {
    return await generateMigration(o);
  } catch (e) {
    if (e instanceof SourceError || e instanceof DiffError || e instanceof DirError || e instanceof SumError) throw new EngineError('invalidInput', e.message);
    throw toEngineError(e);
  }
}
