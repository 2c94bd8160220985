// Eight CLI processes apply the same folder to one database at once: the advisory lock makes each
// file run exactly once; every process ends successfully.
import assert from 'node:assert/strict';
import { adminQuery, dbUrl, dropDb, migrationDir, revisions, scratchDb, spawnCli } from './support';

describe('eight concurrent applies', function () {
  this.timeout(180_000);
  let db: string;
  before(async () => { db = await scratchDb('concurrent'); });
  after(async () => { await dropDb(db); });

  it('runs each file exactly once', async () => {
    const files: Record<string, string> = { '01_log.sql': 'CREATE TABLE log (v text PRIMARY KEY);\n' };
    for (let i = 2; i <= 10; i++) files[`${String(i).padStart(2, '0')}_f.sql`] = `INSERT INTO log VALUES ('${i}.a');\nINSERT INTO log VALUES ('${i}.b');\n`;
    const dir = migrationDir(files);
    const runs = Array.from({ length: 8 }, () => spawnCli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--lock-timeout', '120s']).output);
    const results = await Promise.all(runs);
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const applied = results.filter((r) => r.stdout.startsWith('Migrating to version 10 (10 migrations in total):'));
    const idle = results.filter((r) => r.stdout === 'No migration files to execute\n');
    assert.equal(applied.length, 1, results.map((r) => r.stdout).join('\n---\n'));
    assert.equal(idle.length, 7);
    const rows = await adminQuery<{ n: number }>('SELECT count(*)::int AS n FROM log', [], db);
    assert.equal(rows[0].n, 18);
    assert.equal((await revisions(db)).length, 10);
  });

  it('a lock held by another session times out with Atlas\'s message', async () => {
    const dir = migrationDir({ '1_a.sql': 'SELECT 1;\n' });
    const pg = await import('pg');
    const holder = new pg.default.Client({ connectionString: dbUrl(db) });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(2686470616)');
    try {
      const r = await spawnCli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--lock-timeout', '200ms']).output;
      assert.equal(r.code, 1);
      assert.equal(r.stderr, 'Error: acquiring database lock: sql/schema: lock is held by other session\n');
    } finally { await holder.end(); }
  });
});
