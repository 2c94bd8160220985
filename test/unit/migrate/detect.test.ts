// Detecting another tool's folder layout in a folder read as Atlas format (pure: names + file heads), and the CLI
// warning/hint it gives on hash and validate.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { detectForeignLayout, foreignLayoutShortHint } from '../../../server/src/migrate/formats/detect';
import { dirArgs } from '../../../server/src/cli/formatHint';
import { cleanTemp, cli, folderWith, tempDir } from './helpers';

const heads = (files: Record<string, string>) => (n: string) => files[n] ?? '';
const detect = (files: Record<string, string>) => detectForeignLayout(Object.keys(files).sort(), heads(files));

describe('migrate/formats/detect', () => {
  after(cleanTemp);

  it('names golang-migrate, flyway, goose, dbmate and liquibase with what gave each away', () => {
    assert.deepEqual(detect({ '1_init.up.sql': '', '1_init.down.sql': '' }), {
      format: 'golang-migrate',
      evidence: '1_init.up.sql and 1_init.down.sql side by side',
    });
    assert.deepEqual(detect({ '1_init.up.sql': '', '2_b.up.sql': '' }), {
      format: 'golang-migrate',
      evidence: 'files named *.up.sql/*.down.sql (1_init.up.sql)',
    });
    assert.deepEqual(detect({ 'V1__init.sql': '', 'V2__more.sql': '' }), { format: 'flyway', evidence: 'Flyway file name V1__init.sql' });
    assert.equal(detect({ 'R__views.sql': '' })?.format, 'flyway');
    assert.deepEqual(detect({ '1_a.sql': 'CREATE TABLE a (id int);\n', '2_b.sql': '\n-- +goose Up\nSELECT 1;\n' }), {
      format: 'goose',
      evidence: '2_b.sql has a "-- +goose Up" annotation',
    });
    assert.deepEqual(detect({ '1_a.sql': '-- migrate:up\nSELECT 1;\n-- migrate:down\n' }), {
      format: 'dbmate',
      evidence: '1_a.sql has a "-- migrate:up" annotation',
    });
    assert.deepEqual(detect({ '1_a.sql': '--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n' }), {
      format: 'liquibase',
      evidence: '1_a.sql starts with "--liquibase formatted sql"',
    });
  });

  it('leaves Atlas folders alone (timestamps, a lone *.up.sql among Atlas files, goose words inside a statement)', () => {
    assert.equal(detect({ '20240101000000_init.sql': 'CREATE TABLE a (id int);\n', '20240102000000_b.sql': '' }), undefined);
    assert.equal(detect({ '1_init.sql': '', '2_set.up.sql': '' }), undefined);
    assert.equal(detect({ '1_a.sql': "SELECT '-- +goose Up';\n", '2_V1__x.sql': '' }), undefined);
    assert.equal(detect({}), undefined);
  });

  it('the short hint names the format and both ways to set it', () => {
    assert.equal(
      foreignLayoutShortHint({ format: 'goose', evidence: '' }, 'db/migrations'),
      'the folder looks like a goose migration directory; read it with --dir "file://db/migrations?format=goose" or `format = goose` in the env\'s migration block',
    );
  });

  it('keeps only the folder-selecting flags of a command line', () => {
    assert.deepEqual(dirArgs(['--url', 'postgres://x', '--dir', 'file://m', '2', '--dry-run', '-c', 'file://a.hcl', '--env=dev', '--dir-format', 'goose']), [
      '--dir',
      'file://m',
      '--config',
      'file://a.hcl',
      '--env=dev',
      '--dir-format',
      'goose',
    ]);
  });

  it('hash warns and validate errors with the hint on a golang-migrate folder read as Atlas format; not with ?format=', async () => {
    const dir = folderWith({ '1_init.up.sql': 'CREATE TABLE a (id int);\n', '1_init.down.sql': 'DROP TABLE a;\n' });
    const v = await cli('/', 'migrate', 'validate', '--dir', `file://${dir}`);
    assert.equal(v.code, 1);
    assert.match(
      v.stderr,
      new RegExp(`^Warning: this folder looks like a golang-migrate migration directory \\(1_init.up.sql and 1_init.down.sql side by side\\)`),
    );
    assert.match(
      v.stderr,
      new RegExp(
        `Error: checksum file not found\\nHint: the folder looks like a golang-migrate migration directory; read it with --dir "file://${dir}\\?format=golang-migrate"`,
      ),
    );
    const h = await cli('/', 'migrate', 'hash', '--dir', `file://${dir}`);
    assert.equal(h.code, 0);
    assert.match(h.stderr, /^Warning: this folder looks like a golang-migrate migration directory/);
    fs.rmSync(path.join(dir, 'atlas.sum'));
    const ok = await cli('/', 'migrate', 'hash', '--dir', `file://${dir}?format=golang-migrate`);
    assert.deepEqual([ok.code, ok.stderr], [0, '']);
    assert.deepEqual(
      [await cli('/', 'migrate', 'validate', '--dir', `file://${dir}?format=golang-migrate`)].map((r) => [r.code, r.stderr]),
      [[0, '']],
    );
  });

  it('finds the folder through the env (migration { dir }) and stays quiet once migration { format } is set', async () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'migrations'));
    fs.writeFileSync(path.join(root, 'migrations', 'V1__init.sql'), 'CREATE TABLE a (id int);\n');
    const hcl = (format: string) =>
      fs.writeFileSync(path.join(root, 'atlas.hcl'), `env "dev" {\n  migration {\n    dir = "file://migrations"\n${format}  }\n}\n`);
    hcl('');
    const a = await cli(root, 'migrate', 'validate', '--env', 'dev');
    assert.match(a.stderr, /Hint: the folder looks like a flyway migration directory; read it with --dir "file:\/\/migrations\?format=flyway"/);
    hcl('    format = flyway\n');
    assert.equal((await cli(root, 'migrate', 'hash', '--env', 'dev')).stderr, '');
    const b = await cli(root, 'migrate', 'validate', '--env', 'dev');
    assert.deepEqual([b.code, b.stderr], [0, '']);
  });

  it('trusts atlas.sum: quiet when it matches the Atlas-format files, a hint when it matches only the foreign ones', async () => {
    const goose = folderWith({ '1_a.sql': '-- +goose Up\nCREATE TABLE a (id int);\n' });
    assert.equal((await cli('/', 'migrate', 'hash', '--dir', `file://${goose}`)).code, 0);
    assert.deepEqual(
      [await cli('/', 'migrate', 'validate', '--dir', `file://${goose}`)].map((r) => [r.code, r.stderr]),
      [[0, '']],
    );
    const gm = folderWith({ '1_a.up.sql': 'CREATE TABLE a (id int);\n', '1_a.down.sql': 'DROP TABLE a;\n' });
    assert.equal((await cli('/', 'migrate', 'hash', '--dir', `file://${gm}?format=golang-migrate`)).code, 0);
    const v = await cli('/', 'migrate', 'validate', '--dir', `file://${gm}`);
    assert.equal(v.code, 1);
    assert.match(v.stderr, /Error: checksum mismatch\nHint: the folder looks like a golang-migrate migration directory/);
  });

  it('migrate new and migrate diff refuse a folder of another format instead of writing Atlas-format files into it', async () => {
    const dir = folderWith({ '1_a.up.sql': 'CREATE TABLE a (id int);\n' });
    const r = await cli('/', 'migrate', 'new', 'x', '--dir', `file://${dir}?format=golang-migrate`);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^Error: migrate new: writing golang-migrate-format migration files is not supported by atlas-wb; convert the folder once with atlas-wb migrate import/,
    );
    assert.deepEqual(fs.readdirSync(dir), ['1_a.up.sql']);
    const d = await cli(
      '/',
      'migrate',
      'diff',
      'x',
      '--dir',
      `file://${dir}?format=golang-migrate`,
      '--to',
      'file://schema.sql',
      '--dev-url',
      'postgres://localhost:1/x',
    );
    assert.match(d.stderr, /^Error: migrate diff: writing golang-migrate-format/);
  });
});
