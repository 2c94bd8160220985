// The dev database: embedded PGlite in a child process (clean per lease, the seven extensions, docker://
// URLs), a real dev URL checked for cleanliness with Atlas's texts, and pglite:// target databases.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../server/src/db/connect';
import { embeddedServer, openDevDatabase, stopEmbeddedServer } from '../../../server/src/db/dev';
import { DEV_EXTENSIONS } from '../../../server/src/db/pgliteAssets';
import { adminQuery, cli, dbUrl, dropDb, migrationDir, scratchDb } from '../apply/support';

describe('dev database', function () {
  this.timeout(180_000);
  after(async () => {
    await stopEmbeddedServer();
  });

  it('embedded PGlite: out of process, all extensions, a clean database for every lease', async () => {
    const dev = await openDevDatabase();
    const pristinePath = (await dev.query<{ search_path: string }>('SHOW search_path')).rows[0].search_path;
    try {
      assert.equal(dev.kind, 'pglite');
      assert.match(dev.description, /embedded PGlite 0\.5\.14/);
      const proc = await embeddedServer();
      assert.notEqual(proc.pid, process.pid);
      const v = await dev.query<{ v: string }>('SELECT version() AS v');
      assert.match(v.rows[0].v, /PGlite 0\.5\.14/);
      for (const e of DEV_EXTENSIONS) await dev.exec(`CREATE EXTENSION IF NOT EXISTS "${e}"`);
      await dev.exec(`CREATE SCHEMA s1; CREATE TABLE s1.t (id uuid DEFAULT uuid_generate_v4(), e vector(3), c citext, h hstore);
        CREATE INDEX ON s1.t USING hnsw (e vector_l2_ops); CREATE TABLE public.p (x int); CREATE ROLE dev_role`);
      const d = await dev.query<{ d: number }>(`SELECT '[1,2,3]'::vector <-> '[1,2,4]'::vector AS d`);
      assert.equal(Number(d.rows[0].d), 1);
      await dev.exec('SET search_path TO s1');
    } finally {
      await dev.close();
    }
    const again = await openDevDatabase();
    try {
      const left = await again.query<{ n: string }>(`SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = 's1')
        + (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public')
        + (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql') + (SELECT count(*) FROM pg_roles WHERE rolname = 'dev_role') AS n`);
      assert.equal(Number(left.rows[0].n), 0);
      assert.equal((await again.query<{ search_path: string }>('SHOW search_path')).rows[0].search_path, pristinePath);
    } finally {
      await again.close();
    }
  });

  it('leases are handed out one at a time', async () => {
    const a = await openDevDatabase();
    let bOpened = false;
    const bP = openDevDatabase().then((b) => {
      bOpened = true;
      return b;
    });
    try {
      await a.exec('CREATE TABLE only_a (x int)');
      assert.equal(bOpened, false);
    } finally {
      await a.close();
    }
    const b = await bP;
    assert.equal((await b.query(`SELECT 1 FROM pg_class WHERE relname = 'only_a'`)).rows.length, 0);
    await b.close();
  });

  it('a lease left inside a failed transaction does not poison the next one', async () => {
    const a = await openDevDatabase();
    try {
      await a.exec('BEGIN');
      await a.exec('CREATE TABLE half (x int)');
      await assert.rejects(a.exec('SELECT 1/0'), /division by zero/);
    } finally {
      await a.close();
    }
    const b = await openDevDatabase();
    try {
      assert.equal((await b.query(`SELECT 1 FROM pg_class WHERE relname = 'half'`)).rows.length, 0);
      await b.exec('CREATE TABLE whole (x int)');
    } finally {
      await b.close();
    }
  });

  it('the next lease (on the connection the last one handed back) starts outside its open transaction, settings reset; after a restart too', async () => {
    const a = await openDevDatabase();
    try {
      await a.exec(`BEGIN; CREATE TABLE left_open (x int); SET statement_timeout = '1234'`);
    } finally {
      await a.close();
    }
    const b = await openDevDatabase();
    try {
      assert.equal((await b.query(`SELECT 1 FROM pg_class WHERE relname = 'left_open'`)).rows.length, 0);
      assert.equal((await b.query<{ statement_timeout: string }>('SHOW statement_timeout')).rows[0].statement_timeout, '0');
      assert.equal((await b.query<{ x: string }>(`SELECT txid_current_if_assigned()::text AS x`)).rows[0].x, null);
    } finally {
      await b.close();
    }
    await stopEmbeddedServer();
    const c = await openDevDatabase();
    try {
      assert.equal((await c.query<{ n: number }>('SELECT 1 AS n')).rows[0].n, 1);
    } finally {
      await c.close();
    }
  });

  it('docker://postgres/<tag>/<db>?search_path=public is served by the embedded database in schema scope', async () => {
    const dev = await openDevDatabase('docker://postgres/16/dev?search_path=public');
    assert.equal(dev.schema, 'public');
    assert.match(dev.description, /standing in for docker:\/\/postgres\/16\/dev/);
    assert.equal((await dev.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s, 'public');
    await dev.close();
  });

  it('a real dev URL must be clean (Atlas texts)', async () => {
    const db = await scratchDb('devclean');
    try {
      const clean = await openDevDatabase(dbUrl(db));
      assert.equal(clean.kind, 'postgres');
      await clean.close();
      await adminQuery('CREATE SCHEMA extra', [], db);
      await assert.rejects(openDevDatabase(dbUrl(db)), { message: 'sql/migrate: connected database is not clean: found schema "extra"' });
      await adminQuery('CREATE TABLE extra.t (x int)', [], db);
      await assert.rejects(openDevDatabase(dbUrl(db)), { message: 'sql/migrate: connected database is not clean: found table "t" in schema "extra"' });
      await adminQuery('CREATE TABLE public.u (x int)', [], db);
      await assert.rejects(openDevDatabase(dbUrl(db, { search_path: 'public' })), {
        message: 'sql/migrate: connected database is not clean: found table "u" in connected schema',
      });
    } finally {
      await dropDb(db);
    }
  });

  it('migrate validate --dev-url replays the folder on the dev database', async () => {
    const dir = migrationDir({
      '1_a.sql': 'CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE a (e vector(2));\n',
      '2_b.sql': 'ALTER TABLE a ADD COLUMN n int;\n',
    });
    const ok = await cli(['migrate', 'validate', '--dir', `file://${dir}`, '--dev-url', 'docker://pgvector/pg16/dev']);
    assert.equal(ok.code, 0, ok.stderr);
    migrationDir({ '3_c.sql': 'ALTER TABLE missing ADD COLUMN n int;\n' }, dir);
    const bad = await cli(['migrate', 'validate', '--dir', `file://${dir}`, '--dev-url', 'docker://postgres/15']);
    // docker://postgres/15 asks for PostgreSQL 15: the embedded database (18) says so first
    const [warning, error] = bad.stderr.split('\n');
    assert.match(
      warning,
      /^Warning: the embedded dev database \(PGlite 0\.5\.14\) is PostgreSQL 18 but the requested docker:\/\/postgres\/15 is PostgreSQL 15; /,
    );
    assert.equal(
      error,
      'Error: replaying the migration directory: sql/migrate: executing statement "ALTER TABLE missing ADD COLUMN n int;" from version "3": relation "missing" does not exist',
    );
  });
});

describe('pglite:// target databases', function () {
  this.timeout(180_000);

  it('applies to a file-backed PGlite that keeps its state between runs, and refuses a second opener', async () => {
    const data = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-pglite-')), 'db');
    const dir = migrationDir({ '1_a.sql': 'CREATE EXTENSION IF NOT EXISTS citext;\nCREATE TABLE a (n citext);\n', '2_b.sql': "INSERT INTO a VALUES ('X');\n" });
    const url = `pglite://${data}`;
    const r = await cli(['migrate', 'apply', '--url', url, '--dir', `file://${dir}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /-- 2 migrations\n {2}-- 3 sql statements\n$/);
    const st = await cli(['migrate', 'status', '--url', url, '--dir', `file://${dir}`]);
    assert.equal(
      st.stdout,
      'Migration Status: OK\n  -- Current Version: 2\n  -- Next Version:    Already at latest version\n  -- Executed Files:  2\n  -- Pending Files:   0\n',
    );
    fs.writeFileSync(`${data}.lock`, String(process.pid));
    const locked = await cli(['migrate', 'status', '--url', url, '--dir', `file://${dir}`]);
    assert.equal(locked.stderr, `Error: pglite database ${data} is in use by process ${process.pid}\n`);
    fs.rmSync(`${data}.lock`);
  });

  it('openers inside one process take turns (the language server refreshes status while the ERD inspects)', async () => {
    const data = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-pglite-')), 'db');
    const url = `pglite://${data}`;
    const first = await openDatabase(url);
    await first.exec('CREATE TABLE t (n int)');
    const order: string[] = [];
    const second = openDatabase(url).then(async (db) => {
      order.push('second opened');
      return db;
    });
    const third = openDatabase(url).then(async (db) => {
      order.push('third opened');
      return db;
    });
    await first.exec('INSERT INTO t VALUES (1)');
    order.push('first closing');
    await first.close();
    const db2 = await second;
    await db2.exec('INSERT INTO t VALUES (2)');
    await db2.close();
    const db3 = await third;
    const n = await db3.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
    await db3.close();
    assert.deepEqual(order, ['first closing', 'second opened', 'third opened']);
    assert.equal(n.rows[0].n, 2);
    assert.equal(fs.existsSync(`${data}.lock`), false);
  });
});
