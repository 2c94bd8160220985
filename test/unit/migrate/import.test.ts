// `migrate import`: the Atlas-format files written for foreign folders equal Atlas's golden outputs byte for byte
// (cmd/atlas/internal/cmdapi/testdata/import/<tool>_gold), plus an atlas.sum that validates; Atlas's refusals.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../../support/corpus';
import { cleanTemp, cli, folderWith, tempDir } from './helpers';

const importData = (...p: string[]) => corpusPath('atlas-testdata/cmd/atlas/internal/cmdapi/testdata/import', ...p);
/**
 * The corpus holds Atlas's dbmate and liquibase goldens but not their inputs: ours (test/fixtures/import) carry the
 * same up statements and comments in each tool's layout, with down / rollback parts of our own that must not appear.
 */
const ownInput = (tool: string) => path.join(__dirname, '../../fixtures/import', tool);

/** Every file of a folder, name → bytes. */
const contents = (dir: string) =>
  Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((n) => [n, fs.readFileSync(path.join(dir, n)).toString('latin1')]),
  );

async function importAndCompare(input: string, tool: string): Promise<void> {
  const out = path.join(tempDir(), 'out');
  const r = await cli('/', 'migrate', 'import', '--from', `file://${input}?format=${tool}`, '--to', `file://${out}`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout + r.stderr, '');
  const got = contents(out);
  assert.ok(got['atlas.sum'], 'atlas.sum written');
  delete got['atlas.sum'];
  assert.deepEqual(got, contents(importData(`${tool}_gold`)));
  const v = await cli('/', 'migrate', 'validate', '--dir', `file://${out}`);
  assert.equal(v.code, 0, v.stdout + v.stderr);
}

describe('migrate import', () => {
  after(cleanTemp);

  it('golang-migrate: equals Atlas golden output', async () => {
    await importAndCompare(importData('golang-migrate'), 'golang-migrate');
  });

  for (const tool of ['dbmate', 'liquibase']) {
    it(`${tool}: equals Atlas golden output (our input in ${tool}'s layout)`, async () => {
      await importAndCompare(ownInput(tool), tool);
    });
  }

  it('flyway: baseline, versioned and repeatable files become <version>_<desc>.sql; U and older V files are left out', async () => {
    const out = path.join(tempDir(), 'out');
    const r = await cli('/', 'migrate', 'import', '--from', `file://${importData('flyway')}`, '--dir-format', 'flyway', '--to', `file://${out}`);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.keys(contents(out)), ['2_baseline.sql', '3R_views.sql', '3_third_migration.sql', 'atlas.sum']);
    assert.equal(contents(out)['3_third_migration.sql'], 'ALTER TABLE tbl_2 ADD col_1 INTEGER NOT NULL;\n');
  });

  it('refuses an Atlas-format source and a target holding migration files', async () => {
    const src = folderWith({ '1_a.up.sql': 'CREATE TABLE a (id int);\n' });
    const a = await cli('/', 'migrate', 'import', '--from', `file://${src}`, '--to', `file://${tempDir()}`);
    assert.equal(a.code, 1);
    assert.match(a.stderr, /cannot import a migration directory already in "atlas" format/);
    const full = folderWith({ '1_x.sql': 'SELECT 1;\n' });
    const b = await cli('/', 'migrate', 'import', '--from', `file://${src}?format=golang-migrate`, '--to', `file://${full}`);
    assert.equal(b.code, 1);
    assert.match(b.stderr, /target migration directory must be empty/);
    assert.deepEqual(fs.readdirSync(full), ['1_x.sql']);
  });

  it('a misplaced goose pragma names the file and line and writes nothing', async () => {
    const src = folderWith({ '1_a.sql': '-- +goose Up\nCREATE TABLE a (id int);\n', '2_b.sql': '-- +goose StatementEnd\n' });
    const out = path.join(tempDir(), 'out');
    const r = await cli('/', 'migrate', 'import', '--from', `file://${src}?format=goose`, '--to', `file://${out}`);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /goose: 2_b\.sql:1 unexpected goosePragma 'StatementEnd'/);
    assert.deepEqual(fs.readdirSync(out), []);
  });
});
