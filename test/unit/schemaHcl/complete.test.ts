// Completion in PostgreSQL HCL schema files on fixtures with a `|` cursor (real parser, sibling files for references).
import assert from 'node:assert/strict';
import { complete } from '../../../server/src/lsp/schemaHclComplete';
import { load } from './helpers';

const labels = async (name: string, siblings = false) => {
  const { model, doc, pos, text } = await load('completion', name, siblings);
  return complete(model, doc.uri, text, pos);
};

describe('schemaHcl/complete', () => {
  it('columns of the referenced table after table.<t>.column. (table from another file)', async () => {
    const items = await labels('refcol.pg.hcl', true);
    assert.deepEqual(
      items.map((i) => i.label),
      ['id', 'email', 'role'],
    );
  });

  it('columns of the enclosing table after column.', async () => {
    assert.deepEqual(
      (await labels('column.pg.hcl')).map((i) => i.label),
      ['id', 'author_id', 'title', 'price'],
    );
  });

  it('column types with their parameters as snippets, and the enums of the schema', async () => {
    const items = await labels('type.pg.hcl', true);
    const varchar = items.find((i) => i.label === 'varchar(size)')!;
    assert.equal(varchar.insertText, 'varchar(${1:255})');
    assert.equal(items.find((i) => i.label === 'numeric(precision, scale)')!.insertText, 'numeric(${1:10}, ${2:2})');
    assert.ok(items.some((i) => i.label === 'jsonb'));
    assert.ok(items.some((i) => i.label === 'enum.role'));
    assert.ok(!items.some((i) => i.label === 'trigger'), 'pseudo types are not offered for columns');
  });

  it('enum values inside the default of an enum column', async () => {
    assert.deepEqual(
      (await labels('enumvalue.pg.hcl')).map((i) => i.label),
      ['admin', 'member'],
    );
  });

  it('attributes and child blocks of the enclosing block', async () => {
    const items = await labels('attrs.pg.hcl');
    const names = items.map((i) => i.label);
    for (const n of ['type', 'null', 'default', 'comment', 'identity', 'as']) assert.ok(names.includes(n), n);
    assert.ok(!names.includes('primary_key'), 'table children are not column children');
  });
});
