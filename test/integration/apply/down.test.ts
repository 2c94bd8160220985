// migrate down: plans from the database back to the folder replayed to the earlier version on the
// embedded dev database; shows the plan, refuses destructive steps unless allowed, removes revisions.
import assert from 'node:assert/strict';
import { adminQuery, cli, dbUrl, dropDb, migrationDir, revisions, scratchDb } from './support';
import { stopEmbeddedServer } from '../../../server/src/db/dev';

describe('migrate down', function () {
  this.timeout(180_000);
  let db: string;
  before(async () => {
    db = await scratchDb('down');
  });
  after(async () => {
    await dropDb(db);
    await stopEmbeddedServer();
  });

  it('reverts the last file (non-destructive), refuses a destructive revert without --allow-destructive, then reverts it', async () => {
    const dir = migrationDir({
      '1_users.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n',
      '2_name.sql': 'ALTER TABLE users ADD COLUMN name text;\n',
      '3_idx.sql': 'CREATE INDEX users_email_idx ON users (email);\n',
    });
    const url = dbUrl(db);
    assert.equal((await cli(['migrate', 'apply', '--url', url, '--dir', `file://${dir}`])).code, 0);
    const d1 = await cli(['migrate', 'down', '--url', url, '--dir', `file://${dir}`]);
    assert.equal(d1.code, 0, d1.stderr);
    assert.match(d1.stderr, /^Using embedded PGlite 0\.5\.14 \(PostgreSQL 18\) as the dev database\n/);
    // the target (PostgreSQL 15) is connected: the dev database's other major is said, with the way to a real one
    assert.match(
      d1.stderr,
      /\nWarning: the dev database \(embedded PGlite 0\.5\.14 \(PostgreSQL 18\)\) is PostgreSQL 18 but the target database is PostgreSQL 15; .*--dev-url "postgres:\/\//,
    );
    assert.match(
      d1.stdout,
      /^Migrating down from version 3 to 2 \(1 migration in total\):\n\n {2}-- reverting version 3\n {4}-> DROP INDEX "public"\."users_email_idx";\n {2}-- ok \(/,
    );
    assert.deepEqual(
      (await revisions(db)).map((r) => r.version),
      ['1', '2'],
    );
    assert.equal((await adminQuery(`SELECT 1 FROM pg_class WHERE relname = 'users_email_idx'`, [], db)).length, 0);

    const refused = await cli(['migrate', 'down', '--url', url, '--dir', `file://${dir}`]);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /-> ALTER TABLE "public"\."users" DROP COLUMN "name";\n {2}-- planned only \(destructive\)/);
    assert.match(refused.stderr, /Error: the plan to revert contains destructive changes/);
    assert.deepEqual(
      (await revisions(db)).map((r) => r.version),
      ['1', '2'],
    );

    const forced = await cli(['migrate', 'down', '--url', url, '--dir', `file://${dir}`, '--allow-destructive']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.deepEqual(
      (await revisions(db)).map((r) => r.version),
      ['1'],
    );
    const cols = await adminQuery<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY ordinal_position`,
      [],
      db,
    );
    assert.deepEqual(
      cols.map((c) => c.column_name),
      ['id', 'email'],
    );

    const re = await cli(['migrate', 'apply', '--url', url, '--dir', `file://${dir}`]);
    assert.match(re.stdout, /^Migrating to version 3 from 1 \(2 migrations in total\)/);
    const dry = await cli(['migrate', 'down', '2', '--url', url, '--dir', `file://${dir}`, '--dry-run', '--format', '{{ json . }}']);
    const j = JSON.parse(dry.stdout);
    assert.equal(j.Status, 'PLANNED');
    assert.equal(j.Target, '1');
    assert.deepEqual(
      j.Reverted.map((r: { Version: string }) => r.Version),
      ['3', '2'],
    );
    assert.equal((await revisions(db)).length, 3);
  });
});
