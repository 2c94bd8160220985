// migrate checkpoint on real PostgreSQL: the folder replayed on a clean dev database becomes one
// `-- atlas:checkpoint` file (Atlas's plan format, re-hashed), and status/apply honour it: a new database starts
// from the latest checkpoint, a database that ran the earlier files skips it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { adminQuery, cli, dbUrl, migrationDir, revisions, scratchDbs } from './support';
import { openDirPath } from '../../../server/src/migrate/dir';
import { checkDir } from '../../../server/src/migrate/validate';

describe('migrate checkpoint', function () {
  this.timeout(180_000);
  const newDb = scratchDbs();

  it('writes the whole schema as a checkpoint file; a new database starts from it, an older one skips it', async () => {
    const dir = migrationDir({
      '20240101000000_users.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n',
      '20240102000000_name.sql': 'ALTER TABLE users ADD COLUMN name text;\nCREATE INDEX users_email_idx ON users (email);\n',
    });
    const old = await newDb('ckpt_old');
    assert.equal((await cli(['migrate', 'apply', '--url', dbUrl(old), '--dir', `file://${dir}`])).code, 0);

    const dev = await newDb('ckpt_dev');
    const made = await cli(['migrate', 'checkpoint', '--dir', `file://${dir}`, '--dev-url', dbUrl(dev, { search_path: 'public' })]);
    assert.equal(made.code, 0, made.stderr);
    assert.equal(made.stdout, '');
    const ck = fs.readdirSync(dir).find((n) => /^\d{14}_checkpoint\.sql$/.test(n));
    assert.ok(ck, fs.readdirSync(dir).join(', '));
    assert.ok(ck > '20240102000000_name.sql');
    assert.equal(
      fs.readFileSync(path.join(dir, ck), 'utf8'),
      '-- atlas:checkpoint\n\n' +
        '-- Create "users" table\nCREATE TABLE "users" ("id" integer NOT NULL, "email" text NOT NULL, "name" text NULL, PRIMARY KEY ("id"));\n' +
        '-- Create index "users_email_idx" to table: "users"\nCREATE INDEX "users_email_idx" ON "users" ("email");\n',
    );
    assert.equal(checkDir(openDirPath(dir)), undefined, 'atlas.sum re-hashed');
    assert.ok(openDirPath(dir).file(ck)!.isCheckpoint());
    migrationDir({ '20990101000000_posts.sql': 'CREATE TABLE posts (id int PRIMARY KEY, user_id int REFERENCES users (id));\n' }, dir);

    // a new database: the checkpoint is the next version, then only the files after it run
    const fresh = await newDb('ckpt_new');
    const st = await cli(['migrate', 'status', '--url', dbUrl(fresh), '--dir', `file://${dir}`]);
    assert.match(st.stdout, new RegExp(`Next Version:\\s+${ck.slice(0, 14)} \\(checkpoint\\)`));
    assert.match(st.stdout, /Executed Files:\s+0\n/);
    assert.match(st.stdout, /Pending Files:\s+2\n/);
    const a = await cli(['migrate', 'apply', '--url', dbUrl(fresh), '--dir', `file://${dir}`]);
    assert.equal(a.code, 0, a.stderr);
    assert.deepEqual(
      (await revisions(fresh)).map((r) => r.version),
      [ck.slice(0, 14), '20990101000000'],
    );
    const cols = await adminQuery<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY ordinal_position`,
      [],
      fresh,
    );
    assert.deepEqual(
      cols.map((c) => c.column_name),
      ['id', 'email', 'name'],
    );

    // the database that ran the first two files: the checkpoint is not pending, the new file is
    const b = await cli(['migrate', 'apply', '--url', dbUrl(old), '--dir', `file://${dir}`]);
    assert.equal(b.code, 0, b.stderr);
    assert.deepEqual(
      (await revisions(old)).map((r) => r.version),
      ['20240101000000', '20240102000000', '20990101000000'],
    );
  });

  it('names the file and the directive after a tag, and refuses an empty folder', async () => {
    const dir = migrationDir({ '1_t.sql': 'CREATE TABLE t (id int);\n' });
    const dev = await newDb('ckpt_dev2');
    const r = await cli(['migrate', 'checkpoint', 'v1', '--dir', `file://${dir}`, '--dev-url', dbUrl(dev, { search_path: 'public' })]);
    assert.equal(r.code, 0, r.stderr);
    const ck = fs.readdirSync(dir).find((n) => n.endsWith('_v1.sql'))!;
    assert.match(fs.readFileSync(path.join(dir, ck), 'utf8'), /^-- atlas:checkpoint v1\n\n-- Create "t" table\n/);
    assert.equal(openDirPath(dir).file(ck)!.checkpointTag(), 'v1');
    const empty = migrationDir({ '1_noop.sql': 'SELECT 1;\n' });
    const e = await cli(['migrate', 'checkpoint', '--dir', `file://${empty}`, '--dev-url', dbUrl(dev, { search_path: 'public' })]);
    assert.equal(e.code, 1);
    assert.match(e.stderr, /nothing to checkpoint/);
  });
});
