// `migrate validate --dev-url`: replays the folder (from its last checkpoint) on a clean dev database,
// statement by statement without transactions, as Atlas's Executor.Replay does. Errors carry Atlas's
// `sql/migrate: executing statement %q from version %q: <err>` text; the caller wraps them. Closing the dev
// database hands it back clean, after a failing statement or a cancel too.
import { openDevDatabase } from '../db/dev';
import type { MigrationDir } from './dir';

/** Where the replay reports (the CLI's io satisfies it): warnings, progress, cancellation. */
export interface ReplaySink {
  /** warnings (the dev database's version notice), one line each */
  err(text: string): void;
  progress?(message: string, percentage?: number): void;
  signal?: AbortSignal;
}

export async function replayOnDev(dir: MigrationDir, devUrl: string, io?: ReplaySink): Promise<void> {
  const dev = await openDevDatabase(devUrl);
  try {
    if (dev.versionNotice) io?.err(`Warning: ${dev.versionNotice.message}\n`);
    const files = dir.filesFromLastCheckpoint();
    for (const [i, f] of files.entries()) {
      io?.progress?.(`replaying ${f.name}`, Math.round((i / Math.max(files.length, 1)) * 100));
      for (const st of f.stmts()) {
        if (io?.signal?.aborted) throw new Error('replay cancelled');
        try { await dev.exec(st.text); } catch (e) {
          throw new Error(`sql/migrate: executing statement ${JSON.stringify(st.text)} from version ${JSON.stringify(f.version)}: ${(e as Error).message}`);
        }
      }
    }
  } finally {
    await dev.close();
  }
}
