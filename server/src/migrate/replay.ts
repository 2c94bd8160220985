// Replaying a migration folder (from its last checkpoint) on a database, as Atlas's Executor.Replay does: the one
// replay function, with options for its callers (`migrate validate --dev-url` file by file with progress and
// cancel; the diff flow as one batch first, for speed). Errors carry Atlas's text
// `sql/migrate: executing statement %q from version %q: <err>`; callers wrap them in their own error kinds.
import { openDevDatabase } from '../db/dev';
import type { Database } from '../db/types';
import type { MigrationDir } from './dir';

export class ReplayError extends Error {}

export interface ReplayOptions {
  /** replay only files whose version is ≤ this one */
  upTo?: string;
  /** try the whole folder as one batch first (one round trip; rolled back on failure, then file by file for the error) */
  batch?: boolean;
  progress?(message: string, percentage?: number): void;
  signal?: AbortSignal;
}

const txControl = /^(BEGIN|COMMIT|END|ROLLBACK|START\s+TRANSACTION|SAVEPOINT|RELEASE|ABORT)\b/i;

export async function replayDir(db: Pick<Database, 'exec'>, dir: MigrationDir, opts: ReplayOptions = {}): Promise<void> {
  const files = dir.filesFromLastCheckpoint().filter((f) => opts.upTo === undefined || f.version <= opts.upTo);
  const perFile = files.map((f) => ({ name: f.name, version: f.version, stmts: f.stmts().map((s) => s.text) }));
  if (opts.batch && perFile.length > 1) {
    const all = perFile.flatMap((f) => f.stmts);
    if (!all.some((s) => txControl.test(s))) {
      try {
        await db.exec(all.join('\n'));
        return;
      } catch {
        /* rolled back: locate the failing file and statement below */
      }
    }
  }
  for (const [i, f] of perFile.entries()) {
    opts.progress?.(`replaying ${f.name}`, Math.round((i / Math.max(perFile.length, 1)) * 100));
    for (const st of f.stmts) {
      if (opts.signal?.aborted) throw new ReplayError('replay cancelled');
      try {
        await db.exec(st);
      } catch (e) {
        throw new ReplayError(`sql/migrate: executing statement ${JSON.stringify(st)} from version ${JSON.stringify(f.version)}: ${(e as Error).message}`);
      }
    }
  }
}

/** Where `replayOnDev` reports (the CLI's io satisfies it): warnings, progress, cancellation. */
export interface ReplaySink {
  /** warnings (the dev database's version notice), one line each */
  err(text: string): void;
  progress?(message: string, percentage?: number): void;
  signal?: AbortSignal;
}

/**
 * `migrate validate --dev-url`: replays the folder on a clean dev database, statement by statement without
 * transactions. Closing the dev database hands it back clean, after a failing statement or a cancel too.
 */
export async function replayOnDev(dir: MigrationDir, devUrl: string, io?: ReplaySink): Promise<void> {
  const dev = await openDevDatabase(devUrl);
  try {
    if (dev.versionNotice) io?.err(`Warning: ${dev.versionNotice.message}\n`);
    await replayDir(dev, dir, { progress: io?.progress?.bind(io), signal: io?.signal });
  } finally {
    await dev.close();
  }
}
