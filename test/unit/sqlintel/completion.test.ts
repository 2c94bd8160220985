// Completion in migration files and schema.sql from the state at the cursor: fixture folder + `|` cursor cases.
import assert from 'node:assert/strict';
import { sqlCompletion } from '../../../server/src/lsp/sqlCompletion';
import { openCase, openFile, openText, ready } from './helpers';

const labels = (name: string): string[] => {
  const c = openCase(name);
  return sqlCompletion(c.doc, c.pos).map((i) => i.label);
};

describe('sql completion (migration folder state)', () => {
  before(ready);

  it('tables (after renames) and schemas after ALTER TABLE', () => assert.deepEqual(labels('alter-table'), ['audit', 'organizations', 'users', 'public']));
  it('tables after INSERT INTO', () => assert.ok(labels('insert-into').includes('users')));
  it('columns of the table as of this file after DROP COLUMN (the dropped one is gone)', () =>
    assert.deepEqual(labels('drop-column'), ['id', 'org_id', 'email', 'feeling', 'nickname']));
  it('COLUMN / CONSTRAINT keywords and columns after ALTER TABLE … DROP', () => {
    const c = openCase('drop-column');
    const text = c.text.replace('DROP COLUMN ', 'DROP ');
    const d = openText(c, text, { line: 0, character: text.indexOf('\n') });
    assert.deepEqual(
      sqlCompletion(d.doc, d.pos).map((i) => i.label),
      ['id', 'org_id', 'email', 'feeling', 'nickname', 'COLUMN', 'CONSTRAINT'],
    );
  });
  it('columns after ALTER COLUMN with a partial word', () => assert.ok(labels('alter-column').includes('email')));
  it('columns in CREATE INDEX … ON users (', () => assert.deepEqual(labels('index-on'), ['id', 'org_id', 'email', 'feeling', 'nickname']));
  it('columns of the referenced table in REFERENCES t (', () => assert.deepEqual(labels('references'), ['id', 'name']));
  it('types: enums first, then built-ins', () => {
    const l = labels('type');
    assert.equal(l[0], 'mood');
    assert.ok(l.includes('text') && l.includes('bigint') && l.includes('timestamptz'));
  });
  it('extension types once the extension is created (state up to the cursor)', () => assert.ok(labels('extension-type').includes('vector')));
  it('enum labels inside DEFAULT quotes (with a label added later by ALTER TYPE)', () => {
    const c = openCase('enum-default');
    const items = sqlCompletion(c.doc, c.pos);
    assert.deepEqual(
      items.map((i) => i.label),
      ['happy', 'sad', 'meh'],
    );
    assert.deepEqual((items[0].textEdit as { range: unknown }).range, { start: { line: 0, character: 52 }, end: c.pos });
  });
  it('enum labels inside a CHECK … IN list', () => assert.deepEqual(labels('enum-check'), ['happy', 'sad', 'meh']));
  it('constraint names of the table after DROP CONSTRAINT', () => assert.deepEqual(labels('drop-constraint'), ['users_pkey', 'users_org_id_fkey']));
  it('index names after DROP INDEX', () => assert.deepEqual(labels('drop-index').sort(), ['orgs_pkey', 'users_email_idx', 'users_pkey']));
  it('the file itself up to the cursor', () => assert.deepEqual(labels('same-file'), ['id', 'title']));
  it('Atlas directives in a header comment', () => {
    const l = labels('directive');
    assert.deepEqual(l, ['atlas:txmode none', 'atlas:txmode file', 'atlas:nolint', 'atlas:delimiter', 'atlas:checkpoint']);
  });
  it('analyzer codes after atlas:nolint', () => {
    const l = labels('nolint');
    assert.ok(l.includes('DS103') && l.includes('destructive'));
  });
  it('schema.sql: its own state up to the cursor', () => {
    const c = openFile('desired', 'schema.sql', { only: true, desired: true });
    assert.deepEqual(
      sqlCompletion(c.doc, c.pos).map((i) => i.label),
      ['id', 'name'],
    );
  });
});
