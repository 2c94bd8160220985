// Hover (the CREATE TABLE a block produces), definition, references and rename across the files of a schema.
import assert from 'node:assert/strict';
import { definition, documentSymbols, hover, references, rename } from '../../../server/src/lsp/schemaHclNav';
import { load } from './helpers';

describe('schemaHcl/nav', () => {
  it('hover on a reference shows the CREATE TABLE of the target table, from its own file', async () => {
    const { model, doc, pos } = await load('nav', 'posts.pg.hcl', true);
    const h = hover(model, doc.uri, pos)!;
    const v = (h.contents as { value: string }).value;
    assert.match(
      v,
      /CREATE TABLE app\.users \(\n {2}id bigint NOT NULL GENERATED ALWAYS AS IDENTITY,\n {2}email varchar\(255\) NOT NULL,\n {2}role "app"\."role" NOT NULL DEFAULT 'member',\n {2}PRIMARY KEY \(id\)\n\);/,
    );
    assert.match(v, /CREATE UNIQUE INDEX users_email_key ON app\.users \(email\);/);
  });

  it('hover on a table keyword renders its foreign keys, checks and indexes', async () => {
    const { model, doc } = await load('nav', 'posts.pg.hcl', true);
    const v = (hover(model, doc.uri, { line: 0, character: 2 })!.contents as { value: string }).value;
    assert.match(v, /CONSTRAINT posts_author_fk FOREIGN KEY \(author_id\) REFERENCES app\.users \(id\) ON DELETE CASCADE/);
    assert.match(v, /price numeric\(10,2\) DEFAULT 0/);
    assert.match(v, /CONSTRAINT title_not_empty CHECK \(title <> ''\)/);
    assert.match(v, /CREATE INDEX posts_title_idx ON app\.posts \(title DESC\);/);
  });

  it('definition and references cross files; rename edits the label and every reference', async () => {
    const { model, doc, pos } = await load('nav', 'posts.pg.hcl', true);
    const users = doc.uri.replace('posts.pg.hcl', 'users.pg.hcl');
    const def = definition(model, doc.uri, pos)!;
    assert.deepEqual(def, [{ uri: users, range: { start: { line: 9, character: 6 }, end: { line: 9, character: 13 } } }]);
    const refs = references(model, doc.uri, pos, true);
    assert.deepEqual(
      refs.map((r) => `${r.uri.replace(/^.*\//, '')}:${r.range.start.line}:${r.range.start.character}`),
      ['users.pg.hcl:9:6', 'posts.pg.hcl:24:25'],
    );
    const edit = rename(model, doc.uri, pos, 'accounts')!;
    assert.deepEqual(edit.changes![users], [{ range: { start: { line: 9, character: 7 }, end: { line: 9, character: 12 } }, newText: 'accounts' }]);
    assert.deepEqual(edit.changes![doc.uri], [{ range: { start: { line: 24, character: 25 }, end: { line: 24, character: 30 } }, newText: 'accounts' }]);
  });

  it('renaming a column reaches column.x in its table and table.t.column.x elsewhere', async () => {
    const { model } = await load('nav', 'users.pg.hcl', true);
    const users = model.files[0].uri;
    const posts = model.files[1].uri;
    const edit = rename(model, users, { line: 11, character: 12 }, 'user_id')!;
    assert.equal(edit.changes![users].length, 2); // the label and primary_key's column.id
    assert.equal(edit.changes![posts].length, 1); // ref_columns
  });

  it('outline: tables with their columns and keys', async () => {
    const { model, doc } = await load('nav', 'users.pg.hcl', true);
    const syms = documentSymbols(model, doc.uri);
    assert.deepEqual(
      syms.map((s) => s.name),
      ['app', 'role', 'users'],
    );
    assert.deepEqual(
      syms[2].children!.map((c) => c.name),
      ['id', 'email', 'role', 'primary_key', 'users_email_key'],
    );
  });
});
