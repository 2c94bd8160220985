// A real dev database (postgres:// dev URL on the integration PostgreSQL 15) is handed back as it was after every
// use: validate, lint, diff and down each leave it clean — after a failing file and after a cancel too — so the next
// command accepts it. The catalog of the dev database is compared before and after each run.
import assert from 'node:assert/strict';
import { memoryIO } from '../../../server/src/cli/io';
import { runCli } from '../../../server/src/cli/main';
import { openDevDatabase, stopEmbeddedServer } from '../../../server/src/db/dev';
import { openDirPath } from '../../../server/src/migrate/dir';
import { replayOnDev } from '../../../server/src/migrate/replay';
import { adminQuery, cli, dbUrl, dropDb, migrationDir, scratchDb } from '../apply/support';

/** Every object of the database, by catalog and identity (no OIDs), plus the public schema's comment. */
async function catalog(db: string): Promise<string[]> {
  const rows = await adminQuery<{ o: string }>(
    `
    SELECT 'schema ' || nspname || ' ' || coalesce(obj_description(oid, 'pg_namespace'), '-') AS o FROM pg_namespace
    UNION ALL SELECT 'class ' || c.oid::regclass::text || ' ' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    UNION ALL SELECT 'proc ' || p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    UNION ALL SELECT 'type ' || format_type(t.oid, NULL) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    UNION ALL SELECT 'extension ' || extname FROM pg_extension
    UNION ALL SELECT 'event trigger ' || evtname FROM pg_event_trigger
    ORDER BY 1`,
    [],
    db,
  );
  return rows.map((r) => r.o);
}

// A folder that creates something of every kind the restore handles, and a file that fails halfway.
const kinds = {
  '1_kinds.sql': `CREATE EXTENSION IF NOT EXISTS citext;
CREATE SCHEMA app;
CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE TYPE pair AS (a int, b int);
CREATE TYPE span AS RANGE (subtype = int4);
CREATE FUNCTION add1(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
CREATE TABLE users (id serial PRIMARY KEY, name citext, m mood, n posint, p pair, s span);
CREATE VIEW v AS SELECT id, add1(id) AS next FROM users;
CREATE TABLE app.t (id int GENERATED ALWAYS AS IDENTITY, u int REFERENCES users (id));
COMMENT ON SCHEMA public IS 'changed by the migration';
`,
};
const failing = {
  ...kinds,
  '2_half.sql': `BEGIN;
CREATE TABLE half (x int);
ALTER TABLE missing ADD COLUMN y int;
COMMIT;
`,
};

describe('dev database: a postgres:// dev URL is returned clean after every use', function () {
  this.timeout(180_000);
  let db: string;
  let before: string[];
  beforeEach(async () => {
    db = await scratchDb('devrestore');
    before = await catalog(db);
  });
  afterEach(async () => {
    await dropDb(db);
  });
  after(() => stopEmbeddedServer());

  const validate = (dir: string) => cli(['migrate', 'validate', '--dir', `file://${dir}`, '--dev-url', dbUrl(db)]);

  it('validate twice, then lint, then diff: each succeeds and the catalog is as before', async () => {
    const dir = migrationDir(kinds);
    for (let i = 0; i < 2; i++) {
      const r = await validate(dir);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await catalog(db), before, `validate run ${i + 1} left objects behind`);
    }
    const lint = await cli(['migrate', 'lint', '--dir', `file://${dir}`, '--latest', '1', '--dev-url', dbUrl(db)]);
    assert.equal(lint.code, 0, lint.stderr);
    assert.doesNotMatch(lint.stderr, /not clean/);
    assert.deepEqual(await catalog(db), before, 'lint left objects behind');
    const diff = await cli(['migrate', 'diff', '--dir', `file://${dir}`, '--to', `file://${dir}`, '--dev-url', dbUrl(db)]);
    assert.equal(diff.code, 0, diff.stderr);
    assert.deepEqual(await catalog(db), before, 'diff left objects behind');
  });

  it('partitioned tables (their partition key is an internal dependency on their own column) are dropped too', async () => {
    const dir = migrationDir({
      '1_parts.sql': `CREATE TABLE measurement (city_id int NOT NULL, logdate date NOT NULL) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_y2006m02 PARTITION OF measurement FOR VALUES FROM ('2006-02-01') TO ('2006-03-01');
CREATE INDEX ON measurement_y2006m02 (logdate);
CREATE TABLE lonely (x int) PARTITION BY LIST (x);
`,
    });
    for (let i = 0; i < 2; i++) {
      const r = await validate(dir);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await catalog(db), before, `validate run ${i + 1} left objects behind`);
    }
  });

  it('validate of a folder failing halfway (inside a transaction) reports the error, then validate again reports it again', async () => {
    const dir = migrationDir(failing);
    for (let i = 0; i < 2; i++) {
      const r = await validate(dir);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /^Error: replaying the migration directory: sql\/migrate: executing statement "ALTER TABLE missing ADD COLUMN y int;" from version "2": relation "missing" does not exist\n$/,
      );
      assert.deepEqual(await catalog(db), before, `failing validate run ${i + 1} left objects behind`);
    }
    const ok = await validate(migrationDir(kinds));
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('a file that ends its own session: the error is reported and the dev database is restored over a new connection', async () => {
    const dir = migrationDir({ ...kinds, '2_bye.sql': 'CREATE TABLE bye (x int);\nSELECT pg_terminate_backend(pg_backend_pid());\n' });
    const r = await validate(dir);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^Error: replaying the migration directory: sql\/migrate: executing statement "SELECT pg_terminate_backend\(pg_backend_pid\(\)\);" from version "2": /,
    );
    assert.deepEqual(await catalog(db), before);
    assert.equal((await validate(migrationDir(kinds))).code, 0);
  });

  it('a cancelled validate leaves the dev database clean', async () => {
    const dir = openDirPath(migrationDir(kinds));
    const ac = new AbortController();
    const io = memoryIO(dir.path, process.env);
    io.signal = ac.signal;
    io.progress = () => ac.abort(); // cancel as soon as the first file starts
    await assert.rejects(replayOnDev(dir, dbUrl(db), io), /replay cancelled/);
    assert.deepEqual(await catalog(db), before);
    const again = await validate(dir.path);
    assert.equal(again.code, 0, again.stderr);
  });

  it('migrate down (dry run, twice) replays on the dev URL and leaves it clean', async () => {
    const dir = migrationDir({ ...kinds, '2_more.sql': 'CREATE TABLE more (x int);\n' });
    const target = await scratchDb('devrestore_target');
    try {
      const applied = await cli(['migrate', 'apply', '--url', dbUrl(target), '--dir', `file://${dir}`]);
      assert.equal(applied.code, 0, applied.stderr);
      for (let i = 0; i < 2; i++) {
        const r = await cli(['migrate', 'down', '--url', dbUrl(target), '--dir', `file://${dir}`, '--dev-url', dbUrl(db), '--dry-run']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /-> DROP TABLE "public"."more";/);
        assert.deepEqual(await catalog(db), before, `down run ${i + 1} left objects behind`);
      }
    } finally {
      await dropDb(target);
    }
  });

  it('schema scope: objects created in the URL schema are dropped, objects that were there stay', async () => {
    await adminQuery(`CREATE SCHEMA scoped; CREATE FUNCTION scoped.keep() RETURNS int LANGUAGE sql AS 'SELECT 1'`, [], db);
    before = await catalog(db);
    const url = dbUrl(db, { search_path: 'scoped' });
    const dir = migrationDir({
      '1_a.sql': "CREATE TYPE e AS ENUM ('a');\nCREATE TABLE t (id int, x e);\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 2';\n",
    });
    for (let i = 0; i < 2; i++) {
      const r = await cli(['migrate', 'validate', '--dir', `file://${dir}`, '--dev-url', url]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await catalog(db), before);
    }
  });

  it('a lease closed inside a failed transaction is restored', async () => {
    const dev = await openDevDatabase(dbUrl(db));
    await dev.exec('CREATE TABLE kept_out (x int)');
    await dev.exec('BEGIN');
    await dev.exec('CREATE TABLE in_tx (x int)');
    await assert.rejects(dev.exec('SELECT 1/0'));
    await dev.close();
    assert.deepEqual(await catalog(db), before);
    const code = await runCli(['migrate', 'validate', '--dir', `file://${migrationDir(kinds)}`, '--dev-url', dbUrl(db)], memoryIO(process.cwd(), process.env));
    assert.equal(code, 0);
  });
});
