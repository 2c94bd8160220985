import assert from 'node:assert/strict';
import { codes, lintAfter, lines, lintSources, ready } from './helpers';

const MF = /^MF/;

describe('lint: data_depend (MF101, MF103, MF104)', () => {
  before(ready);
  const base = 'CREATE TABLE users (id int, email text, name varchar(20), org int);\nCREATE UNIQUE INDEX users_email_key ON users (email);';

  it('MF101: a unique index or UNIQUE constraint on existing columns', () => {
    assert.deepEqual(lines(lintAfter(base, 'CREATE UNIQUE INDEX users_name ON users (name);'), MF), [
      'MF101: Adding a unique index "users_name" on table "users" might fail in case column "name" contains duplicate entries',
    ]);
    assert.deepEqual(lines(lintAfter(base, 'CREATE UNIQUE INDEX users_name_org ON users (name, org);'), MF), [
      'MF101: Adding a unique index "users_name_org" on table "users" might fail in case columns "name", "org" contain duplicate entries',
    ]);
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users ADD CONSTRAINT u_org UNIQUE (org);'), MF), [
      'MF101: Adding a unique index "u_org" on table "users" might fail in case column "org" contains duplicate entries',
    ]);
  });

  it('MF101 negatives: new columns, new tables, a plain index, re-creating a dropped unique index', () => {
    assert.deepEqual(codes(lintAfter(base, 'ALTER TABLE users ADD COLUMN code text;\nCREATE UNIQUE INDEX users_code ON users (code);'), MF), []);
    assert.deepEqual(codes(lintAfter(base, 'CREATE TABLE t (a int);\nCREATE UNIQUE INDEX t_a ON t (a);'), MF), []);
    assert.deepEqual(codes(lintAfter(base, 'CREATE INDEX users_org ON users (org);'), MF), []);
    assert.deepEqual(codes(lintAfter(base, 'DROP INDEX users_email_key;\nCREATE UNIQUE INDEX users_email_uq ON users (email);'), MF), []);
  });

  it('MF103: a NOT NULL column without default on a table that holds data', () => {
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users ADD COLUMN age int NOT NULL;'), MF), [
      'MF103: Adding a non-nullable "integer" column "age" will fail in case table "users" is not empty',
    ]);
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users ADD COLUMN code varchar(8) NOT NULL;'), MF), [
      'MF103: Adding a non-nullable "character varying(8)" column "code" will fail in case table "users" is not empty',
    ]);
  });

  it('MF103 negatives: with a DEFAULT, identity, serial, nullable, or on a table created in the file', () => {
    assert.deepEqual(codes(lintAfter(base, 'ALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0;'), MF), []);
    assert.deepEqual(codes(lintAfter(base, 'ALTER TABLE users ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;'), MF), []);
    assert.deepEqual(codes(lintAfter(base, 'ALTER TABLE users ADD COLUMN s serial NOT NULL;'), MF), []);
    assert.deepEqual(codes(lintAfter(base, 'ALTER TABLE users ADD COLUMN age int;'), MF), []);
    assert.deepEqual(codes(lintAfter(base, 'CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN c int NOT NULL;'), MF), []);
  });

  it('MF103 across two files: the table of an applied file holds data', () => {
    const folder: Array<[string, string]> = [
      ['1.sql', 'CREATE TABLE users (id int);'],
      ['2.sql', 'ALTER TABLE users ADD COLUMN c2 int NOT NULL;\nALTER TABLE users ADD COLUMN c3 int NOT NULL DEFAULT 1;'],
    ];
    assert.deepEqual(codes(lintSources(folder, 1)[0], MF), ['MF103']);
    assert.deepEqual(codes(lintSources(folder, 2)[1], MF), []);
  });

  it('MF104: SET NOT NULL on a nullable column, unless back-filled or proven by a CHECK', () => {
    assert.deepEqual(lines(lintAfter(base, 'ALTER TABLE users ALTER COLUMN org SET NOT NULL;'), MF), [
      'MF104: Modifying nullable column "org" to non-nullable might fail in case it contains NULL values',
    ]);
    assert.deepEqual(codes(lintAfter(base, 'UPDATE users SET org = 0 WHERE org IS NULL;\nALTER TABLE users ALTER COLUMN org SET NOT NULL;'), MF), []);
    assert.deepEqual(
      codes(lintAfter(base + '\nALTER TABLE users ADD CONSTRAINT org_nn CHECK (org IS NOT NULL);', 'ALTER TABLE users ALTER COLUMN org SET NOT NULL;'), MF),
      [],
    );
    assert.deepEqual(codes(lintAfter(base + '\nALTER TABLE users ALTER COLUMN org SET NOT NULL;', 'ALTER TABLE users ALTER COLUMN org SET NOT NULL;'), MF), []);
  });

  it('honours nolint for data_depend and MF codes', () => {
    assert.deepEqual(codes(lintAfter(base, '-- atlas:nolint data_depend\nALTER TABLE users ADD COLUMN age int NOT NULL;'), MF), []);
    assert.deepEqual(
      codes(lintAfter(base, '-- atlas:nolint MF103\nALTER TABLE users ADD COLUMN age int NOT NULL;\nALTER TABLE users ALTER COLUMN org SET NOT NULL;'), MF),
      ['MF104'],
    );
    assert.deepEqual(
      codes(lintAfter(base, '/* atlas:nolint MF104 */\nALTER TABLE users ALTER COLUMN org SET NOT NULL;'), MF),
      ['MF104'],
      'a spaced block comment is not a directive',
    );
    assert.deepEqual(codes(lintAfter(base, '/*atlas:nolint MF104*/\nALTER TABLE users ALTER COLUMN org SET NOT NULL;'), MF), []);
    const r = lintAfter(base, 'ALTER TABLE users ADD COLUMN age int NOT NULL;', { analyzers: { data_depend: { error: true } } });
    assert.equal(r.error, 'data dependent changes detected');
  });
});
