// PG301/PG302 checked against PostgreSQL itself: a statement is reported exactly when the real server rewrites
// the table (its relfilenode changes). Runs on the PostgreSQL 15 of DATABASE_URL, in a scratch database.
import assert from 'node:assert/strict';
import type { Database } from '../../../server/src/db/types';
import { initSqlParser } from '../../../server/src/sql/parser';
import { lintFolder } from '../../../server/src/lint/engine';
import { prepareFile } from '../../../server/src/lint/prepare';
import { connect, dropDatabase, scratchDatabase, urlFor } from '../schema/support';

const table = 'CREATE TABLE r (id int, v varchar(20), t text, n numeric(10,2), ts timestamp(3), c char(4), i inet, ci cidr, b bigint)';

const cases = [
  'ALTER TABLE r ALTER COLUMN v TYPE text',
  'ALTER TABLE r ALTER COLUMN v TYPE varchar(50)',
  'ALTER TABLE r ALTER COLUMN v TYPE varchar(10)',
  'ALTER TABLE r ALTER COLUMN v TYPE varchar',
  'ALTER TABLE r ALTER COLUMN t TYPE varchar',
  'ALTER TABLE r ALTER COLUMN t TYPE varchar(10)',
  'ALTER TABLE r ALTER COLUMN n TYPE numeric(12,2)',
  'ALTER TABLE r ALTER COLUMN n TYPE numeric(12,4)',
  'ALTER TABLE r ALTER COLUMN n TYPE numeric',
  'ALTER TABLE r ALTER COLUMN ts TYPE timestamp(6)',
  'ALTER TABLE r ALTER COLUMN ts TYPE timestamptz',
  'ALTER TABLE r ALTER COLUMN id TYPE bigint',
  'ALTER TABLE r ALTER COLUMN b TYPE int',
  'ALTER TABLE r ALTER COLUMN c TYPE text',
  'ALTER TABLE r ALTER COLUMN ci TYPE inet',
  "ALTER TABLE r ALTER COLUMN t TYPE text USING t || ''",
  'ALTER TABLE r ADD COLUMN d1 int DEFAULT 0',
  'ALTER TABLE r ADD COLUMN d2 timestamptz NOT NULL DEFAULT now()',
  "ALTER TABLE r ADD COLUMN d3 text DEFAULT 'x' || 'y'",
  'ALTER TABLE r ADD COLUMN d4 float8 DEFAULT random()',
  'ALTER TABLE r ADD COLUMN d5 timestamptz DEFAULT clock_timestamp()',
  'ALTER TABLE r ADD COLUMN d6 bigserial',
  'ALTER TABLE r ADD COLUMN d7 int GENERATED ALWAYS AS (id * 2) STORED',
];

describe('lint: table rewrite rules against PostgreSQL', function () {
  this.timeout(120000);
  let name: string;
  let db: Database;
  before(async () => {
    await initSqlParser();
    name = await scratchDatabase('aw_lint_rewrite');
    db = await connect(urlFor(name));
    // timestamp → timestamptz skips the rewrite only when the session time zone is UTC (PostgreSQL 12+); lint
    // cannot know the session of a future deploy, so it reports it, as a non-UTC session shows.
    await db.exec("SET TimeZone = 'Europe/Paris'");
  });
  after(async () => {
    await db?.close();
    if (name) await dropDatabase(name);
  });

  for (const stmt of cases) {
    it(stmt, async () => {
      await db.exec('DROP TABLE IF EXISTS r');
      await db.exec(table);
      await db.exec("INSERT INTO r VALUES (1, 'a', 'b', 1.5, now(), 'ab', '10.0.0.1', '10.0.0.0/8', 7)");
      const before = (await db.query<{ f: string }>("SELECT pg_relation_filenode('r')::text AS f")).rows[0].f;
      await db.exec(stmt);
      const after = (await db.query<{ f: string }>("SELECT pg_relation_filenode('r')::text AS f")).rows[0].f;
      const rewritten = before !== after;
      const files = [prepareFile('1.sql', `${table};\n`), prepareFile('2.sql', `${stmt};\n`)];
      const found = lintFolder(files, 1).files[0].findings.map((f) => f.code);
      const reported = found.includes('PG301') || found.includes('PG302');
      assert.equal(
        reported,
        rewritten,
        `PostgreSQL ${rewritten ? 'rewrote' : 'did not rewrite'} the table; lint ${reported ? 'reported' : 'did not report'} it`,
      );
    });
  }
});
