// `migrate validate --dev-url`: replays the folder (from its last checkpoint) on a clean dev database,
// statement by statement without transactions, as Atlas's Executor.Replay does. Errors carry Atlas's
// `sql/migrate: executing statement %q from version %q: <err>` text; the caller wraps them.
import type { CliIO } from '../cli/io';
import { openDevDatabase } from '../db/dev';
import type { MigrationDir } from './dir';

export async function replayOnDev(dir: MigrationDir, devUrl: string, io?: CliIO): Promise<void> {
  const dev = await openDevDatabase(devUrl);
  try {
    const files = dir.filesFromLastCheckpoint();
    for (const [i, f] of files.entries()) {
      io?.progress?.(`replaying ${f.name}`, Math.round((i / Math.max(files.length, 1)) * 100));
      for (const st of f.stmts()) {
        try { await dev.exec(st.text); } catch (e) {
          throw new Error(`sql/migrate: executing statement ${JSON.stringify(st.text)} from version ${JSON.stringify(f.version)}: ${(e as Error).message}`);
        }
      }
    }
  } finally {
    await dev.close();
  }
}
