import assert from 'node:assert/strict';
import { codes, lintAfter, lines, ready } from './helpers';

const AW = /^AW/;

describe('lint: workbench safety rules (AW101–AW103)', () => {
  before(ready);
  const base = 'CREATE TABLE users (id int, name text);';

  it('AW101: first ACCESS EXCLUSIVE statement on a table holding data without lock_timeout', () => {
    const r = lintAfter(base, 'ALTER TABLE users ADD COLUMN a int;\nALTER TABLE users ADD COLUMN b int;');
    assert.deepEqual(lines(r, AW), ['AW101: Statement takes an ACCESS EXCLUSIVE lock on table "users" and no lock_timeout is set before it']);
    assert.equal(r.findings.find((f) => f.code === 'AW101')?.pos, 0);
  });

  it('AW101 negatives: lock_timeout set first, weak locks, new tables', () => {
    assert.deepEqual(codes(lintAfter(base, "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN a int;"), AW), []);
    assert.deepEqual(codes(lintAfter(base, 'ALTER TABLE users VALIDATE CONSTRAINT c;'), AW), []);
    assert.deepEqual(codes(lintAfter(base, 'CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN a int;'), AW), []);
  });

  it('AW102/AW103: timestamp without time zone and char(n) columns', () => {
    const r = lintAfter(
      base,
      "SET lock_timeout = '2s';\nCREATE TABLE e (at timestamp, code char(3), ok timestamptz, v varchar(3));\nALTER TABLE users ADD COLUMN seen timestamp(3) without time zone;",
    );
    assert.deepEqual(lines(r, AW), [
      'AW102: Column "at" uses "timestamp without time zone", which drops the offset of the values it stores',
      'AW103: Column "code" uses "character(3)", which pads values with spaces',
      'AW102: Column "seen" uses "timestamp without time zone", which drops the offset of the values it stores',
    ]);
  });

  it('honours nolint by code and by the analyzer name "workbench"', () => {
    assert.deepEqual(codes(lintAfter(base, '-- atlas:nolint AW101\nALTER TABLE users ADD COLUMN a int;'), AW), []);
    assert.deepEqual(codes(lintAfter(base, '-- atlas:nolint workbench\n\nCREATE TABLE e (at timestamp);\nALTER TABLE users ADD COLUMN a int;'), AW), []);
  });
});
