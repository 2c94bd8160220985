import assert from 'node:assert/strict';
import { codes, lintAfter, lines, ready } from './helpers';

const PG = /^PG(10[45]|30\d)$/;

describe('lint: blocking (PG104, PG105, PG301–PG306)', () => {
  before(ready);
  const base =
    'CREATE TABLE orgs (id int PRIMARY KEY);\nCREATE TABLE users (id int, name varchar(20), note text, code char(4), amount numeric(10,2), org int, ts timestamp(3));';

  it('PG301: type changes that rewrite; binary-coercible and relaxed ones do not', () => {
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users ALTER COLUMN id TYPE bigint;'), PG), [
      'PG301: Changing the type of column "id" to "bigint" rewrites table "users" and its indexes under an ACCESS EXCLUSIVE lock',
    ]);
    assert.deepEqual(codes(lintAfter(base, 'ALTER TABLE users ALTER COLUMN name TYPE varchar(10);'), PG), ['PG301']);
    assert.deepEqual(codes(lintAfter(base, 'ALTER TABLE users ALTER COLUMN note TYPE int USING note::int;'), PG), ['PG301']);
    for (const ok of [
      'ALTER TABLE users ALTER COLUMN name TYPE text;',
      'ALTER TABLE users ALTER COLUMN name TYPE varchar(50);',
      'ALTER TABLE users ALTER COLUMN name TYPE varchar;',
      'ALTER TABLE users ALTER COLUMN amount TYPE numeric(12,2);',
      'ALTER TABLE users ALTER COLUMN ts TYPE timestamp(6);',
    ]) {
      assert.deepEqual(codes(lintAfter(base, ok), PG), [], ok);
    }
  });

  it('PG302: ADD COLUMN with a volatile default; constant and now() defaults are stored in the catalog', () => {
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();'), PG), [
      'PG302: Adding column "token" with a volatile default value rewrites table "users" under an ACCESS EXCLUSIVE lock',
    ]);
    assert.deepEqual(codes(lintAfter(base, 'ALTER TABLE users ADD COLUMN n bigserial;'), PG), ['PG302']);
    assert.deepEqual(
      codes(lintAfter(base, "ALTER TABLE users ADD COLUMN created timestamptz NOT NULL DEFAULT now();\nALTER TABLE users ADD COLUMN s text DEFAULT 'x';"), PG),
      [],
    );
  });

  it('PG303: SET NOT NULL scans, unless a validated CHECK proves it (the NOT VALID + VALIDATE path)', () => {
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users ALTER COLUMN org SET NOT NULL;'), PG), [
      'PG303: Setting column "org" NOT NULL scans table "users" under an ACCESS EXCLUSIVE lock',
    ]);
    const safe =
      'ALTER TABLE users ADD CONSTRAINT org_nn CHECK (org IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT org_nn;\nALTER TABLE users ALTER COLUMN org SET NOT NULL;';
    assert.deepEqual(codes(lintAfter(base, safe), PG), []);
    const unvalidated = 'ALTER TABLE users ADD CONSTRAINT org_nn CHECK (org IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN org SET NOT NULL;';
    assert.deepEqual(codes(lintAfter(base, unvalidated), PG), ['PG303']);
  });

  it('PG104/PG304: PRIMARY KEY builds an index under ACCESS EXCLUSIVE and sets nullable columns NOT NULL', () => {
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users ADD PRIMARY KEY (id);'), PG), [
      'PG104: Adding a PRIMARY KEY constraint on table "users" builds its index under an ACCESS EXCLUSIVE lock',
      'PG304: Adding a PRIMARY KEY on nullable column "id" sets it NOT NULL, which scans table "users"',
    ]);
    assert.deepEqual(
      codes(
        lintAfter(
          base,
          'CREATE UNIQUE INDEX CONCURRENTLY users_pk ON users (id);\nALTER TABLE users ALTER COLUMN id SET NOT NULL;\nALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_pk;',
        ),
        /^PG10[4]|PG304/,
      ),
      [],
    );
  });

  it('PG105: UNIQUE constraint without USING INDEX', () => {
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users ADD CONSTRAINT users_name_key UNIQUE (name);'), PG), [
      'PG105: Adding a UNIQUE constraint on table "users" builds its index under an ACCESS EXCLUSIVE lock',
    ]);
    assert.deepEqual(
      codes(
        lintAfter(
          base,
          'CREATE UNIQUE INDEX CONCURRENTLY users_name_idx ON users (name);\nALTER TABLE users ADD CONSTRAINT users_name_key UNIQUE USING INDEX users_name_idx;',
        ),
        PG,
      ),
      [],
    );
  });

  it('PG305/PG306: CHECK and FOREIGN KEY without NOT VALID', () => {
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users ADD CONSTRAINT note_len CHECK (length(note) < 10);'), PG), [
      'PG305: Adding CHECK constraint "note_len" without NOT VALID scans table "users" under an ACCESS EXCLUSIVE lock',
    ]);
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users ADD FOREIGN KEY (org) REFERENCES orgs (id);'), PG), [
      'PG306: Adding foreign-key constraint "users_org_fkey" without NOT VALID scans table "users" and locks tables "users" and "orgs" in SHARE ROW EXCLUSIVE mode',
    ]);
    assert.deepEqual(
      codes(
        lintAfter(base, 'ALTER TABLE users ADD CONSTRAINT fk FOREIGN KEY (org) REFERENCES orgs (id) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT fk;'),
        PG,
      ),
      [],
    );
  });

  it('applies only to tables holding data, and honours nolint', () => {
    assert.deepEqual(
      codes(
        lintAfter(
          base,
          'CREATE TABLE t (a int, b text);\nALTER TABLE t ALTER COLUMN a TYPE bigint;\nALTER TABLE t ADD PRIMARY KEY (a);\nALTER TABLE t ADD CHECK (a > 0);',
        ),
        PG,
      ),
      [],
    );
    assert.deepEqual(codes(lintAfter(base, '-- atlas:nolint PG301\nALTER TABLE users ALTER COLUMN id TYPE bigint;'), PG), []);
    assert.deepEqual(
      codes(
        lintAfter(base, '-- atlas:nolint blocking\n\nALTER TABLE users ALTER COLUMN id TYPE bigint;\nALTER TABLE users ALTER COLUMN org SET NOT NULL;'),
        PG,
      ),
      [],
    );
  });
});
