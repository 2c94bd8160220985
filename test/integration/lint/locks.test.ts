// AW101 (lock_timeout before an ACCESS EXCLUSIVE statement) checked against the locks PostgreSQL really takes:
// each statement runs in a rolled-back transaction and pg_locks tells whether it holds AccessExclusiveLock.
import assert from 'node:assert/strict';
import type { Database } from '../../../server/src/db/types';
import { initSqlParser } from '../../../server/src/sql/parser';
import { lintFolder } from '../../../server/src/lint/engine';
import { prepareFile } from '../../../server/src/lint/prepare';
import { connect, dropDatabase, scratchDatabase, urlFor } from '../schema/support';

const schema = `CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE r (id int, p_id int, v text, n int);
ALTER TABLE r ADD CONSTRAINT r_n_check CHECK (n > 0) NOT VALID;
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER r_t BEFORE INSERT ON r FOR EACH ROW EXECUTE FUNCTION f();`;

const cases = [
  'ALTER TABLE r ADD COLUMN x int',
  "ALTER TABLE r ALTER COLUMN v SET DEFAULT 'a'",
  'ALTER TABLE r VALIDATE CONSTRAINT r_n_check',
  'ALTER TABLE r ALTER COLUMN v SET STATISTICS 100',
  'ALTER TABLE r SET (fillfactor = 70)',
  'ALTER TABLE r ADD CONSTRAINT r_p_fk FOREIGN KEY (p_id) REFERENCES p (id) NOT VALID',
  "ALTER TABLE r ADD CONSTRAINT r_v_check CHECK (v <> '') NOT VALID",
  'ALTER TABLE r DISABLE TRIGGER r_t',
  'ALTER TABLE r RENAME COLUMN v TO w',
  'ALTER TABLE r RENAME TO r2',
  'ALTER TABLE r ALTER COLUMN n SET NOT NULL',
  'ALTER TABLE r DROP COLUMN n',
];

describe('lint: AW101 against the locks PostgreSQL takes', function () {
  this.timeout(120000);
  let name: string;
  let db: Database;
  before(async () => {
    await initSqlParser();
    name = await scratchDatabase('aw_lint_locks');
    db = await connect(urlFor(name));
    await db.exec(schema);
  });
  after(async () => {
    await db?.close();
    if (name) await dropDatabase(name);
  });

  for (const stmt of cases) {
    it(stmt, async () => {
      await db.exec('BEGIN');
      let modes: string[];
      try {
        const oid = (await db.query<{ o: string }>("SELECT 'r'::regclass::oid::text AS o")).rows[0].o;
        await db.exec(stmt);
        modes = (await db.query<{ m: string }>(`SELECT mode AS m FROM pg_locks WHERE relation = ${oid} AND pid = pg_backend_pid()`)).rows.map((r) => r.m);
      } finally {
        await db.exec('ROLLBACK');
      }
      const exclusive = modes.includes('AccessExclusiveLock');
      const files = [prepareFile('1.sql', schema), prepareFile('2.sql', `${stmt};\n`)];
      const reported = lintFolder(files, 1).files[0].findings.some((f) => f.code === 'AW101');
      assert.equal(reported, exclusive, `PostgreSQL took [${modes.join(', ')}]; AW101 ${reported ? 'reported' : 'not reported'}`);
    });
  }
});
