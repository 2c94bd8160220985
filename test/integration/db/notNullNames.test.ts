// PostgreSQL 18 names NOT NULL constraints (`<table>_<column>_not_null`); PostgreSQL 15 does not. A folder written
// for PostgreSQL 15 that names its own constraints like that replays on PostgreSQL 15, and must replay on the
// embedded dev database (PGlite, PostgreSQL 18) too, to the same inspected schema. A dev URL asking for 18 keeps
// PostgreSQL 18's own behaviour. The version notice names both majors and the way to a real dev database.
import assert from 'node:assert/strict';
import { openDevDatabase, stopEmbeddedServer } from '../../../server/src/db/dev';
import { openDirPath } from '../../../server/src/migrate/dir';
import { replayDir } from '../../../server/src/migrate/diffSource';
import { canonicalRealm } from '../../../server/src/schema/compare';
import { diff } from '../../../server/src/schema/diff';
import { inspect } from '../../../server/src/schema/inspect';
import type { Realm } from '../../../server/src/schema/model';
import { cli, dbUrl, dropDb, migrationDir, scratchDb } from '../apply/support';
import { connect } from '../schema/support';

const folder = {
  '20240101000000_init.sql': `CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  last_seen_at timestamptz
);
CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  total numeric(10,2)
);
`,
  '20240201000000_require_last_seen.sql': `UPDATE users SET last_seen_at = now() WHERE last_seen_at IS NULL;
ALTER TABLE users ALTER COLUMN last_seen_at SET NOT NULL;
ALTER TABLE users ADD CONSTRAINT users_last_seen_at_not_null CHECK (last_seen_at IS NOT NULL);
ALTER TABLE ONLY public.orders ADD CONSTRAINT "orders_user_id_not_null" CHECK (user_id > 0), ADD CONSTRAINT orders_total_not_null CHECK (total IS NOT NULL) NOT VALID;
ALTER TABLE users ADD CONSTRAINT users_id_not_null UNIQUE (email);
`,
  '20240301000000_relax.sql': `ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_id_not_null;
ALTER TABLE orders DROP CONSTRAINT orders_total_not_null;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_not_null;
COMMENT ON CONSTRAINT users_last_seen_at_not_null ON users IS 'set by the app';
`,
};

const strip = (r: Realm) => ({ ...(canonicalRealm(r) as object), serverMajor: 0 });

describe('dev database: PostgreSQL 18 NOT NULL constraint names on an older target', function () {
  this.timeout(180_000);
  after(() => stopEmbeddedServer());

  it('the folder replays on PostgreSQL 15 and on the embedded dev database, and both inspect equal', async () => {
    const dir = openDirPath(migrationDir(folder));
    const name = await scratchDb('notnull');
    let pg15: Realm;
    try {
      const db = await connect(dbUrl(name));
      try {
        await replayDir(db, dir);
        pg15 = await inspect(db);
      } finally {
        await db.close();
      }
    } finally {
      await dropDb(name);
    }
    const dev = await openDevDatabase();
    let pg18: Realm;
    try {
      await replayDir(dev, dir);
      pg18 = await inspect(dev);
    } finally {
      await dev.close();
    }
    assert.equal(pg15.serverMajor, 15);
    assert.equal(pg18.serverMajor, 18);
    assert.deepEqual(strip(pg18), strip(pg15));
    assert.deepEqual(
      diff(pg15, pg18).map((c) => c.cmd),
      [],
    );
    const users = pg18.schemas[0].tables.find((t) => t.name === 'users')!;
    assert.deepEqual(
      users.checks.map((c) => c.name),
      ['users_last_seen_at_not_null'],
    );
  });

  it('validate and lint replay it on the embedded dev database (docker://postgres/15/dev) with the version warning', async () => {
    const dir = migrationDir(folder);
    const v = await cli(['migrate', 'validate', '--dir', `file://${dir}`, '--dev-url', 'docker://postgres/15/dev']);
    assert.equal(v.code, 0, v.stderr);
    assert.match(
      v.stderr,
      /^Warning: the embedded dev database \(PGlite 0\.5\.14\) is PostgreSQL 18 but the requested docker:\/\/postgres\/15\/dev is PostgreSQL 15; .*--dev-url "postgres:\/\/.*"/,
    );
    const l = await cli(['migrate', 'lint', '--dir', `file://${dir}`, '--latest', '2', '--dev-url', 'docker://postgres/15/dev', '--format', '{{ json . }}']);
    const doc = JSON.parse(l.stdout) as { Steps: Array<{ Name: string; Text: string; Error?: string }> };
    assert.deepEqual(
      doc.Steps.find((s) => s.Name === 'Replay Migration Files'),
      { Name: 'Replay Migration Files', Text: 'Loaded 2 changes on dev database' },
    );
    assert.match(l.stderr, /Warning: .*PostgreSQL 18 .* PostgreSQL 15/);
  });

  it('a dev URL asking for PostgreSQL 18 keeps PostgreSQL 18 behaviour and prints no warning', async () => {
    const dir = migrationDir(folder);
    const v = await cli(['migrate', 'validate', '--dir', `file://${dir}`, '--dev-url', 'docker://postgres/18/dev']);
    assert.equal(v.code, 1);
    assert.match(v.stderr, /^Error: replaying the migration directory: .*constraint "users_last_seen_at_not_null" for relation "users" already exists\n$/);
  });
});
