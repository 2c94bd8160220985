// Hover, go to definition, references and the outline over a fixture migration folder (`|` = cursor).
import assert from 'node:assert/strict';
import path from 'node:path';
import { sqlDefinition, sqlHover, sqlReferences, sqlSymbols } from '../../../server/src/lsp/sqlNavigation';
import { URI } from '../../../server/src/lsp/uri';
import { fixtures, openCase, openFile, ready } from './helpers';

const hoverText = (name: string): string => {
  const c = openCase(name);
  const h = sqlHover(c.doc, c.pos);
  return h ? (h.contents as { value: string }).value : '';
};
const uriOf = (name: string) => URI.fromPath(path.join(fixtures, 'app', name));

describe('sql hover / definition / references / symbols', () => {
  before(ready);

  it('hover on a table: CREATE TABLE as of that line and the migration that last changed it', () => {
    const v = hoverText('hover-table');
    assert.match(
      v,
      /CREATE TABLE users \(\n {2}id bigint NOT NULL,\n {2}org_id bigint,\n {2}email text NOT NULL,\n {2}feeling mood DEFAULT …,\n {2}nickname text,\n/,
    );
    assert.match(v, /x integer/, 'the ADD COLUMN of the hovered statement itself');
    assert.doesNotMatch(v, /legacy/);
    assert.match(v, /CREATE INDEX users_email_idx ON users \(email\);/);
    assert.ok(v.includes(`As of line 1 of 9_typing.sql · last changed by [2_more.sql:3](${uriOf('2_more.sql')}#L3) · changed by this statement`), v);
  });

  it('hover on a column names its type; "last changed" links the earlier migration with #L', () => {
    const v = hoverText('hover-column');
    assert.match(v, /^column \*\*email\*\* of users: `text`/);
    assert.ok(v.includes(`last changed by [1_init.sql:6](${uriOf('1_init.sql')}#L6) · changed by this statement`), v);
    const c = openCase('hover-type');
    const t = (sqlHover(c.doc, c.pos)!.contents as { value: string }).value;
    assert.match(t, /CREATE TYPE mood AS ENUM \('happy', 'sad', 'meh'\);/);
    assert.ok(t.includes(`last changed by [2_more.sql:4](${uriOf('2_more.sql')}#L4)`), t);
  });

  it('go to definition: the column in an earlier migration, the table through its rename', () => {
    const c = openCase('definition-column');
    assert.deepEqual(sqlDefinition(c.doc, c.pos), {
      uri: uriOf('1_init.sql'),
      range: { start: { line: 3, character: 2 }, end: { line: 3, character: 6 } },
    });
    assert.deepEqual(sqlDefinition(c.doc, { line: 1, character: 15 }), {
      uri: uriOf('3_rename.sql'),
      range: { start: { line: 0, character: 27 }, end: { line: 0, character: 40 } },
    });
    const h = openCase('hover-table');
    assert.deepEqual(sqlDefinition(h.doc, h.pos)?.range.start, { line: 5, character: 13 });
  });

  it('find references: every statement of the folder naming the table', () => {
    const c = openCase('hover-table');
    const refs = sqlReferences(c.intel, c.doc, c.pos).map((l) => `${path.basename(URI.toPath(l.uri))}:${l.range.start.line + 1}`);
    assert.deepEqual(refs, ['1_init.sql:6', '1_init.sql:13', '2_more.sql:2', '2_more.sql:3', '9_typing.sql:1']);
  });

  it('outline of a migration file and of schema.sql', () => {
    const c = openFile('app', '1_init.sql');
    const s = sqlSymbols(c.doc.point.file);
    assert.deepEqual(
      s.map((x) => `${x.detail} ${x.name}: ${(x.children ?? []).map((k) => k.name).join(',')}`),
      ['CREATE TYPE mood: ', 'CREATE TABLE orgs: id,name', 'CREATE TABLE users: id,org_id,email,legacy,feeling', 'CREATE INDEX users_email_idx: '],
    );
    const d = openFile('desired', 'schema.sql', { only: true, desired: true });
    assert.deepEqual(
      sqlSymbols(d.doc.point.file).map((x) => x.name),
      ['authors', 'authors', 'later'],
    );
  });
});
