// The declarative workflow on real PostgreSQL 15 through the CLI: `schema apply` (dry run, review prompt without a
// terminal, auto-approve, synced, tx-mode), `schema clean` and `schema fmt` on real files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import { memoryIO } from '../../../server/src/cli/io';
import { connect, dropDatabase, scratchDatabase, urlFor } from './support';

const SCHEMA = `schema "public" {}
table "users" {
  schema = schema.public
  column "id" {
    type = int
  }
  column "email" {
    type = varchar(100)
    null = true
  }
  primary_key {
    columns = [column.id]
  }
  unique "users_email_key" {
    columns = [column.email]
  }
}
view "emails" {
  schema = schema.public
  as     = "SELECT email FROM users"
}
`;

describe('schema apply / clean / fmt (PostgreSQL 15)', function () {
  this.timeout(60000);
  let db: string;
  let dev: string;
  let work: string;
  let url: string;
  const cli = async (...args: string[]) => {
    const io = memoryIO(work);
    const code = await runCli(args, io);
    return { code, out: io.stdout, err: io.stderr };
  };
  const tables = async () => {
    const c = await connect(urlFor(db));
    try {
      return (await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).rows.map(
        (r) => (r as { table_name: string }).table_name,
      );
    } finally {
      await c.close();
    }
  };
  before(async () => {
    db = await scratchDatabase('sapply');
    dev = await scratchDatabase('sapplydev');
    url = urlFor(db, 'search_path=public');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-sapply-'));
    fs.writeFileSync(path.join(work, 'schema.pg.hcl'), SCHEMA);
  });
  after(async () => {
    fs.rmSync(work, { recursive: true, force: true });
    await dropDatabase(db);
    await dropDatabase(dev);
  });
  const devUrl = () => urlFor(dev, 'search_path=public');

  it('--dry-run prints the plan and changes nothing', async () => {
    const r = await cli('schema', 'apply', '--url', url, '--to', 'file://schema.pg.hcl', '--dev-url', devUrl(), '--dry-run');
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      [
        '-- Planned Changes:',
        '-- Create "users" table',
        'CREATE TABLE "users" (',
        '  "id" integer NOT NULL,',
        '  "email" character varying(100) NULL,',
        '  PRIMARY KEY ("id"),',
        '  CONSTRAINT "users_email_key" UNIQUE ("email")',
        ');',
        '-- Create "emails" view',
        'CREATE VIEW "emails" AS SELECT users.email',
        '   FROM users;',
        '',
      ].join('\n'),
    );
    assert.deepEqual(await tables(), []);
  });

  it('without a terminal and without --auto-approve the review gets end-of-input: exit 1, nothing applied', async () => {
    const r = await cli('schema', 'apply', '--url', url, '--to', 'file://schema.pg.hcl', '--dev-url', devUrl());
    assert.equal(r.code, 1);
    assert.equal(r.err, 'Error: ^D\n');
    assert.match(r.out, /^-- Planned Changes:\n/);
    assert.deepEqual(await tables(), []);
  });

  it('rejects an unknown --tx-mode and --dry-run with --auto-approve', async () => {
    const a = await cli('schema', 'apply', '--url', url, '--to', 'file://schema.pg.hcl', '--tx-mode', 'all');
    assert.deepEqual([a.code, a.err], [1, 'Error: unknown tx-mode "all"\n']);
    const b = await cli('schema', 'apply', '--url', url, '--to', 'file://schema.pg.hcl', '--dry-run', '--auto-approve');
    assert.equal(b.code, 1);
  });

  it('--auto-approve applies the plan; the next apply is synced', async () => {
    const r = await cli('schema', 'apply', '--url', url, '--to', 'file://schema.pg.hcl', '--dev-url', devUrl(), '--auto-approve');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(await tables(), ['emails', 'users']);
    const again = await cli('schema', 'apply', '--url', url, '--to', 'file://schema.pg.hcl', '--dev-url', devUrl(), '--auto-approve');
    assert.deepEqual([again.code, again.out], [0, 'Schema is synced, no changes to be made\n']);
  });

  it('a failing statement rolls the whole plan back (tx-mode file)', async () => {
    const c = await connect(urlFor(db));
    await c.exec(`INSERT INTO users VALUES (1, 'a'), (2, 'a') ON CONFLICT DO NOTHING`);
    await c.close();
    fs.writeFileSync(
      path.join(work, 'v2.pg.hcl'),
      SCHEMA.replace('table "users" {', 'table "t2" {\n  schema = schema.public\n  column "a" {\n    type = int\n  }\n}\ntable "users" {').replace(
        'null = true\n  }',
        'null = true\n  }\n  column "n" {\n    type = int\n  }',
      ),
    );
    const r = await cli('schema', 'apply', '--url', url, '--to', 'file://v2.pg.hcl', '--dev-url', devUrl(), '--auto-approve');
    assert.equal(r.code, 1);
    assert.match(r.err, /^Error: executing statement "ALTER TABLE \\"users\\" ADD COLUMN \\"n\\" integer NOT NULL;": .*contains null values/);
    assert.deepEqual(await tables(), ['emails', 'users']);
  });

  it('schema clean drops everything the connection sees; then there is nothing to drop', async () => {
    const r = await cli('schema', 'clean', '--url', url, '--auto-approve');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^-- Planned Changes:\n/);
    assert.deepEqual(await tables(), []);
    const again = await cli('schema', 'clean', '--url', url, '--auto-approve');
    assert.deepEqual([again.code, again.out], [0, 'Nothing to drop\n']);
  });

  it('schema fmt rewrites badly laid out files and prints them; formatted files stay as they are', async () => {
    fs.mkdirSync(path.join(work, 'fmt'));
    fs.writeFileSync(path.join(work, 'fmt', 'a.hcl'), 'table "t" {\nschema = schema.public\n    column "a" {\n  type = int\n  null = true\n}\n}\n');
    fs.writeFileSync(path.join(work, 'fmt', 'b.hcl'), SCHEMA);
    const r = await cli('schema', 'fmt', 'fmt');
    assert.deepEqual([r.code, r.out], [0, 'fmt/a.hcl\n']);
    assert.equal(
      fs.readFileSync(path.join(work, 'fmt', 'a.hcl'), 'utf8'),
      'table "t" {\n  schema = schema.public\n  column "a" {\n    type = int\n    null = true\n  }\n}\n',
    );
    assert.equal((await cli('schema', 'fmt', 'fmt')).out, '');
  });
});
