// Eight CLI processes apply the same folder to one database at once: the advisory lock makes each
// file run exactly once; every process ends successfully. The run that gets Atlas's lock is held at a
// gate in its first file until the seven others are seen polling for that lock, so the test proves
// the eight runs overlapped instead of hoping they did.
import assert from 'node:assert/strict';
import pg from 'pg';
import { adminQuery, dbUrl, dropDb, migrationDir, revisions, scratchDb, spawnCli } from './support';
import { EXECUTE_LOCK, fnv1_32 } from '../../../server/src/migrate/lock';

const GATE = 7_500_000;
const LOCK_KEY = fnv1_32(EXECUTE_LOCK);

interface Backend {
  pid: number;
  query: string;
  holds: boolean;
  gated: boolean;
}

/** The apply sessions on `db`: their last statement, whether they hold Atlas's lock, whether they wait at the gate. */
async function applySessions(db: string): Promise<Backend[]> {
  return adminQuery<Backend & pg.QueryResultRow>(
    `SELECT a.pid, a.query,
            EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.classid = 0 AND l.objid = $2 AND l.granted) AS holds,
            EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.classid = 0 AND l.objid = $3 AND NOT l.granted) AS gated
       FROM pg_stat_activity a WHERE a.datname = $1 AND a.application_name = 'atlas-workbench'`,
    [db, LOCK_KEY, GATE],
    db,
  );
}

describe('eight concurrent applies', function () {
  this.timeout(180_000);
  let db: string;
  before(async () => {
    db = await scratchDb('concurrent');
  });
  after(async () => {
    await dropDb(db);
  });

  it('overlap at the lock, and each file runs exactly once', async () => {
    const files: Record<string, string> = { '01_log.sql': `SELECT pg_advisory_xact_lock_shared(${GATE});\nCREATE TABLE log (v text PRIMARY KEY);\n` };
    for (let i = 2; i <= 10; i++) files[`${String(i).padStart(2, '0')}_f.sql`] = `INSERT INTO log VALUES ('${i}.a');\nINSERT INTO log VALUES ('${i}.b');\n`;
    const dir = migrationDir(files);
    const gate = new pg.Client({ connectionString: dbUrl(db) });
    await gate.connect();
    await gate.query('SELECT pg_advisory_lock($1)', [GATE]);
    const children = Array.from({ length: 8 }, () => spawnCli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--lock-timeout', '120s']));
    let ended = false;
    void Promise.race(children.map((c) => c.output)).then(() => {
      ended = true;
    });
    // Atlas polls its lock with pg_try_advisory_lock, so a waiting run is not a waiter in
    // pg_locks: it is a session whose last statement is that poll while another session holds the lock.
    const deadline = Date.now() + 120_000;
    let seen: Backend[] = [];
    for (;;) {
      seen = await applySessions(db);
      const holder = seen.filter((b) => b.holds);
      const polling = seen.filter((b) => !b.holds && b.query.startsWith('SELECT pg_try_advisory_lock('));
      if (holder.length === 1 && holder[0].gated && polling.length === 7) break;
      assert.ok(!ended, `an apply ended before the eight overlapped: ${JSON.stringify(seen)}`);
      assert.ok(Date.now() < deadline, `the eight applies never overlapped at the lock: ${JSON.stringify(seen)}`);
      await new Promise((r) => setImmediate(r));
    }
    assert.equal(new Set(seen.map((b) => b.pid)).size, 8);
    await gate.end();
    const results = await Promise.all(children.map((c) => c.output));
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const applied = results.filter((r) => r.stdout.startsWith('Migrating to version 10 (10 migrations in total):'));
    const idle = results.filter((r) => r.stdout === 'No migration files to execute\n');
    assert.equal(applied.length, 1, results.map((r) => r.stdout).join('\n---\n'));
    assert.equal(idle.length, 7, results.map((r) => r.stdout).join('\n---\n'));
    const rows = await adminQuery<{ n: number }>('SELECT count(*)::int AS n FROM log', [], db);
    assert.equal(rows[0].n, 18);
    assert.equal((await revisions(db)).length, 10);
  });

  it("a lock held by another session times out with Atlas's message", async () => {
    const dir = migrationDir({ '1_a.sql': 'SELECT 1;\n' });
    const holder = new pg.Client({ connectionString: dbUrl(db) });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(2686470616)');
    try {
      const r = await spawnCli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--lock-timeout', '200ms']).output;
      assert.equal(r.code, 1);
      assert.equal(r.stderr, 'Error: acquiring database lock: sql/schema: lock is held by other session\n');
    } finally {
      await holder.end();
    }
  });
});
