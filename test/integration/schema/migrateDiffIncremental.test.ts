// Generate migration's incremental replay on the embedded PGlite dev database (migrate/diffCurrent.ts): a warm run
// replays only the files after the state the dev database kept, a change to any earlier file is seen at once, and
// SQL that would break the kept state (a desired state that ends its transaction, another lease) never leaks into a diff.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMigration } from '../../../server/src/migrate/diff';
import { forgetCurrentStates } from '../../../server/src/migrate/diffCurrent';
import { openDirPath } from '../../../server/src/migrate/dir';
import { openDevDatabase, stopEmbeddedServer } from '../../../server/src/db/dev';
import { inspect } from '../../../server/src/schema/inspect';

describe('migrate diff: incremental replay on the embedded dev database', function () {
  this.timeout(180000);
  let work: string;
  let migrations: string;
  let clock: number;
  const write = (name: string, sql: string) => fs.writeFileSync(path.join(migrations, name), sql);
  const desired = (sql: string) => fs.writeFileSync(path.join(work, 'schema.sql'), sql);
  const generate = () => generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', name: 'next', cwd: work, date: new Date((clock += 1000)) });

  beforeEach(async () => {
    // Nothing kept from an earlier test: an ordinary lease resets the dev database.
    await (await openDevDatabase()).close();
    forgetCurrentStates();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-incr-'));
    migrations = path.join(work, 'migrations');
    fs.mkdirSync(migrations);
    clock = Date.UTC(2025, 0, 1);
    write('20240101000000_a.sql', 'CREATE TABLE a (id bigint PRIMARY KEY);\n');
    write('20240101000001_b.sql', 'CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a (id));\nCREATE INDEX b_a ON b (a_id);\n');
    write('20240101000002_c.sql', 'ALTER TABLE a ADD COLUMN name text;\n');
    openDirPath(migrations).writeSum();
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));
  after(() => stopEmbeddedServer());

  const base =
    'CREATE TABLE a (id bigint PRIMARY KEY, name text);\nCREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a (id));\nCREATE INDEX b_a ON b (a_id);\n';

  it('replays the whole folder once, then only the files written since', async () => {
    desired(base + 'CREATE TABLE c (id int);\n');
    const first = await generate();
    assert.deepEqual(first.replay, { files: 3, statements: 4, reused: 0, remembered: false });
    assert.match(first.content, /CREATE TABLE "public"."c"/);

    desired(base + 'CREATE TABLE c (id int, note text);\n');
    const second = await generate();
    assert.deepEqual(second.replay, { files: 1, statements: 1, reused: 3, remembered: false }, 'only the file the first run wrote');
    assert.match(second.content, /ALTER TABLE "public"."c" ADD COLUMN "note" text/);

    const third = await generate();
    assert.equal(third.synced, true);
    assert.deepEqual(third.replay, { files: 1, statements: 1, reused: 4, remembered: false }, 'the file the second run wrote');
    // Nothing new in the folder: the remembered state, nothing replayed; the desired state still loads fresh.
    desired(base + 'CREATE TABLE c (id int, note text, at date);\n');
    const fourth = await generate();
    assert.deepEqual(fourth.replay, { files: 0, statements: 0, reused: 5, remembered: true });
    assert.match(fourth.content, /ADD COLUMN "at" date/);
  });

  it('sees an edit of a file in the prefix at once (replays from clean)', async () => {
    desired(base + 'CREATE TABLE c (id int);\n');
    await generate();
    // The first file now also has the column the desired state adds below: a stale state would plan it again.
    write('20240101000000_a.sql', 'CREATE TABLE a (id bigint PRIMARY KEY, code text);\n');
    openDirPath(migrations).writeSum();
    desired(base.replace('name text', 'name text, code text') + 'CREATE TABLE c (id int);\n');
    const r = await generate();
    assert.equal(r.synced, true, `a stale state planned: ${r.content}`);
    assert.deepEqual(r.replay, { files: 4, statements: 5, reused: 0, remembered: false });
  });

  it('replays from clean after another lease used the dev database', async () => {
    desired(base + 'CREATE TABLE c (id int);\n');
    await generate();
    const other = await openDevDatabase();
    await other.exec('CREATE TABLE stray (id int)');
    await other.close();
    desired(base + 'CREATE TABLE c (id int, note text);\n');
    const r = await generate();
    assert.deepEqual(r.replay, { files: 4, statements: 5, reused: 0, remembered: false });
    assert.doesNotMatch(r.content, /stray/);
  });

  it('keeps the folder state intact when the desired state ends its own transaction', async () => {
    desired(base + 'CREATE TABLE c (id int);\n');
    await generate();
    // ROLLBACK inside the desired SQL would undo the scratch transaction's reset: the flow loads it again from clean.
    desired(base + 'CREATE TABLE c (id int);\nBEGIN;\nCREATE TABLE gone (id int);\nROLLBACK;\nCREATE TABLE d (id int);\n');
    const r = await generate();
    assert.match(r.content, /CREATE TABLE "public"."d"/);
    assert.doesNotMatch(r.content, /"gone"|DROP/);
    desired(base + 'CREATE TABLE c (id int);\nCREATE TABLE d (id int);\nCREATE TABLE e (id int);\n');
    const next = await generate();
    assert.equal(
      next.content
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('--')).length,
      1,
      next.content,
    );
    assert.match(next.content, /CREATE TABLE "public"."e"/);
    assert.equal(next.replay.reused, 0, 'the state the broken transaction exposed was not kept');
  });

  it('keeps the folder state when expressions are compared on the desired state (a varchar IN check)', async () => {
    // PostgreSQL prints the check differently once replayed from the plan's text: the comparison round-trips both
    // texts on the dev database inside the scratch transaction, and must not end it (the kept state would be lost).
    const checked = base + "CREATE TABLE c (id int, status varchar(10) CHECK (status IN ('new', 'done')));\n";
    desired(checked);
    const first = await generate();
    assert.match(first.content, /CHECK/);
    const second = await generate();
    assert.equal(second.synced, true, `the printed check planned a change: ${second.content}`);
    desired(checked + 'CREATE TABLE d (id int);\n');
    const third = await generate();
    assert.deepEqual(third.replay, { files: 0, statements: 0, reused: 4, remembered: true });
    assert.match(third.content, /CREATE TABLE "public"."d"/);
    desired(checked + 'CREATE TABLE d (id int, note text);\n');
    const fourth = await generate();
    assert.deepEqual(fourth.replay, { files: 1, statements: 1, reused: 4, remembered: false }, 'the kept state survived the comparisons');
    assert.match(fourth.content, /ADD COLUMN "note" text/);
    assert.doesNotMatch(fourth.content, /CHECK/);
  });

  it('sets the kept state aside (schemas renamed) for the desired state, never showing or losing it', async () => {
    const keep = await openDevDatabase(undefined, { lease: 'keep', want: ['x'] });
    await keep.exec("CREATE SCHEMA app; CREATE TABLE app.t (id int); CREATE TABLE public.t (id int); CREATE TYPE mood AS ENUM ('ok')");
    keep.keep!(['x']);
    await keep.close();
    const scratch = await openDevDatabase(undefined, { lease: 'scratch' });
    try {
      assert.equal(scratch.hiddenSchemas?.length, 2, 'app and public renamed');
      const clean = await inspect(scratch, { hidden: scratch.hiddenSchemas });
      assert.deepEqual(
        clean.schemas.map((sc) => [sc.name, sc.tables.length, sc.enums.length, sc.comment]),
        [['public', 0, 0, undefined]],
      );
      // The same names as the kept objects: a clean state, not the kept one.
      await scratch.exec("CREATE SCHEMA app; CREATE TABLE app.t (id int, v text); CREATE TYPE mood AS ENUM ('bad')");
      const loaded = await inspect(scratch, { hidden: scratch.hiddenSchemas });
      assert.deepEqual(
        loaded.schemas.map((sc) => sc.name),
        ['app', 'public'],
      );
      assert.deepEqual(loaded.schemas[1].enums[0].values, ['bad']);
    } finally {
      await scratch.close();
    }
    const again = await openDevDatabase(undefined, { lease: 'keep', want: ['x', 'y'] });
    try {
      assert.deepEqual(again.kept, ['x']);
      const kept = await inspect(again);
      assert.deepEqual(
        kept.schemas.map((sc) => [sc.name, sc.tables.map((t) => t.columns.length), sc.enums.map((e) => e.values)]),
        [
          ['app', [1], []],
          ['public', [1], [['ok']]],
        ],
      );
    } finally {
      await again.close();
    }
  });

  it('resets instead when the kept state has something outside schemas (an extension)', async () => {
    write('20240101000003_e.sql', 'CREATE EXTENSION citext;\nCREATE TABLE e (v citext);\n');
    openDirPath(migrations).writeSum();
    desired(base + 'CREATE EXTENSION citext;\nCREATE TABLE e (v citext, w citext);\n');
    const first = await generate();
    assert.match(first.content, /ADD COLUMN "w" citext/);
    desired(base + 'CREATE EXTENSION citext;\nCREATE TABLE e (v citext, w citext, x int);\n');
    const second = await generate();
    assert.deepEqual(second.replay, { files: 1, statements: 1, reused: 4, remembered: false });
    assert.match(second.content, /ADD COLUMN "x" integer/);
    assert.doesNotMatch(second.content, /EXTENSION|DROP/);
  });

  it('replays a folder with session settings whole every time', async () => {
    write('20240101000003_s.sql', 'SET search_path TO public;\nCREATE TABLE s (id int);\n');
    openDirPath(migrations).writeSum();
    desired(base + 'CREATE TABLE s (id int);\nCREATE TABLE c (id int);\n');
    const first = await generate();
    desired(base + 'CREATE TABLE s (id int);\nCREATE TABLE c (id int, note text);\n');
    const second = await generate();
    assert.equal(first.replay.files, 4);
    assert.equal(second.replay.files, 5);
    assert.equal(second.replay.reused, 0);
  });
});
