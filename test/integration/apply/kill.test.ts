// Reliability with real processes: SIGKILL the applying CLI at every statement boundary of a
// multi-file apply, and between a statement's end and the revision write that records it, in each tx
// mode; restart it, and check nothing is lost or applied twice and the revisions table agrees with
// the data. The test knows where the process is through advisory-lock gates it holds, never through
// sleeps: gate statements in the files block before a statement, and a trigger on the revisions
// table blocks the write that records a statement. What ran is read back from the data itself (the
// `log` rows, the catalog), compared with a hand-written map of the files, not with our splitter.
import assert from 'node:assert/strict';
import pg from 'pg';
import { adminQuery, dbUrl, dropDb, migrationDir, revisions, scratchDb, spawnCli } from './support';
import { REVISIONS_TABLE, revisionsTableDDL } from '../../../server/src/migrate/revisions';

const GATE = 7_300_000;
/** Key the revisions trigger waits on before writing `applied = n` for `version`. */
const REV_GATE = 7_400_000;
const revKey = (version: number, applied: number) => REV_GATE + version * 100 + applied;

// `log` has no key on purpose: a statement that runs twice leaves a duplicate row instead of failing.
const FILES: Record<string, string> = {
  '1_first.sql': `CREATE TABLE log (v text);\nSELECT pg_advisory_xact_lock_shared(${GATE + 1});\nINSERT INTO log VALUES ('1.a');\nSELECT pg_advisory_xact_lock_shared(${GATE + 2});\nINSERT INTO log VALUES ('1.b');\n`,
  '2_second.sql': `SELECT pg_advisory_xact_lock_shared(${GATE + 3});\nINSERT INTO log VALUES ('2.a');\nSELECT pg_advisory_xact_lock_shared(${GATE + 4});\nINSERT INTO log VALUES ('2.b');\n`,
};
/** What each statement of FILES leaves behind, written by hand: a log row, the log table, or nothing. */
const EFFECTS: Record<string, Array<string | null>> = {
  '1': ['table', null, '1.a', null, '1.b'],
  '2': [null, '2.a', null, '2.b'],
};

/** Where a run is killed: blocked in a gate statement, or in the revision write after a statement. */
type KillPoint = { gate: number } | { rev: [version: number, applied: number] };
const key = (p: KillPoint) => ('gate' in p ? GATE + p.gate : revKey(...p.rev));
const label = (p: KillPoint) => ('gate' in p ? `before statement gate ${p.gate}` : `in the revision write of version ${p.rev[0]} applied=${p.rev[1]}`);

// In none mode every statement is recorded on its own; in file and all mode only whole files are.
const POINTS: Record<'file' | 'all' | 'none', Array<{ at: KillPoint; resume?: [string, number] }>> = {
  none: [
    { at: { rev: [1, 1] }, resume: ['1', 0] },
    { at: { gate: 1 }, resume: ['1', 1] },
    { at: { rev: [1, 3] }, resume: ['1', 2] },
    { at: { gate: 2 }, resume: ['1', 3] },
    { at: { rev: [1, 5] }, resume: ['1', 4] },
    { at: { gate: 3 }, resume: ['2', 0] },
    { at: { rev: [2, 2] }, resume: ['2', 1] },
    { at: { gate: 4 }, resume: ['2', 2] },
    { at: { rev: [2, 4] }, resume: ['2', 3] },
  ],
  file: [{ at: { gate: 1 } }, { at: { gate: 2 } }, { at: { rev: [1, 5] } }, { at: { gate: 3 } }, { at: { gate: 4 } }, { at: { rev: [2, 4] } }],
  all: [{ at: { gate: 1 } }, { at: { gate: 2 } }, { at: { rev: [1, 5] } }, { at: { gate: 3 } }, { at: { gate: 4 } }, { at: { rev: [2, 4] } }],
};

/** Polls `check` until true; fails at once if the watched process ends first. */
async function until(what: string, check: () => Promise<boolean>, child?: ReturnType<typeof spawnCli>, ms = 60_000): Promise<void> {
  let exited: { code: number | null; stderr: string } | undefined;
  void child?.output.then((o) => {
    exited = o;
  });
  const end = Date.now() + ms;
  while (!(await check())) {
    if (exited) throw new Error(`apply ended (exit ${exited.code}) before ${what}: ${exited.stderr}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** Pre-creates Atlas's revisions table with a trigger that waits on the gate of each write it sees. */
async function installRevisionGate(db: string): Promise<void> {
  const s = 'atlas_schema_revisions';
  await adminQuery(`CREATE SCHEMA ${s}`, [], db);
  await adminQuery(revisionsTableDDL().replace(`CREATE TABLE "${REVISIONS_TABLE}"`, `CREATE TABLE ${s}.${REVISIONS_TABLE}`), [], db);
  await adminQuery(
    `CREATE FUNCTION ${s}.gate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_advisory_xact_lock_shared(${REV_GATE} + NEW.version::int * 100 + NEW.applied::int); RETURN NEW; END $$`,
    [],
    db,
  );
  await adminQuery(`CREATE TRIGGER gate BEFORE INSERT OR UPDATE ON ${s}.${REVISIONS_TABLE} FOR EACH ROW EXECUTE FUNCTION ${s}.gate()`, [], db);
}

/** What the revisions say must exist, from the hand-written EFFECTS map. */
async function expectedEffects(db: string): Promise<{ table: boolean; rows: string[] }> {
  const out = { table: false, rows: [] as string[] };
  for (const r of await revisions(db)) {
    for (const e of EFFECTS[r.version].slice(0, Number(r.applied))) {
      if (e === 'table') out.table = true;
      else if (e !== null) out.rows.push(e);
    }
  }
  out.rows.sort();
  return out;
}

/** What exists: the log table in the catalog, and every row of it (duplicates kept). */
async function actualEffects(db: string): Promise<{ table: boolean; rows: string[] }> {
  const t = await adminQuery(`SELECT 1 FROM pg_class WHERE relname = 'log' AND relnamespace = 'public'::regnamespace`, [], db);
  if (t.length === 0) return { table: false, rows: [] };
  return { table: true, rows: (await adminQuery<{ v: string }>('SELECT v FROM log ORDER BY v', [], db)).map((r) => r.v) };
}

for (const mode of ['file', 'all', 'none'] as const) {
  describe(`SIGKILL at statement boundaries and before revision writes, tx mode ${mode}`, function () {
    this.timeout(300_000);
    let db: string;
    before(async () => {
      db = await scratchDb(`kill_${mode}`);
      await installRevisionGate(db);
    });
    after(async () => {
      await dropDb(db);
    });

    it('never loses or repeats a statement and keeps revisions in step with the data', async () => {
      const dir = migrationDir(FILES);
      const args = ['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--tx-mode', mode, '--lock-timeout', '60s'];
      for (const { at, resume } of POINTS[mode]) {
        const gate = new pg.Client({ connectionString: dbUrl(db) });
        await gate.connect();
        await gate.query('SELECT pg_advisory_lock($1)', [key(at)]);
        const child = spawnCli(args);
        await until(
          `apply to block ${label(at)}`,
          async () => (await adminQuery(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [key(at)], db)).length > 0,
          child,
        );
        child.kill('SIGKILL');
        const res = await child.output;
        assert.equal(res.signal, 'SIGKILL');
        // A blocked backend would finish (and in autocommit, commit) its statement once the gate opens, as
        // if the dead client had got further; end it first, as the lost connection would, then open the gate.
        await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'atlas-workbench'`, [db]);
        await until(
          'the killed session to end',
          async () => (await adminQuery(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'atlas-workbench'`, [db])).length === 0,
        );
        await gate.end();
        assert.deepEqual(await actualEffects(db), await expectedEffects(db), `after a kill ${label(at)}`);
        if (resume) {
          const revs = await revisions(db);
          const last = revs[revs.length - 1];
          assert.deepEqual([last.version, Number(last.applied)], resume, `resume point after a kill ${label(at)}`);
        }
      }
      const fin = spawnCli(args);
      const out = await fin.output;
      assert.equal(out.code, 0, out.stderr);
      assert.deepEqual(await actualEffects(db), { table: true, rows: ['1.a', '1.b', '2.a', '2.b'] });
      const revs = await revisions(db);
      assert.deepEqual(
        revs.map((r) => [r.version, r.applied, r.total, r.error]),
        [
          ['1', '5', '5', ''],
          ['2', '4', '4', ''],
        ],
      );
      const again = await spawnCli(args).output;
      assert.equal(again.stdout, 'No migration files to execute\n');
    });
  });
}
