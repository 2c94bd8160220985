// The generate-migration flow end to end: real dev databases (a scratch PostgreSQL 15 database, and once the
// embedded PGlite), files and atlas.sum on disk, the CLI commands' outputs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMigration, SYNCED_DIR } from '../../../server/src/migrate/diff';
import { openDirPath } from '../../../server/src/migrate/dir';
import { checkDir } from '../../../server/src/migrate/validate';
import { stopEmbeddedServer } from '../../../server/src/db/dev';
import { memoryIO } from '../../../server/src/cli/io';
import { run as migrateDiff } from '../../../server/src/cli/migrateDiff';
import { run as schemaDiff } from '../../../server/src/cli/schemaDiff';
import { connect, dropDatabase, scratchDatabase, urlFor } from './support';

const sqlFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();

describe('migrate diff (generate migration)', function () {
  this.timeout(120000);
  const dbs: string[] = [];
  let work: string;
  let devUrl: string;
  beforeEach(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-mdiff-'));
    const dev = await scratchDatabase('mdiffdev');
    dbs.push(dev);
    devUrl = urlFor(dev, 'search_path=public');
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));
  after(async () => {
    for (const d of dbs) await dropDatabase(d);
  });

  it("writes the first file in Atlas's format, re-hashes atlas.sum, then reports sync", async () => {
    fs.writeFileSync(path.join(work, 'schema.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n');
    fs.mkdirSync(path.join(work, 'migrations'));
    const r = await generateMigration({
      dir: 'file://migrations',
      to: 'file://schema.sql',
      name: 'init',
      devUrl,
      cwd: work,
      date: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
    });
    assert.equal(path.basename(r.file!), '20240102030405_init.sql');
    assert.equal(
      fs.readFileSync(r.file!, 'utf8'),
      '-- Create "users" table\nCREATE TABLE "users" ("id" bigint NOT NULL, "name" text NOT NULL, PRIMARY KEY ("id"));\n',
    );
    assert.equal(checkDir(openDirPath(path.join(work, 'migrations'))), undefined, 'atlas.sum matches');
    const again = await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', devUrl, cwd: work });
    assert.equal(again.synced, true);
    assert.deepEqual(sqlFiles(path.join(work, 'migrations')), ['20240102030405_init.sql']);

    fs.appendFileSync(path.join(work, 'schema.sql'), 'CREATE INDEX users_name ON users (name);\nALTER TABLE users ADD COLUMN email text;\n');
    const next = await generateMigration({
      dir: 'file://migrations',
      to: 'file://schema.sql',
      name: 'email',
      devUrl,
      cwd: work,
      date: new Date(Date.UTC(2024, 0, 3)),
    });
    assert.equal(
      next.content,
      '-- Modify "users" table\nALTER TABLE "users" ADD COLUMN "email" text NULL;\n-- Create index "users_name" to table: "users"\nCREATE INDEX "users_name" ON "users" ("name");\n',
    );
    assert.equal(checkDir(openDirPath(path.join(work, 'migrations'))), undefined);
  });

  it('loads a folder of SQL files and a database URL as the desired state', async () => {
    fs.mkdirSync(path.join(work, 'schema'));
    fs.writeFileSync(path.join(work, 'schema', '1_types.sql'), "CREATE TYPE mood AS ENUM ('a', 'b');\n");
    fs.writeFileSync(path.join(work, 'schema', '2_tables.sql'), 'CREATE TABLE t (m mood NOT NULL);\n');
    fs.mkdirSync(path.join(work, 'migrations'));
    const r = await generateMigration({ dir: 'file://migrations', to: 'file://schema', devUrl, cwd: work });
    assert.match(
      r.content,
      /^-- Create enum type "mood"\nCREATE TYPE "mood" AS ENUM \('a', 'b'\);\n-- Create "t" table\nCREATE TABLE "t" \("m" "mood" NOT NULL\);\n$/,
    );
    const target = await scratchDatabase('mdifftarget');
    dbs.push(target);
    const db = await connect(urlFor(target));
    await db.exec("CREATE TYPE mood AS ENUM ('a', 'b'); CREATE TABLE t (m mood NOT NULL)");
    await db.close();
    const synced = await generateMigration({ dir: 'file://migrations', to: urlFor(target, 'search_path=public'), devUrl, cwd: work });
    assert.equal(synced.synced, true);
  });

  it('runs an external_schema program from atlas.hcl (--env) and prints the sync sentence on a second run', async () => {
    fs.writeFileSync(path.join(work, 'print.js'), "process.stdout.write('CREATE TABLE pets (id int PRIMARY KEY, name text);\\n');\n");
    // The server trusts local connections, so a password in the URL is accepted and must never be shown.
    const withPassword = new URL(devUrl);
    withPassword.password = 's3cr3t-pw';
    fs.writeFileSync(
      path.join(work, 'atlas.hcl'),
      `data "external_schema" "app" {\n  program = ["node", "print.js"]\n}\nenv "local" {\n  src = data.external_schema.app.url\n  dev = "${withPassword}"\n  migration {\n    dir = "file://migrations"\n  }\n}\n`,
    );
    const io = memoryIO(work, {});
    assert.equal(await migrateDiff(['--env', 'local', 'pets'], io), 0);
    const files = sqlFiles(path.join(work, 'migrations'));
    assert.equal(files.length, 1);
    assert.match(files[0], /^\d{14}_pets\.sql$/);
    assert.match(
      fs.readFileSync(path.join(work, 'migrations', files[0]), 'utf8'),
      /CREATE TABLE "pets" \("id" integer NOT NULL, "name" text NULL, PRIMARY KEY \("id"\)\);/,
    );
    const io2 = memoryIO(work, {});
    assert.equal(await migrateDiff(['--env', 'local'], io2), 0);
    assert.equal(io2.stdout, `${SYNCED_DIR}\n`);
    assert.match(io.stderr, /Using dev database postgres:\/\/postgres:\*\*\*\*@/);
    for (const text of [io.stdout, io.stderr, io2.stdout, io2.stderr]) assert.doesNotMatch(text, /s3cr3t-pw/);
  });

  it('takes a migration folder (?version=) as the desired state and warns about destructive changes', async () => {
    const src = path.join(work, 'other');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, '1_a.sql'), 'CREATE TABLE a (id int);\n');
    fs.writeFileSync(path.join(src, '2_b.sql'), 'CREATE TABLE b (id int);\n');
    openDirPath(src).writeSum();
    const io = memoryIO(work, {});
    assert.equal(await migrateDiff(['one', '--dir', 'file://migrations', '--to', 'file://other?version=1', '--dev-url', devUrl], io), 0);
    const [first] = sqlFiles(path.join(work, 'migrations'));
    assert.equal(fs.readFileSync(path.join(work, 'migrations', first), 'utf8'), '-- Create "a" table\nCREATE TABLE "a" ("id" integer NULL);\n');
    fs.writeFileSync(path.join(work, 'empty.sql'), '');
    const r = await generateMigration({ dir: 'file://migrations', to: 'file://empty.sql', devUrl, cwd: work, date: new Date(Date.UTC(2030, 0, 1)) });
    assert.deepEqual(r.destructiveStatements, ['DROP TABLE "a";']);
    const io2 = memoryIO(work, {});
    fs.rmSync(r.file!);
    openDirPath(path.join(work, 'migrations')).writeSum();
    assert.equal(await migrateDiff(['drop', '--dir', 'file://migrations', '--to', 'file://empty.sql', '--dev-url', devUrl], io2), 0);
    assert.match(io2.stderr, /Warning: \d{14}_drop\.sql contains destructive changes:\n {2}DROP TABLE "a";\n/);
  });

  it('refuses a folder whose atlas.sum does not match, and names the version of a failing replay', async () => {
    fs.mkdirSync(path.join(work, 'migrations'));
    fs.writeFileSync(path.join(work, 'schema.sql'), 'CREATE TABLE a (id int);\n');
    await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', name: 'one', devUrl, cwd: work, date: new Date(Date.UTC(2024, 0, 1)) });
    fs.appendFileSync(path.join(work, 'migrations', '20240101000000_one.sql'), 'SELECT 1;\n');
    const io = memoryIO(work, {});
    await assert.rejects(migrateDiff(['--dir', 'file://migrations', '--to', 'file://schema.sql', '--dev-url', devUrl], io), /checksum mismatch/);
    assert.match(io.stdout, /You have a checksum error in your migration directory/);
    assert.deepEqual(sqlFiles(path.join(work, 'migrations')), ['20240101000000_one.sql']);
    fs.writeFileSync(path.join(work, 'migrations', '20240101000000_one.sql'), 'CREATE TABLE a (id int);\nCREATE TABLE broken (x nosuchtype);\n');
    openDirPath(path.join(work, 'migrations')).writeSum();
    await assert.rejects(
      generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', devUrl, cwd: work }),
      /from version "20240101000000": .*nosuchtype/,
    );
  });

  it('schema diff prints the plan, the synced sentence, and refuses mixing scopes', async () => {
    const a = await scratchDatabase('sdiffa');
    dbs.push(a);
    const db = await connect(urlFor(a));
    await db.exec('CREATE TABLE t (id int)');
    await db.close();
    fs.writeFileSync(path.join(work, 's.sql'), 'CREATE TABLE t (id int, b text);\n');
    const io = memoryIO(work, {});
    await schemaDiff(['--from', urlFor(a, 'search_path=public'), '--to', 'file://s.sql', '--dev-url', devUrl], io);
    assert.equal(io.stdout, '-- Modify "t" table\nALTER TABLE "t" ADD COLUMN "b" text NULL;\n');
    const io2 = memoryIO(work, {});
    await schemaDiff(['--from', urlFor(a, 'search_path=public'), '--to', urlFor(a, 'search_path=public')], io2);
    assert.equal(io2.stdout, 'Schemas are synced, no changes to be made.\n');
    await assert.rejects(
      schemaDiff(['--from', urlFor(a, 'search_path=public'), '--to', urlFor(a)], memoryIO(work, {})),
      /cannot diff a schema "public" with a database connection/,
    );
  });

  it('uses the embedded PGlite dev database when no dev URL is given (realm scope: qualified names)', async () => {
    fs.writeFileSync(
      path.join(work, 'schema.sql'),
      'CREATE EXTENSION IF NOT EXISTS citext;\nCREATE TABLE users (id serial PRIMARY KEY, email citext UNIQUE);\n',
    );
    let used = '';
    try {
      const r = await generateMigration({
        dir: 'file://migrations',
        to: 'file://schema.sql',
        name: 'init',
        cwd: work,
        onDev: (d) => {
          used = d;
        },
      });
      assert.match(used, /embedded PGlite/);
      assert.match(
        r.content,
        /CREATE TABLE "public"\."users" \("id" serial NOT NULL, "email" citext NULL, PRIMARY KEY \("id"\), CONSTRAINT "users_email_key" UNIQUE \("email"\)\);/,
      );
      assert.match(r.content, /CREATE EXTENSION IF NOT EXISTS "citext" WITH SCHEMA "public";\n/, 'no PGlite-specific VERSION pinned');
      const again = await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', cwd: work });
      assert.equal(again.synced, true);
    } finally {
      await stopEmbeddedServer();
    }
  });
});
