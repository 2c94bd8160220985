// Renames in `migrate diff` on a real PostgreSQL: a dropped and an added column (or table) with the same
// definition are rename candidates; the engine returns them without writing (`renames: 'stop'`, the editor's first
// call), a terminal is asked ("Did you rename …?"), `--rename` decides without one, and a confirmed rename becomes
// ALTER … RENAME (with the constraints that were renamed along) that keeps the rows and leaves the folder in sync.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateMigration, SYNCED_DIR } from '../../../server/src/migrate/diff';
import { openDirPath } from '../../../server/src/migrate/dir';
import { checkDir } from '../../../server/src/migrate/validate';
import { memoryIO } from '../../../server/src/cli/io';
import { run as migrateDiff } from '../../../server/src/cli/migrateDiff';
import { run as migrateApply } from '../../../server/src/cli/migrateApply';
import { dropDatabase, scratchDatabase, urlFor } from './support';

const sqlFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();

const before = [
  'CREATE TABLE users (id bigint PRIMARY KEY, first_name text NOT NULL UNIQUE);',
  'CREATE TABLE pets (id bigint PRIMARY KEY, owner bigint REFERENCES users (id));',
].join('\n');
const after = [
  'CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL UNIQUE);',
  'CREATE TABLE animals (id bigint PRIMARY KEY, owner bigint REFERENCES users (id));',
].join('\n');

describe('migrate diff: rename candidates, the question, --rename and ALTER … RENAME', function () {
  this.timeout(180000);
  let work: string;
  let dev: string;
  let target: string;
  let devUrl: string;
  const migrations = () => path.join(work, 'migrations');

  beforeEach(async () => {
    dev = await scratchDatabase('mdiffren');
    target = await scratchDatabase('mdiffrent');
    devUrl = urlFor(dev, 'search_path=public');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-mdiffren-'));
    fs.writeFileSync(path.join(work, 'schema.sql'), before);
    await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', name: 'init', devUrl, cwd: work, date: new Date(Date.UTC(2024, 0, 1)) });
    fs.writeFileSync(path.join(work, 'schema.sql'), after);
  });
  afterEach(async () => {
    await dropDatabase(dev);
    await dropDatabase(target);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("returns the candidates without writing when asked to stop (the editor's first call)", async () => {
    const r = await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', devUrl, cwd: work, renames: 'stop' });
    assert.equal(r.file, undefined);
    assert.deepEqual(r.renameCandidates, [
      { kind: 'column', schema: 'public', table: 'users', from: 'first_name', to: 'name' },
      { kind: 'table', schema: 'public', table: 'pets', from: 'pets', to: 'animals' },
    ]);
    assert.equal(sqlFiles(migrations()).length, 1);
  });

  it('--rename turns drop + add into RENAME statements; the rows survive on a real target and the folder is in sync', async () => {
    const targetUrl = urlFor(target);
    const applied = memoryIO(work, {});
    assert.equal(await migrateApply(['--dir', 'file://migrations', '--url', targetUrl], applied), 0, applied.stderr);
    const client = new pg.Client({ connectionString: targetUrl });
    await client.connect();
    try {
      await client.query("INSERT INTO users VALUES (1, 'Ada'); INSERT INTO pets VALUES (7, 1);");
      const io = memoryIO(work, {});
      const code = await migrateDiff(
        [
          '--dir',
          'file://migrations',
          '--to',
          'file://schema.sql',
          '--dev-url',
          devUrl,
          '--rename',
          'column:users.first_name:name',
          '--rename',
          'table:pets:animals',
          'rename',
        ],
        io,
      );
      assert.equal(code, 0, io.stderr);
      const file = sqlFiles(migrations()).find((f) => f.endsWith('_rename.sql'))!;
      assert.equal(
        fs.readFileSync(path.join(migrations(), file), 'utf8'),
        [
          '-- Rename a column from "first_name" to "name"',
          'ALTER TABLE "users" RENAME COLUMN "first_name" TO "name";',
          '-- Rename a table from "pets" to "animals"',
          'ALTER TABLE "pets" RENAME TO "animals";',
          '-- Rename a constraint from "users_first_name_key" to "users_name_key"',
          'ALTER TABLE "users" RENAME CONSTRAINT "users_first_name_key" TO "users_name_key";',
          '-- Rename a constraint from "pets_pkey" to "animals_pkey"',
          'ALTER TABLE "animals" RENAME CONSTRAINT "pets_pkey" TO "animals_pkey";',
          '-- Rename a constraint from "pets_owner_fkey" to "animals_owner_fkey"',
          'ALTER TABLE "animals" RENAME CONSTRAINT "pets_owner_fkey" TO "animals_owner_fkey";',
          '',
        ].join('\n'),
      );
      assert.doesNotMatch(io.stderr, /destructive/);
      assert.equal(checkDir(openDirPath(migrations())), undefined, 'atlas.sum matches');

      const again = memoryIO(work, {});
      assert.equal(await migrateDiff(['--dir', 'file://migrations', '--to', 'file://schema.sql', '--dev-url', devUrl], again), 0);
      assert.equal(again.stdout, `${SYNCED_DIR}\n`);

      const up = memoryIO(work, {});
      assert.equal(await migrateApply(['--dir', 'file://migrations', '--url', targetUrl], up), 0, up.stderr);
      const rows = await client.query('SELECT u.name, a.id FROM users u JOIN animals a ON a.owner = u.id');
      assert.deepEqual(rows.rows, [{ name: 'Ada', id: '7' }]);
    } finally {
      await client.end();
    }
  });

  it("asks each candidate in a terminal (Atlas's question) and plans only the confirmed ones", async () => {
    const asked: string[] = [];
    const io = { ...memoryIO(work, {}), choose: (q: string) => (asked.push(q), Promise.resolve(q.includes('column') ? 'Yes' : 'No')) };
    assert.equal(await migrateDiff(['--dir', 'file://migrations', '--to', 'file://schema.sql', '--dev-url', devUrl, 'asked'], io), 0, io.stderr);
    assert.deepEqual(asked, ['Did you rename "users" column from "first_name" to "name"', 'Did you rename "public" table from "pets" to "animals"']);
    const text = fs.readFileSync(
      path.join(
        migrations(),
        sqlFiles(migrations()).find((f) => f.endsWith('_asked.sql'))!,
      ),
      'utf8',
    );
    assert.match(text, /^-- Rename a column from "first_name" to "name"\nALTER TABLE "users" RENAME COLUMN "first_name" TO "name";\n/);
    assert.match(text, /CREATE TABLE "animals"/);
    assert.match(text, /DROP TABLE "pets";/);
  });

  it('without a terminal or --rename, plans drop + add and names the candidates; diff { skip { rename_column } } offers none', async () => {
    const io = memoryIO(work, {});
    assert.equal(await migrateDiff(['--dir', 'file://migrations', '--to', 'file://schema.sql', '--dev-url', devUrl, 'plain'], io), 0, io.stderr);
    assert.match(
      io.stderr,
      /Planned as drop and add \(no terminal to ask; --rename SPEC makes them renames\): column:users\.first_name:name, table:pets:animals\n/,
    );
    const text = fs.readFileSync(
      path.join(
        migrations(),
        sqlFiles(migrations()).find((f) => f.endsWith('_plain.sql'))!,
      ),
      'utf8',
    );
    assert.match(text, /DROP COLUMN "first_name"/);

    await assert.rejects(
      migrateDiff(['--dir', 'file://migrations', '--to', 'file://schema.sql', '--dev-url', devUrl, '--rename', 'column:users.id:name'], memoryIO(work, {})),
      /column:users\.id:name is not a rename the diff can make/,
    );

    fs.writeFileSync(
      path.join(work, 'atlas.hcl'),
      `env "local" {\n  src = "file://schema.sql"\n  dev = "${devUrl}"\n  migration {\n    dir = "file://migrations"\n  }\n  diff {\n    skip {\n      rename_column = true\n    }\n  }\n}\n`,
    );
    fs.rmSync(
      path.join(
        migrations(),
        sqlFiles(migrations()).find((f) => f.endsWith('_plain.sql'))!,
      ),
    );
    openDirPath(migrations()).writeSum();
    const skipped = memoryIO(work, {});
    assert.equal(await migrateDiff(['--env', 'local', 'skipped'], skipped), 0, skipped.stderr);
    assert.match(skipped.stderr, /Planned as drop and add [^\n]*: table:pets:animals\n/);
  });
});
