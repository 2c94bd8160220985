// Cancelling an apply between the statements of a file (real PostgreSQL 15): the second statement of a file waits on
// a lock held by another connection; the cancel comes while it waits, then the lock is released. The statement
// finishes, the third never runs, and the result says where it stopped. Without a transaction the revision row
// records the two applied statements (the next apply resumes at the third); a transactional file is rolled back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import pg from 'pg';
import { applyPlan, EngineError, planApply, targetOf, type Target } from '../../../server/src/engine';
import { openDirPath } from '../../../server/src/migrate/dir';
import { adminQuery, cli, dbUrl, dropDb, migrationDir, publicTables, revisions, scratchDb } from '../apply/support';

const work = (txmode: string) => `${txmode}CREATE TABLE a (id int);\nINSERT INTO gate VALUES (1);\nCREATE TABLE c (id int);\n`;

/** Resolves once a backend of `db` waits for a lock while running `INSERT INTO gate` (polled, one query at a time). */
async function waitingOnGate(db: string): Promise<void> {
  for (;;) {
    const r = await adminQuery<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO gate%'`,
      [db],
    );
    if (r[0].n !== '0') return;
  }
}

describe('engine API: cancel between the statements of a file', function () {
  this.timeout(120_000);
  let db: string;
  let dir: string;
  const target = (): Promise<Target> => targetOf({ url: dbUrl(db), dir: () => openDirPath(dir), cwd: dir });

  /** Applies 1_gate.sql, then plans 2_work.sql and applies it with a cancel while its INSERT waits on the lock. */
  async function cancelInSecondStatement(txmode: string): Promise<EngineError> {
    db = await scratchDb('cancelstmt');
    dir = migrationDir({ '1_gate.sql': 'CREATE TABLE gate (id int);\n', '2_work.sql': work(txmode) });
    const first = await cli(['migrate', 'apply', '1', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(first.code, 0, first.stderr);
    const { plan } = await planApply(await target(), {});
    assert.deepEqual(
      plan.files.map((f) => [f.name, f.statements.length]),
      [['2_work.sql', 3]],
    );
    const locker = new pg.Client({ connectionString: dbUrl(db) });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE gate IN ACCESS EXCLUSIVE MODE');
      const ac = new AbortController();
      const running = applyPlan(await target(), plan, { signal: ac.signal }).then(
        () => assert.fail('the apply ran to the end although it was cancelled'),
        (e: unknown) => e,
      );
      await waitingOnGate(db);
      ac.abort();
      await locker.query('COMMIT');
      const e = await running;
      assert.ok(e instanceof EngineError, String(e));
      return e;
    } finally {
      await locker.end();
    }
  }

  afterEach(async () => {
    await dropDb(db);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('without a transaction: the two statements that ran are recorded, the third never ran, the next apply resumes there', async () => {
    const e = await cancelInSecondStatement('-- atlas:txmode none\n\n');
    assert.equal(e.kind, 'cancelled', e.message);
    assert.deepEqual(e.detail.stopped, { version: '2', statement: 2, total: 3, rolledBack: false });
    assert.match(e.message, /^cancelled in version 2 before statement 3 of 3$/);
    assert.deepEqual(await publicTables(db), ['a', 'gate']);
    assert.deepEqual(await adminQuery('SELECT id FROM gate', [], db), [{ id: 1 }]);
    const rev = (await revisions(db)).find((r) => r.version === '2')!;
    assert.deepEqual([rev.applied, rev.total, rev.error], ['2', '3', e.message]);
    // The next plan resumes at the statement that did not run.
    const { plan } = await planApply(await target(), {});
    assert.deepEqual(
      plan.files.map((f) => [f.name, f.skipped, f.statements]),
      [['2_work.sql', 2, ['CREATE TABLE c (id int);']]],
    );
    await applyPlan(await target(), plan);
    assert.deepEqual(await publicTables(db), ['a', 'c', 'gate']);
    const done = (await revisions(db)).find((r) => r.version === '2')!;
    assert.deepEqual([done.applied, done.total, done.error], ['3', '3', '']);
  });

  it('in a file transaction: the file is rolled back and its revision row is not written', async () => {
    const e = await cancelInSecondStatement('');
    assert.equal(e.kind, 'cancelled', e.message);
    assert.deepEqual(e.detail.stopped, { version: '2', statement: 2, total: 3, rolledBack: true });
    assert.match(e.message, /^cancelled in version 2 before statement 3 of 3 \(the file was rolled back\)$/);
    assert.deepEqual(await publicTables(db), ['gate']);
    assert.deepEqual(await adminQuery('SELECT id FROM gate', [], db), []);
    assert.deepEqual(
      (await revisions(db)).map((r) => r.version),
      ['1'],
    );
  });
});
