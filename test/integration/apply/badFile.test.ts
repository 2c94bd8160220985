// A pending file that cannot be split (unterminated dollar quote or string) stops `migrate apply` before the first
// statement runs: the error names the file, line and column, and the target is left exactly as it was.
import assert from 'node:assert/strict';
import path from 'node:path';
import { adminQuery, cli, dbUrl, migrationDir, revisions, scratchDbs } from './support';

const GOOD1 = 'CREATE TABLE users (id int PRIMARY KEY);\n';
const GOOD2 = 'ALTER TABLE users ADD COLUMN name text;\n';
const DOLLAR = 'CREATE TABLE audit (id int);\nCREATE FUNCTION f() RETURNS int AS $body$\n  SELECT 1;\n';
const QUOTE = "CREATE TABLE notes (id int);\nINSERT INTO notes VALUES (1);\nCOMMENT ON TABLE notes IS 'unterminated;\n";

async function userTables(db: string): Promise<string[]> {
  const rows = await adminQuery<{ t: string }>(
    `SELECT n.nspname || '.' || c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    [],
    db,
  );
  return rows.map((r) => r.t);
}

async function schemas(db: string): Promise<string[]> {
  const rows = await adminQuery<{ n: string }>(
    `SELECT nspname AS n FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`,
    [],
    db,
  );
  return rows.map((r) => r.n);
}

describe('migrate apply: a pending file that cannot be split (PostgreSQL 15)', function () {
  this.timeout(60_000);
  const newDb = scratchDbs();

  for (const [kind, broken, where] of [
    ['unterminated dollar quote', DOLLAR, ':2:36: unclosed dollar-quoted string $body$'],
    ['unterminated string', QUOTE, ':3:27: unclosed quote'],
  ] as const) {
    it(`${kind}: exit 1, error <file>:<line>:<col>, nothing applied (no revisions table, no objects)`, async () => {
      const db = await newDb('apply_badsplit');
      const dir = migrationDir({ '1_users.sql': GOOD1, '2_name.sql': GOOD2, '3_broken.sql': broken });
      const r = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`]);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '', 'no report is printed for a plan that never started');
      const file = path.join(dir, '3_broken.sql');
      assert.ok(r.stderr.startsWith(`Error: ${file}${where}`), r.stderr);
      assert.deepEqual(await userTables(db), []);
      assert.deepEqual(await schemas(db), ['public'], 'not even the revisions schema is created');
    });
  }

  it('with earlier files applied: the later good files are not applied either and revisions are unchanged', async () => {
    const db = await newDb('apply_badsplit_inc');
    const dir = migrationDir({ '1_users.sql': GOOD1 });
    assert.equal((await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`])).code, 0);
    const before = await revisions(db);
    migrationDir({ '2_name.sql': GOOD2, '3_broken.sql': DOLLAR }, dir);
    const r = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--format', '{{ json . }}']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /3_broken\.sql:2:36: unclosed dollar-quoted string/);
    assert.deepEqual(await revisions(db), before);
    const cols = await adminQuery<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'users' ORDER BY 1`, [], db);
    assert.deepEqual(
      cols.map((c) => c.c),
      ['id'],
      '2_name.sql did not run',
    );
  });

  it('a broken file after the --amount / --to-version limit is not part of the plan and does not block it', async () => {
    const db = await newDb('apply_badsplit_amount');
    const dir = migrationDir({ '1_users.sql': GOOD1, '2_name.sql': GOOD2, '3_broken.sql': DOLLAR });
    const r = await cli(['migrate', 'apply', '2', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      (await revisions(db)).map((x) => x.version),
      ['1', '2'],
    );
  });
});
