// Schema history of a table (renames followed) and the table as of a file.
import assert from 'node:assert/strict';
import { tableAsOf, tableHistory } from '../../../server/src/lsp/sqlHistory';
import { openFile, ready } from './helpers';

describe('sql table history', () => {
  before(ready);

  it('every statement that changed the table, in order, following its rename', () => {
    const c = openFile('app', '1_init.sql');
    const h = tableHistory(c.intel, c.doc, { uri: '', table: 'organizations' });
    assert.equal(h.table, 'organizations');
    assert.deepEqual(
      h.entries.map((e) => `${e.file}:${e.line + 1} ${e.statement}`),
      ['1_init.sql:2 CREATE TABLE orgs (', '3_rename.sql:1 ALTER TABLE orgs RENAME TO organizations;'],
    );
    const u = tableHistory(c.intel, c.doc, { uri: '', position: { line: 5, character: 15 } });
    assert.deepEqual(
      u.entries.map((e) => `${e.file}:${e.line + 1}`),
      ['1_init.sql:6', '1_init.sql:13', '2_more.sql:2', '2_more.sql:3'],
    );
    assert.deepEqual(u.tables, ['orgs', 'users']);
  });

  it('the table as of a file', () => {
    const c = openFile('app', '2_more.sql');
    const r = tableAsOf(c.doc, { uri: '', table: 'users' });
    assert.equal(r.file, '2_more.sql');
    assert.match(r.sql!, /^-- users as of 2_more.sql\nCREATE TABLE users \(\n {2}id bigint NOT NULL,/);
    assert.match(r.sql!, /nickname text/);
    assert.doesNotMatch(r.sql!, /legacy/);
    assert.equal(tableAsOf(c.doc, { uri: '', table: 'organizations' }).sql, undefined, 'not renamed yet');
  });
});
