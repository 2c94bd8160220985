// The one replay function (migrate/replay.ts) on the embedded dev database: up to a version, as one batch with
// the failing statement located afterwards, cancelled between statements. Real PGlite, real folders.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openDevDatabase, stopEmbeddedServer, type DevDatabase } from '../../../server/src/db/dev';
import { openDirPath } from '../../../server/src/migrate/dir';
import { ReplayError, replayDir } from '../../../server/src/migrate/replay';
import { migrationDir } from '../apply/support';

const tables = async (db: DevDatabase) =>
  (await db.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.t);

describe('migrate/replay replayDir', function () {
  this.timeout(120000);
  const made: string[] = [];
  const folder = (files: Record<string, string>) => {
    const d = migrationDir(files);
    made.push(d);
    return openDirPath(d);
  };
  after(async () => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
    await stopEmbeddedServer();
  });

  it('replays up to a version and no further', async () => {
    const dir = folder({ '1_a.sql': 'CREATE TABLE a (id int);\n', '2_b.sql': 'CREATE TABLE b (id int);\n', '3_c.sql': 'CREATE TABLE c (id int);\n' });
    const dev = await openDevDatabase();
    try {
      await replayDir(dev, dir, { upTo: '2' });
      assert.deepEqual(await tables(dev), ['a', 'b']);
    } finally {
      await dev.close();
    }
  });

  it("as a batch: a failure is located in its file and statement, with Atlas's text", async () => {
    const dir = folder({ '1_a.sql': 'CREATE TABLE a (id int);\n', '2_b.sql': 'CREATE TABLE b (id int);\nCREATE TABLE a (id int);\n' });
    const dev = await openDevDatabase();
    try {
      await assert.rejects(
        replayDir(dev, dir, { batch: true }),
        (e: Error) =>
          e instanceof ReplayError &&
          e.message.startsWith('sql/migrate: executing statement "CREATE TABLE a (id int);" from version "2": ') &&
          /already exists/.test(e.message),
      );
      assert.deepEqual(await tables(dev), ['a', 'b'], 'after the batch rolled back, file by file up to the failing statement');
    } finally {
      await dev.close();
    }
  });

  it('stops between statements when cancelled, reporting progress per file', async () => {
    const dir = folder({ '1_a.sql': 'CREATE TABLE a (id int);\n', '2_b.sql': 'CREATE TABLE b (id int);\n' });
    const ac = new AbortController();
    const seen: string[] = [];
    const dev = await openDevDatabase();
    try {
      const progress = (m: string) => {
        seen.push(m);
        if (m === 'replaying 2_b.sql') ac.abort();
      };
      await assert.rejects(replayDir(dev, dir, { signal: ac.signal, progress }), { message: 'replay cancelled' });
      assert.deepEqual(seen, ['replaying 1_a.sql', 'replaying 2_b.sql']);
      assert.deepEqual(await tables(dev), ['a']);
    } finally {
      await dev.close();
    }
  });
});
