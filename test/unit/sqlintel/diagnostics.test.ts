// References to nothing: tables, columns, indexes and enum labels that do not exist at that point of the folder,
// with did-you-mean quick fixes; hints only when the state is not fully known; no finding on valid SQL.
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { sqlRefCodeActions, sqlRefDiagnostics } from '../../../server/src/lsp/sqlRefCheck';
import { openCase, ready } from './helpers';

const show = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.severity} ${d.message}`;

describe('sql reference diagnostics', () => {
  before(ready);

  it('a misspelt table, a dropped column, a missing index, a renamed table; IF EXISTS is fine', () => {
    const c = openCase('missing');
    assert.deepEqual(sqlRefDiagnostics(c.doc).map(show), [
      '0:12-17 1 table "usres" does not exist here; did you mean "users"?',
      '1:30-36 1 column "legacy" of table "users" does not exist here (dropped in 2_more.sql:3)',
      '2:11-26 1 index "users_emial_idx" does not exist here; did you mean "users_email_idx"?',
      '4:12-16 1 table "orgs" does not exist here (renamed to "organizations" in 3_rename.sql:1); did you mean "audit"?'.replace('; did you mean "audit"?', ''),
    ]);
  });

  it('quick fix replaces the name token with the suggestion', () => {
    const c = openCase('missing');
    const [d] = sqlRefDiagnostics(c.doc);
    const [a] = sqlRefCodeActions('file:///x.sql', [d]);
    assert.equal(a.title, 'Change to "users"');
    assert.deepEqual(a.edit?.changes?.['file:///x.sql'], [{ range: d.range, newText: 'users' }]);
  });

  it('an enum label the type does not have', () => {
    const c = openCase('bad-label');
    assert.deepEqual(sqlRefDiagnostics(c.doc).map(show), ['0:51-58 1 "angry" is not a label of enum mood (happy, sad, meh)']);
  });

  it('only a hint after a DO block (the state is not fully known)', () => {
    const c = openCase('uncertain');
    assert.deepEqual(sqlRefDiagnostics(c.doc).map(show), ['1:12-17 4 table "ghost" does not exist here (not certain: a DO block ran before)']);
  });

  it('nothing on valid statements (own columns, CTEs, functions with FROM, system catalogs, new columns in one ALTER)', () => {
    const c = openCase('clean');
    assert.deepEqual(sqlRefDiagnostics(c.doc).map(show), []);
  });
});
