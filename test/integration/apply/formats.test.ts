// golang-migrate and goose folders applied on a real PostgreSQL 15 (`?format=` and `migration { format }`): the up
// parts run, statement by statement, and the down parts never do; hash/validate/status work over the same files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminQuery, cli, dbUrl, revisions, scratchDbs, stableText } from './support';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-formats-'));
const write = (dir: string, files: Record<string, string>) => {
  for (const [n, c] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), c);
  return dir;
};
const tables = async (db: string) =>
  (
    await adminQuery<{ relname: string }>(`SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY relname`, [], db)
  ).map((r) => r.relname);

const GOOSE1 = '\n-- +goose Up\nCREATE TABLE users (id int PRIMARY KEY);\nINSERT INTO users VALUES (1);\n\n-- +goose Down\nDROP TABLE users;\n';
const GOOSE2 = [
  '-- +goose Up',
  '-- +goose StatementBegin',
  'CREATE FUNCTION add_one(i int) RETURNS int AS $$',
  'BEGIN',
  '  RETURN i + 1;',
  'END;',
  '$$ LANGUAGE plpgsql;',
  '-- +goose StatementEnd',
  'ALTER TABLE users ADD COLUMN name text;',
  '-- +goose Down',
  'DROP FUNCTION add_one(int);',
  'CREATE TABLE down_ran (id int);',
  '',
].join('\n');

describe('foreign migration folder formats (PostgreSQL 15)', function () {
  this.timeout(60_000);
  const newDb = scratchDbs();

  it('applies a goose folder: Up parts only, a StatementBegin/End block as one statement', async () => {
    const db = await newDb('fmt_goose');
    const dir = write(tmp(), { '1_init.sql': GOOSE1, '2_fn.sql': GOOSE2 });
    const url = `file://${dir}?format=goose`;
    const h = await cli(['migrate', 'hash', '--dir', url]);
    assert.equal(h.code, 0, h.stderr);
    assert.equal((await cli(['migrate', 'validate', '--dir', url])).code, 0);
    const r = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', url]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      stableText(r.stdout),
      [
        'Migrating to version 2 (2 migrations in total):',
        '',
        '  -- migrating version 1',
        '    -> CREATE TABLE users (id int PRIMARY KEY);',
        '    -> INSERT INTO users VALUES (1);',
        '  -- ok (T)',
        '',
        '  -- migrating version 2',
        '    -> CREATE FUNCTION add_one(i int) RETURNS int AS $$',
        '       BEGIN',
        '         RETURN i + 1;',
        '       END;',
        '       $$ LANGUAGE plpgsql;',
        '    -> ALTER TABLE users ADD COLUMN name text;',
        '  -- ok (T)',
        '',
        '  -------------------------',
        '  -- T',
        '  -- 2 migrations',
        '  -- 4 sql statements',
        '',
      ].join('\n'),
    );
    assert.deepEqual(await tables(db), ['users']);
    assert.deepEqual(await adminQuery('SELECT add_one(1) AS v', [], db), [{ v: 2 }]);
    assert.deepEqual(
      (await revisions(db)).map((x) => [x.version, x.description, x.applied, x.total]),
      [
        ['1', 'init', '2', '2'],
        ['2', 'fn', '2', '2'],
      ],
    );
    const st = await cli(['migrate', 'status', '--url', dbUrl(db), '--dir', url]);
    assert.match(st.stdout, /^Migration Status: OK\n/);
  });

  it('applies a golang-migrate folder named by migration { format } in atlas.hcl: *.down.sql never runs', async () => {
    const db = await newDb('fmt_gm');
    const root = tmp();
    fs.mkdirSync(path.join(root, 'migrations'));
    const dir = write(path.join(root, 'migrations'), {
      '1_init.up.sql': 'CREATE TABLE a (id int);\n',
      '1_init.down.sql': 'DROP TABLE a;\n',
      '2_b.up.sql': 'CREATE TABLE b (id int);\nCREATE TABLE c (id int);\n',
      '2_b.down.sql': 'DROP TABLE c;\nDROP TABLE b;\n',
    });
    fs.writeFileSync(
      path.join(root, 'atlas.hcl'),
      `env "local" {\n  url = "${dbUrl(db)}"\n  migration {\n    dir = "file://migrations"\n    format = golang-migrate\n  }\n}\n`,
    );
    const h = await cli(['migrate', 'hash', '--env', 'local'], root);
    assert.equal(h.code, 0, h.stderr);
    assert.deepEqual(
      fs
        .readFileSync(path.join(dir, 'atlas.sum'), 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => l.split(' ')[0])
        .filter(Boolean),
      ['1_init.up.sql', '2_b.up.sql'],
    );
    const r = await cli(['migrate', 'apply', '--env', 'local'], root);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /-- 2 migrations\n {2}-- 3 sql statements\n/);
    assert.deepEqual(await tables(db), ['a', 'b', 'c']);
    assert.deepEqual(
      (await revisions(db)).map((x) => [x.version, x.description]),
      [
        ['1', 'init'],
        ['2', 'b'],
      ],
    );
    const st = await cli(['migrate', 'status', '--env', 'local'], root);
    assert.match(st.stdout, /^Migration Status: OK\n {2}-- Current Version: 2\n/);
  });

  it('status and apply on a golang-migrate folder read as Atlas format: a warning before anything runs, the hint on the error', async () => {
    const db = await newDb('fmt_hint');
    const dir = write(tmp(), { '1_init.up.sql': 'CREATE TABLE a (id int);\n', '1_init.down.sql': 'DROP TABLE a;\n' });
    const st = await cli(['migrate', 'status', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(st.code, 1);
    assert.match(st.stderr, /^Warning: this folder looks like a golang-migrate migration directory \(1_init\.up\.sql and 1_init\.down\.sql side by side\)/);
    assert.match(
      st.stderr,
      /\nError: checksum file not found\nHint: the folder looks like a golang-migrate migration directory; read it with --dir "file:\/\/.*\?format=golang-migrate"/,
    );
    assert.equal((await cli(['migrate', 'hash', '--dir', `file://${dir}?format=golang-migrate`])).code, 0);
    const ap = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(ap.code, 1);
    assert.match(ap.stderr, /^Warning: this folder looks like a golang-migrate/);
    assert.match(ap.stderr, /Hint: the folder looks like a golang-migrate migration directory/);
    assert.deepEqual(await tables(db), [], 'nothing ran');
    const ok = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}?format=golang-migrate`]);
    assert.deepEqual([ok.code, ok.stderr], [0, '']);
    assert.deepEqual(await tables(db), ['a']);
  });

  it('lints a goose folder: the base is replayed from the Up parts and the latest file analysed as goose reads it', async () => {
    const db = await newDb('fmt_lint');
    const dir = write(tmp(), {
      '1_a.sql': '-- +goose Up\nCREATE TABLE a (id int, b int);\n-- +goose Down\nDROP TABLE a;\n',
      '2_b.sql': '-- +goose Up\nALTER TABLE a DROP COLUMN b;\n-- +goose Down\nALTER TABLE a ADD COLUMN b int;\n',
    });
    const url = `file://${dir}?format=goose`;
    assert.equal((await cli(['migrate', 'hash', '--dir', url])).code, 0);
    const r = await cli(['migrate', 'lint', '--dir', url, '--dev-url', dbUrl(db), '--latest', '1']);
    assert.doesNotMatch(r.stderr, /executing statement/);
    assert.match(r.stdout, /-- analyzing version 2\n {4}-- destructive changes detected:\n {6}-- L1: Dropping non-virtual column "b"/);
    assert.doesNotMatch(r.stdout, /ADD COLUMN b/);
  });
});
