// The same schema inspected on PostgreSQL 15 and on the embedded PGlite dev database (PostgreSQL 18)
// gives models that diff to nothing: catalog differences between versions are normalised.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { inspect } from '../../../server/src/schema/inspect';
import { diff } from '../../../server/src/schema/diff';
import { openDevDatabase, stopEmbeddedServer } from '../../../server/src/db/dev';
import { execScript } from '../../../server/src/migrate/diffSource';
import type { Realm } from '../../../server/src/schema/model';
import { connect, dropDatabase, scratchDatabase, urlFor } from './support';

// The exclusion constraint needs btree_gist, which the embedded dev database does not load.
const fixture = fs
  .readFileSync(path.join(__dirname, '../../fixtures/schema/objects.sql'), 'utf8')
  .replace(/,\n {2}EXCLUDE USING gist \(user_id WITH =, period WITH &&\)/, '');

describe('schema inspect across server versions (PostgreSQL 15 vs PGlite 18)', function () {
  this.timeout(120000);
  let pg15: Realm;
  let pg18: Realm;
  before(async () => {
    const name = await scratchDatabase('cross');
    const db = await connect(urlFor(name));
    try {
      await execScript(db, fixture, 'objects.sql');
      pg15 = await inspect(db);
    } finally {
      await db.close();
      await dropDatabase(name);
    }
    const dev = await openDevDatabase();
    try {
      await execScript(dev, fixture, 'objects.sql');
      pg18 = await inspect(dev);
    } finally {
      await dev.close();
      await stopEmbeddedServer();
    }
  });

  it("reads the two servers' catalogs into models that diff to nothing", () => {
    assert.equal(pg15.serverMajor, 15);
    assert.equal(pg18.serverMajor, 18);
    assert.deepEqual(
      diff(pg15, pg18).map((c) => c.cmd),
      [],
    );
    assert.deepEqual(
      diff(pg18, pg15).map((c) => c.cmd),
      [],
    );
  });

  it('NOT NULL constraints of PostgreSQL 18 (contype n) are not constraints in the model', () => {
    const users = pg18.schemas.find((s) => s.name === 'public')!.tables.find((t) => t.name === 'users')!;
    assert.deepEqual(
      users.checks.map((c) => c.name),
      ['users_name_check'],
    );
    assert.equal(users.columns.find((c) => c.name === 'email')!.notNull, true);
  });
});
