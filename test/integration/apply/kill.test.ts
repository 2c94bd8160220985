// Reliability with real processes: SIGKILL the applying CLI at every statement boundary of a
// multi-file apply, in each tx mode, restart it, and check nothing is lost or applied twice and the
// revisions table agrees with the data. The test knows where the process is through advisory-lock
// gates it holds (the gate statement blocks until the test lets go), never through sleeps.
import assert from 'node:assert/strict';
import pg from 'pg';
import { adminQuery, dbUrl, dropDb, migrationDir, revisions, scratchDb, spawnCli } from './support';
import { splitStatements } from '../../../server/src/migrate/splitter';

const GATE = 7_300_000;
// Two files, gates before every data statement: boundaries 1..4.
const FILES: Record<string, string> = {
  '1_first.sql': `CREATE TABLE log (v text PRIMARY KEY);\nSELECT pg_advisory_xact_lock_shared(${GATE + 1});\nINSERT INTO log VALUES ('1.a');\nSELECT pg_advisory_xact_lock_shared(${GATE + 2});\nINSERT INTO log VALUES ('1.b');\n`,
  '2_second.sql': `SELECT pg_advisory_xact_lock_shared(${GATE + 3});\nINSERT INTO log VALUES ('2.a');\nSELECT pg_advisory_xact_lock_shared(${GATE + 4});\nINSERT INTO log VALUES ('2.b');\n`,
};

async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** Log rows the revisions say must exist: all data rows of complete files, the first `applied` statements of a partial one. */
async function expectedRows(db: string): Promise<string[]> {
  const out: string[] = [];
  for (const r of await revisions(db)) {
    const name = Object.keys(FILES).find((n) => n.startsWith(`${r.version}_`))!;
    const stmts = splitStatements(FILES[name]).slice(0, Number(r.applied));
    for (const s of stmts) { const m = /VALUES \('([^']+)'\)/.exec(s.text); if (m) out.push(m[1]); }
  }
  return out.sort();
}

async function actualRows(db: string): Promise<string[]> {
  const t = await adminQuery(`SELECT 1 FROM pg_class WHERE relname = 'log'`, [], db);
  if (t.length === 0) return [];
  return (await adminQuery<{ v: string }>('SELECT v FROM log ORDER BY v', [], db)).map((r) => r.v);
}

for (const mode of ['file', 'all', 'none'] as const) {
  describe(`SIGKILL at statement boundaries, tx mode ${mode}`, function () {
    this.timeout(180_000);
    let db: string;
    before(async () => { db = await scratchDb(`kill_${mode}`); });
    after(async () => { await dropDb(db); });

    it('never loses or repeats a statement and keeps revisions in step with the data', async () => {
      const dir = migrationDir(FILES);
      const args = ['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--tx-mode', mode, '--lock-timeout', '60s'];
      for (let b = 1; b <= 4; b++) {
        const gate = new pg.Client({ connectionString: dbUrl(db) });
        await gate.connect();
        await gate.query('SELECT pg_advisory_lock($1)', [GATE + b]);
        const child = spawnCli(args);
        await until(`apply to reach boundary ${b}`, async () => (await adminQuery(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [GATE + b], db)).length > 0);
        child.kill('SIGKILL');
        const res = await child.output;
        assert.equal(res.signal, 'SIGKILL');
        await gate.end();
        // The killed session ends once its gate is released; then the table must agree with the data.
        await until('the killed session to end', async () => (await adminQuery(
          `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'atlas-workbench'`, [db])).length === 0);
        assert.deepEqual(await actualRows(db), await expectedRows(db), `after kill at boundary ${b}`);
        if (mode === 'none') {
          // none mode keeps the progress made before the gate of boundary b: the resume point
          const revs = await revisions(db);
          const last = revs[revs.length - 1];
          assert.deepEqual([last.version, Number(last.applied)], [b <= 2 ? '1' : '2', [1, 3, 0, 2][b - 1]]);
        }
      }
      const fin = spawnCli(args);
      const out = await fin.output;
      assert.equal(out.code, 0, out.stderr);
      assert.deepEqual(await actualRows(db), ['1.a', '1.b', '2.a', '2.b']);
      const revs = await revisions(db);
      assert.deepEqual(revs.map((r) => [r.version, r.applied, r.total, r.error]), [['1', '5', '5', ''], ['2', '4', '4', '']]);
      const again = await spawnCli(args).output;
      assert.equal(again.stdout, 'No migration files to execute\n');
    });
  });
}
