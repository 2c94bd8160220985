// migrate apply / status / set against a real PostgreSQL 15: Atlas's texts, revision rows, tx modes,
// baseline, clean check, out-of-order files, checksum validation, resume of a partial file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { adminQuery, cli, dbUrl, migrationDir, revisions, scratchDbs, stableText } from './support';
import { openDirPath } from '../../../server/src/migrate/dir';

const F1 = 'CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE posts (\n  id int,\n  user_id int REFERENCES users(id)\n);\n';
const F2 = 'ALTER TABLE users ADD COLUMN name text;\n';

describe('migrate apply (PostgreSQL 15)', function () {
  this.timeout(60_000);
  const newDb = scratchDbs();

  it('applies pending files with Atlas output, records revisions and is idempotent', async () => {
    const db = await newDb('apply_basic');
    const dir = migrationDir({ '1_init.sql': F1, '2_name.sql': F2 });
    const r1 = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(r1.code, 0, r1.stderr);
    assert.equal(
      stableText(r1.stdout),
      [
        'Migrating to version 2 (2 migrations in total):',
        '',
        '  -- migrating version 1',
        '    -> CREATE TABLE users (id int PRIMARY KEY);',
        '    -> CREATE TABLE posts (',
        '         id int,',
        '         user_id int REFERENCES users(id)',
        '       );',
        '  -- ok (T)',
        '',
        '  -- migrating version 2',
        '    -> ALTER TABLE users ADD COLUMN name text;',
        '  -- ok (T)',
        '',
        '  -------------------------',
        '  -- T',
        '  -- 2 migrations',
        '  -- 3 sql statements',
        '',
      ].join('\n'),
    );
    const revs = await revisions(db);
    const sum = openDirPath(dir).checksum();
    assert.deepEqual(
      revs.map((r) => [r.version, r.description, r.type, r.applied, r.total, r.error, r.error_stmt, r.partial_hashes]),
      [
        ['1', 'init', '2', '2', '2', '', '', null],
        ['2', 'name', '2', '1', '1', '', '', null],
      ],
    );
    assert.deepEqual(
      revs.map((r) => r.hash),
      sum.entries.map((e) => e.hash),
    );
    assert.match(revs[0].operator_version, /^Atlas Workbench v/);
    const cols = await adminQuery<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
      `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'atlas_schema_revisions' AND table_name = 'atlas_schema_revisions' ORDER BY ordinal_position`,
      [],
      db,
    );
    assert.deepEqual(
      cols.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable} ${c.column_default ?? ''}`),
      [
        'version character varying NO ',
        'description character varying NO ',
        'type bigint NO 2',
        'applied bigint NO 0',
        'total bigint NO 0',
        'executed_at timestamp with time zone NO ',
        'execution_time bigint NO ',
        'error text YES ',
        'error_stmt text YES ',
        'hash character varying NO ',
        'partial_hashes jsonb YES ',
        'operator_version character varying NO ',
      ],
    );
    const r2 = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(r2.stdout, 'No migration files to execute\n');
    const st = await cli(['migrate', 'status', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(
      st.stdout,
      'Migration Status: OK\n  -- Current Version: 2\n  -- Next Version:    Already at latest version\n  -- Executed Files:  2\n  -- Pending Files:   0\n',
    );
  });

  it('status before anything ran, amount argument, dry run and JSON output', async () => {
    const db = await newDb('apply_amount');
    const dir = migrationDir({ '1_init.sql': F1, '2_name.sql': F2 });
    const st0 = await cli(['migrate', 'status', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(
      st0.stdout,
      'Migration Status: PENDING\n  -- Current Version: No migration applied yet\n  -- Next Version:    1\n  -- Executed Files:  0\n  -- Pending Files:   2\n',
    );
    const dry = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /-- 2 migrations\n/);
    assert.equal((await adminQuery(`SELECT 1 FROM pg_class WHERE relname = 'users'`, [], db)).length, 0);
    assert.equal(
      (await adminQuery(`SELECT 1 FROM pg_namespace WHERE nspname = 'atlas_schema_revisions'`, [], db)).length,
      0,
      'a dry run creates no revisions table',
    );
    const one = await cli(['migrate', 'apply', '1', '--url', dbUrl(db), '--dir', `file://${dir}`, '--format', '{{ json . }}']);
    const j = JSON.parse(one.stdout);
    assert.equal(j.Driver, 'postgres');
    assert.equal(j.Target, '1');
    assert.equal(j.Message, 'Migrated to version 1 (1 migrations in total)');
    assert.deepEqual(j.Pending, [{ Name: '1_init.sql', Version: '1', Description: 'init' }]);
    assert.equal(j.Applied[0].Applied.length, 2);
    assert.equal(j.URL.Path, `/${db}`);
    const st = JSON.parse((await cli(['migrate', 'status', '--url', dbUrl(db), '--dir', `file://${dir}`, '--format', '{{ json . }}'])).stdout);
    assert.equal(st.Status, 'PENDING');
    assert.equal(st.Current, '1');
    assert.equal(st.Next, '2');
    assert.equal(st.Applied[0].Type, 'applied');
    assert.deepEqual(
      st.Pending.map((f: { Name: string }) => f.Name),
      ['2_name.sql'],
    );
  });

  it('--to-version stops at a version; --auto-approve is accepted', async () => {
    const db = await newDb('apply_to_version');
    const dir = migrationDir({ '1_init.sql': F1, '2_name.sql': F2, '3_x.sql': 'CREATE TABLE x (a int);\n' });
    const r = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--to-version', '2', '--auto-approve']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Migrating to version 2 \(2 migrations in total\):/);
    assert.deepEqual(
      (await revisions(db)).map((x) => x.version),
      ['1', '2'],
    );
    const bad = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--to-version', '9']);
    assert.equal(bad.stderr, 'Error: sql/migrate: migration with version "9" not found\n');
  });

  it('file mode: a failing statement rolls back the whole file and leaves no revision', async () => {
    const db = await newDb('apply_fail_file');
    const dir = migrationDir({ '1_init.sql': F1, '2_bad.sql': 'CREATE TABLE t2 (a int);\nALTER TABLE nope ADD COLUMN x int;\n' });
    const r = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'Error: sql/migrate: executing statement "ALTER TABLE nope ADD COLUMN x int;" from version "2": relation "nope" does not exist\n');
    assert.match(r.stdout, /\n {4}-> ALTER TABLE nope ADD COLUMN x int;\n {4}relation "nope" does not exist\n\n/);
    assert.match(r.stdout, /-- 1 migration ok, 1 with errors\n {2}-- 3 sql statements ok, 1 with errors\n$/);
    assert.deepEqual(
      (await revisions(db)).map((x) => x.version),
      ['1'],
    );
    assert.equal((await adminQuery(`SELECT 1 FROM pg_class WHERE relname = 't2'`, [], db)).length, 0);
  });

  it('none mode: records the partial file, status shows it, and the next run resumes at the failed statement', async () => {
    const db = await newDb('apply_none');
    const dir = migrationDir({ '1_init.sql': F1, '2_two.sql': 'CREATE TABLE a (x int);\nINSERT INTO b VALUES (1);\nCREATE TABLE c (x int);\n' });
    const r = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--tx-mode', 'none']);
    assert.equal(r.code, 1);
    const rev = (await revisions(db))[1];
    assert.deepEqual([rev.applied, rev.total, rev.error, rev.error_stmt], ['1', '3', 'relation "b" does not exist', 'INSERT INTO b VALUES (1);']);
    assert.equal((rev.partial_hashes as string[]).length, 1);
    const st = await cli(['migrate', 'status', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(
      st.stdout,
      'Migration Status: PENDING\n  -- Current Version: 2 (1 statements applied)\n  -- Next Version:    2 (2 statements left)\n  -- Executed Files:  2 (last one partially)\n  -- Pending Files:   1\n\nLast migration attempt had errors:\n  -- SQL:   INSERT INTO b VALUES (1);\n  -- ERROR: relation "b" does not exist\n',
    );
    await adminQuery('CREATE TABLE b (x int)', [], db);
    const r2 = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--tx-mode', 'none']);
    assert.equal(r2.code, 0, r2.stderr);
    assert.match(
      r2.stdout,
      /-- migrating version 2 \(partially applied - skipping 1 statements\)\n {4}-> INSERT INTO b VALUES \(1\);\n {4}-> CREATE TABLE c \(x int\);\n/,
    );
    const rev2 = (await revisions(db))[1];
    assert.deepEqual([rev2.applied, rev2.total, rev2.error, rev2.partial_hashes], ['3', '3', '', null]);
    assert.equal((await adminQuery('SELECT count(*)::int AS n FROM b', [], db))[0].n, 1);
  });

  it("none mode: statements refused in a transaction block run bare, and the file's own BEGIN … COMMIT stays one transaction", async () => {
    const db = await newDb('apply_none_bare');
    const dir = migrationDir({
      '1_mixed.sql': [
        'CREATE TABLE t (x bigint, tag text);',
        'CREATE INDEX CONCURRENTLY t_x_idx ON t (x);',
        'VACUUM t;',
        "CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (0, 'proc'); COMMIT; END $$;",
        'CALL p();',
        'BEGIN;',
        "INSERT INTO t SELECT txid_current(), 'block';",
        "INSERT INTO t SELECT txid_current(), 'block';",
        'COMMIT;',
        "INSERT INTO t SELECT txid_current(), 'single';",
        "INSERT INTO t SELECT txid_current(), 'single';",
        '',
      ].join('\n'),
    });
    const r = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--tx-mode', 'none']);
    assert.equal(r.code, 0, r.stderr);
    const rev = (await revisions(db))[0];
    assert.deepEqual([rev.applied, rev.total, rev.error], ['11', '11', '']);
    assert.equal((await adminQuery(`SELECT 1 FROM pg_class WHERE relname = 't_x_idx'`, [], db)).length, 1);
    const tx = await adminQuery<{ tag: string; n: number; xids: number }>(
      'SELECT tag, count(*)::int AS n, count(DISTINCT x)::int AS xids FROM t GROUP BY tag ORDER BY tag',
      [],
      db,
    );
    assert.deepEqual(tx, [
      { tag: 'block', n: 2, xids: 1 },
      { tag: 'proc', n: 1, xids: 1 },
      { tag: 'single', n: 2, xids: 2 },
    ]);
  });

  it('refuses to resume a partial file whose applied statements changed (history changed)', async () => {
    const db = await newDb('apply_history');
    const dir = migrationDir({ '1_two.sql': 'CREATE TABLE a (x int);\nINSERT INTO missing VALUES (1);\n' });
    assert.equal((await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--tx-mode', 'none'])).code, 1);
    migrationDir({ '1_two.sql': 'CREATE TABLE a (x bigint);\nINSERT INTO missing VALUES (1);\n' }, dir);
    const r = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--tx-mode', 'none']);
    assert.equal(r.stderr, 'Error: sql/migrate: history changed: statement 1 from file "1_two.sql" changed\n');
    assert.equal((await revisions(db))[0].applied, '1');
  });

  it('honours -- atlas:txmode none (CREATE INDEX CONCURRENTLY) and rejects it under --tx-mode all before running anything', async () => {
    const db = await newDb('apply_txmode');
    const dir = migrationDir({ '1_init.sql': F1, '2_idx.sql': '-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY users_id_idx ON users (id);\n' });
    const all = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--tx-mode', 'all']);
    assert.equal(all.stderr, 'Error: cannot set txmode directive to "none" in "2_idx.sql" when txmode "all" is set globally\n');
    // refused before anything is written: not even the revisions table is created
    assert.deepEqual(await adminQuery(`SELECT to_regclass('atlas_schema_revisions.atlas_schema_revisions') IS NULL AS missing`, [], db), [{ missing: true }]);
    const bad = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--tx-mode', 'bogus']);
    assert.equal(bad.stderr, 'Error: unknown tx-mode "bogus"\n');
    const ok = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((await adminQuery(`SELECT 1 FROM pg_class WHERE relname = 'users_id_idx'`, [], db)).length, 1);
  });

  it('all mode: one failure undoes every file of the run', async () => {
    const db = await newDb('apply_all');
    const dir = migrationDir({ '1_init.sql': F1, '2_name.sql': F2, '3_bad.sql': 'SELECT nope();\n' });
    const r = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--tx-mode', 'all']);
    assert.equal(r.code, 1);
    assert.equal((await revisions(db)).length, 0);
    assert.equal((await adminQuery(`SELECT 1 FROM pg_class WHERE relname = 'users'`, [], db)).length, 0);
  });

  it('refuses a dirty database unless --baseline or --allow-dirty, and writes the baseline row', async () => {
    const db = await newDb('apply_dirty');
    await adminQuery('CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE posts (id int, user_id int)', [], db);
    const dir = migrationDir({ '1_init.sql': F1, '2_name.sql': F2 });
    const r = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(
      r.stderr,
      'Error: sql/migrate: connected database is not clean: found 2 tables in schema "public". baseline version or allow-dirty is required\n',
    );
    const both = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--baseline', '1', '--allow-dirty']);
    assert.equal(both.stderr, 'Error: sql/migrate: baseline and allow-dirty are mutually exclusive\n');
    const missing = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--baseline', '9']);
    assert.equal(missing.stderr, 'Error: baseline version "9" not found\n');
    const ok = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--baseline', '1']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^Migrating to version 2 from 1 \(1 migrations in total\):/);
    assert.deepEqual(
      (await revisions(db)).map((x) => [x.version, x.type, x.hash]),
      [
        ['1', '1', ''],
        ['2', '2', openDirPath(dir).checksum().sumByName('2_name.sql')],
      ],
    );
  });

  it('schema-scoped URL keeps the revisions table in that schema and checks only it', async () => {
    const db = await newDb('apply_scope');
    await adminQuery('CREATE SCHEMA other; CREATE TABLE other.x (a int); CREATE SCHEMA app', [], db);
    const dir = migrationDir({ '1_init.sql': F1 });
    const r = await cli(['migrate', 'apply', '--url', dbUrl(db, { search_path: 'app' }), '--dir', `file://${dir}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await revisions(db, 'app')).length, 1);
    assert.equal(
      (await adminQuery(`SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app' AND relname = 'users'`, [], db)).length,
      1,
    );
  });

  it('refuses an ambiguous revisions table (schema-bound URL, table only in atlas_schema_revisions)', async () => {
    const db = await newDb('apply_ambiguous');
    const dir = migrationDir({ '1_init.sql': F1 });
    assert.equal((await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`])).code, 0);
    await adminQuery('CREATE SCHEMA app', [], db);
    const r = await cli(['migrate', 'apply', '--url', dbUrl(db, { search_path: 'app' }), '--dir', `file://${dir}`]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'Error: ambiguous revision table\n');
    assert.match(r.stdout, /pass --revisions-schema atlas_schema_revisions/);
    const ok = await cli(['migrate', 'apply', '--url', dbUrl(db, { search_path: 'app' }), '--dir', `file://${dir}`, '--revisions-schema', 'app']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((await revisions(db, 'app')).length, 1);
  });

  it('detects files added out of order; linear-skip ignores them, non-linear runs them', async () => {
    const db = await newDb('apply_ooo');
    const dir = migrationDir({ '1_a.sql': 'CREATE TABLE a (x int);\n', '3_c.sql': 'CREATE TABLE c (x int);\n' });
    assert.equal((await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`])).code, 0);
    migrationDir({ '2_b.sql': 'CREATE TABLE b (x int);\n' }, dir);
    const r = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(r.stderr, 'Error: migration file 2_b.sql was added out of order. See: https://atlasgo.io/versioned/apply#non-linear-error\n');
    const st = await cli(['migrate', 'status', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(
      st.stdout,
      'Migration Status: PENDING\n  -- Current Version: 3\n  -- Next Version:    UNKNOWN\n  -- Executed Files:  2\n  -- Pending Files:   1 (out of order)\n\n  ERROR: migration file 2_b.sql was added out of order. See: https://atlasgo.io/versioned/apply#non-linear-error\n',
    );
    assert.equal(
      (await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--exec-order', 'linear-skip'])).stdout,
      'No migration files to execute\n',
    );
    const nl = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`, '--exec-order', 'non-linear']);
    assert.equal(nl.code, 0, nl.stderr);
    assert.deepEqual(
      (await revisions(db)).map((x) => x.version),
      ['1', '2', '3'],
    );
  });

  it('validates atlas.sum before anything runs (tampered file) and names the file', async () => {
    const db = await newDb('apply_tamper');
    const dir = migrationDir({ '1_init.sql': F1, '2_name.sql': F2 });
    fs.appendFileSync(path.join(dir, '1_init.sql'), 'DROP TABLE posts;\n');
    const r = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^You have a checksum error in your migration directory\.\n\n\t.*1_init\.sql/);
    assert.equal(r.stderr, 'Error: checksum mismatch\n');
    assert.equal((await adminQuery(`SELECT 1 FROM pg_namespace WHERE nspname = 'atlas_schema_revisions'`, [], db)).length, 0);
  });

  it('migrate set: marks versions as applied and removes later ones', async () => {
    const db = await newDb('apply_set');
    const dir = migrationDir({ '1_a.sql': 'CREATE TABLE a (x int);\n', '2_b.sql': 'CREATE TABLE b (x int);\n', '3_c.sql': 'CREATE TABLE c (x int);\n' });
    const none = await cli(['migrate', 'set', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(none.stderr, 'Error: accepts 1 arg(s), received 0\n');
    const s2 = await cli(['migrate', 'set', '2', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(s2.stdout, 'Current version is 2 (2 set):\n\n  + 1 (a)\n  + 2 (b)\n\n');
    assert.deepEqual(
      (await revisions(db)).map((x) => [x.version, x.type, x.applied, x.total]),
      [
        ['1', '4', '0', '0'],
        ['2', '4', '0', '0'],
      ],
    );
    const ap = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.match(ap.stdout, /^Migrating to version 3 from 2 \(1 migrations in total\)/);
    const s1 = await cli(['migrate', 'set', '1', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(s1.stdout, 'Current version is 1 (2 removed):\n\n  - 2 (b)\n  - 3 (c)\n\n');
    const bad = await cli(['migrate', 'set', '7', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(bad.stderr, 'Error: sql/migrate: migration with version "7" not found\n');
  });
});
