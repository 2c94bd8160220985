import assert from 'node:assert/strict';
import { codes, lintAfter, lines, lintSources, ready } from './helpers';

const DS = /^DS/;

describe('lint: destructive (DS101–DS103)', () => {
  before(ready);
  const base =
    'CREATE TABLE users (id int, name text, email text, full_name text GENERATED ALWAYS AS (name) STORED);\nCREATE TABLE pets (id int);\nCREATE SCHEMA audit;\nCREATE TABLE audit.log (id int);\nCREATE SCHEMA empty;';

  it('reports dropping a table with its fix and marks the file as an error', () => {
    const r = lintAfter(base, 'DROP TABLE pets;');
    assert.deepEqual(lines(r), ['DS102: Dropping table "pets"']);
    assert.equal(r.reports[0].Text, 'destructive changes detected');
    assert.deepEqual(r.reports[0].Diagnostics[0].SuggestedFixes, [{ Message: 'Add a pre-migration check to ensure table "pets" is empty before dropping it' }]);
    assert.equal(r.error, 'destructive changes detected');
  });

  it('reports dropping schemas with their table counts', () => {
    assert.deepEqual(lines(lintAfter(base, 'DROP SCHEMA audit CASCADE;'), DS), ['DS101: Dropping non-empty schema "audit" with 1 table']);
    assert.deepEqual(lines(lintAfter(base, 'DROP SCHEMA empty;'), DS), ['DS101: Dropping schema "empty"']);
    assert.deepEqual(lines(lintAfter(base + '\nCREATE TABLE audit.log2 (id int);', 'DROP SCHEMA audit CASCADE;'), DS), [
      'DS101: Dropping non-empty schema "audit" with 2 tables',
    ]);
  });

  it('reports dropping one or several non-virtual columns in one statement', () => {
    const one = lintAfter(base, 'ALTER TABLE users DROP COLUMN email;');
    assert.deepEqual(lines(one, DS), ['DS103: Dropping non-virtual column "email"']);
    assert.equal(one.reports[0].Diagnostics[0].SuggestedFixes?.[0].Message, 'Add a pre-migration check to ensure column "email" is NULL before dropping it');
    const three = lintAfter(base, 'ALTER TABLE users DROP COLUMN email, DROP COLUMN name, DROP COLUMN id;');
    assert.deepEqual(lines(three, DS), ['DS103: Dropping non-virtual columns "email", "name" and "id"']);
    assert.equal(
      three.reports[0].Diagnostics[0].SuggestedFixes?.[0].Message,
      'Add pre-migration checks to ensure columns "email", "name" and "id" are NULL before dropping them',
    );
  });

  it('does not report generated columns or tables created in the same file', () => {
    assert.deepEqual(codes(lintAfter(base, 'ALTER TABLE users DROP COLUMN full_name;'), DS), []);
    assert.deepEqual(codes(lintAfter(base, 'CREATE TABLE tmp (id int, x int);\nALTER TABLE tmp DROP COLUMN x;\nDROP TABLE tmp;'), DS), []);
  });

  it('is state-aware across files: a table from an applied file holds data, one from the new set does not', () => {
    const folder: Array<[string, string]> = [
      ['1.sql', 'CREATE TABLE a (id int);'],
      ['2.sql', 'CREATE TABLE b (id int);'],
      ['3.sql', 'DROP TABLE a;\nDROP TABLE b;'],
    ];
    assert.deepEqual(lines(lintSources(folder, 1)[0], DS), ['DS102: Dropping table "a"', 'DS102: Dropping table "b"']);
    assert.deepEqual(lines(lintSources(folder, 2)[1], DS), ['DS102: Dropping table "a"']);
    assert.deepEqual(lines(lintSources(folder, 2, { freshScope: 'file' })[1], DS), ['DS102: Dropping table "a"', 'DS102: Dropping table "b"']);
  });

  it('honours nolint by code, by analyzer, on the file header, and a bare header ignores the file', () => {
    assert.deepEqual(codes(lintAfter(base, '-- atlas:nolint DS102\nDROP TABLE pets;'), DS), []);
    assert.deepEqual(codes(lintAfter(base, '-- atlas:nolint destructive\nDROP TABLE pets;\nALTER TABLE users DROP COLUMN email;'), DS), ['DS103']);
    assert.deepEqual(codes(lintAfter(base, '-- atlas:nolint DS103\nDROP TABLE pets;'), DS), ['DS102']);
    const header = lintAfter(base, '-- atlas:nolint destructive\n\nDROP TABLE pets;\nALTER TABLE users DROP COLUMN email;');
    assert.deepEqual(codes(header, DS), []);
    assert.equal(header.error, undefined, 'a suppressed analyzer does not fail the file');
    const ignored = lintAfter(base, '-- atlas:nolint\n\nDROP TABLE pets;');
    assert.equal(ignored.ignored, true);
  });

  it('can be configured as a warning', () => {
    const r = lintAfter(base, 'DROP TABLE pets;', { analyzers: { destructive: { error: false } } });
    assert.deepEqual(codes(r, DS), ['DS102']);
    assert.equal(r.error, undefined);
  });
});
