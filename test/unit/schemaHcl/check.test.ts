// Diagnostics of PostgreSQL HCL schema files on fixtures, parsed by the real tree-sitter grammar.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseHcl } from '../../../server/src/config/parser';
import { checkSchemaFile } from '../../../server/src/lsp/schemaHclCheck';
import { buildModel } from '../../../server/src/lsp/schemaHclModel';
import { hclSchemaStatements } from '../../../server/src/schema/hclSchema';
import { brief, load } from './helpers';

describe('schemaHcl/check', () => {
  it('reports unknown blocks/attributes, types, parameters, references, duplicates and foreign keys at their token', async () => {
    const { model, doc } = await load('check', 'bad.pg.hcl');
    const ds = checkSchemaFile(model, doc.uri);
    assert.deepEqual(
      brief(ds).sort(),
      [
        '13:12 Unknown column type "integr". Did you mean "integer"?',
        '16:20 The size of "varchar" must be between 1 and 10485760; got 0.',
        '17:5 Unsupported argument "nul" in block "column". Did you mean "null"?',
        '20:17 Unknown reference: enum "statuss" is not defined. Did you mean "status"?',
        '23:27 Type "numeric" takes at most 2 parameters (precision, scale).',
        '25:10 Duplicate column "email" in table "users": first defined at bad.pg.hcl:15.',
        '31:3 Unsupported block type "indx" in block "table". Did you mean "index"?',
        '37:19 Unknown reference: schema "publik" is not defined. Did you mean "public"?',
        '52:20 Column "owner_email" (text) references "users"."email" (varchar(0)): the types differ; use the same type on both sides.',
        '53:19 Foreign key "email_fk": there is no unique constraint matching the referenced columns (email) of table "users" (a primary key, unique constraint or unique index on exactly these columns).',
        '57:26 Unknown reference: table "user" is not defined. Did you mean "users"?',
        '60:23 Unknown reference: table "posts" has no column "title".',
      ].sort(),
    );
    // the did-you-mean comes with its quick fix on the same range
    const fix = ds.find((d) => d.code === 'unknown-block')!.fix!;
    assert.equal(fix.newText, 'index');
    assert.deepEqual(fix.range, ds.find((d) => d.code === 'unknown-block')!.range);
  });

  it('a block of the language that the desired-state loader does not read is a warning at its type, and the loader stops there', async () => {
    const { model, doc, text } = await load('check', 'notLoaded.pg.hcl');
    const ds = checkSchemaFile(model, doc.uri).filter((d) => d.code === 'not-loaded');
    assert.deepEqual(brief(ds), [
      '10:1 "event_trigger" blocks are Atlas HCL, but atlas-wb cannot load them into the desired state yet; schema apply and migrate diff will stop here (write it in a SQL schema file).',
    ]);
    await assert.rejects(hclSchemaStatements([{ file: 'notLoaded.pg.hcl', text }]), /^Error: notLoaded\.pg\.hcl:10: "event_trigger" blocks are not supported/);
  });

  it('foreign keys: a unique index counts as unique; int widths differ (warning), uuid vs integer do not match (error)', async () => {
    const { model, doc } = await load('check', 'fk.pg.hcl');
    assert.deepEqual(brief(checkSchemaFile(model, doc.uri)), [
      '30:20 Column "author" (uuid) references "users"."id" (integer): incompatible types, PostgreSQL rejects this foreign key.',
      '34:20 Column "owner" (bigint) references "users"."id" (integer): the types differ; use the same type on both sides.',
    ]);
    assert.deepEqual(
      checkSchemaFile(model, doc.uri).map((d) => d.severity),
      ['error', 'warning'],
    );
  });

  it('a valid multi-file schema has no diagnostics (references across files resolve)', async () => {
    for (const f of ['users.pg.hcl', 'posts.pg.hcl']) {
      const { model, doc } = await load('multi', f, true);
      assert.deepEqual(brief(checkSchemaFile(model, doc.uri)), [], f);
    }
  });

  it('the HCL example (examples/005-hcl-schema: a .pg.hcl and an .hcl named by src) is clean as one schema', async () => {
    const dir = path.resolve(__dirname, '../../../examples/005-hcl-schema/schema');
    const files = await Promise.all(
      ['app.pg.hcl', 'audit.hcl'].map(async (f) => ({ uri: `file://${dir}/${f}`, file: (await parseHcl(fs.readFileSync(path.join(dir, f), 'utf8'))).file })),
    );
    const model = buildModel(files);
    for (const f of files) assert.deepEqual(brief(checkSchemaFile(model, f.uri)), [], f.uri);
    assert.equal(model.defs.filter((d) => d.kind === 'table').length, 3);
  });
});
