import assert from 'node:assert/strict';
import { codes, lintAfter, lines, ready } from './helpers';

const only = /^(CD|BC)/;

describe('lint: condrop (CD101) and incompatible (BC101–BC102)', () => {
  before(ready);
  const base =
    'CREATE TABLE orgs (id int PRIMARY KEY);\nCREATE TABLE users (id int PRIMARY KEY, org int CONSTRAINT users_org_fk REFERENCES orgs (id), name text);\nALTER TABLE users ADD CONSTRAINT name_len CHECK (length(name) < 100);';

  it('CD101: dropping a foreign key, not other constraints nor with its column', () => {
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users DROP CONSTRAINT users_org_fk;'), only), [
      'CD101: Dropping foreign-key constraint "users_org_fk"',
    ]);
    assert.deepEqual(codes(lintAfter(base, 'ALTER TABLE users DROP CONSTRAINT name_len;'), only), []);
    assert.deepEqual(codes(lintAfter(base, 'ALTER TABLE users DROP CONSTRAINT users_org_fk, DROP COLUMN org;'), only), []);
    assert.deepEqual(codes(lintAfter(base, '-- atlas:nolint condrop\nALTER TABLE users DROP CONSTRAINT users_org_fk;'), only), []);
  });

  it('CD101 knows PostgreSQL default constraint names from an earlier file', () => {
    const r = lintAfter(
      'CREATE TABLE orgs (id int PRIMARY KEY);\nCREATE TABLE users (id int, org int REFERENCES orgs (id));',
      'ALTER TABLE users DROP CONSTRAINT users_org_fkey;',
    );
    assert.deepEqual(lines(r, only), ['CD101: Dropping foreign-key constraint "users_org_fkey"']);
  });

  it('BC101: renaming a table, unless a view keeps the old name', () => {
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users RENAME TO accounts;'), only), ['BC101: Renaming table "users" to "accounts"']);
    assert.deepEqual(codes(lintAfter(base, 'ALTER TABLE users RENAME TO accounts;\nCREATE VIEW users AS SELECT * FROM accounts;'), only), []);
    assert.deepEqual(codes(lintAfter(base, '-- atlas:nolint BC101\nALTER TABLE users RENAME TO accounts;'), only), []);
  });

  it('BC102: renaming a column, unless the old name is added back later in the file', () => {
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users RENAME COLUMN name TO full_name;'), only), ['BC102: Renaming column "name" to "full_name"']);
    assert.deepEqual(
      codes(
        lintAfter(base, 'ALTER TABLE users RENAME COLUMN name TO full_name;\nALTER TABLE users ADD COLUMN name text GENERATED ALWAYS AS (full_name) STORED;'),
        only,
      ),
      [],
    );
    assert.deepEqual(codes(lintAfter(base, '-- atlas:nolint incompatible\nALTER TABLE users RENAME COLUMN name TO full_name;'), only), []);
  });

  it('the renamed objects carry on in the state (a later drop uses the new names)', () => {
    const r = lintAfter(base, 'ALTER TABLE users RENAME COLUMN org TO org_id;\nALTER TABLE users DROP CONSTRAINT users_org_fk;');
    assert.deepEqual(codes(r, only), ['CD101', 'BC102']);
  });
});
