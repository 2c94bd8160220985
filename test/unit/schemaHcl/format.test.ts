// Formatting of PostgreSQL HCL schema files: the same canonical layout as atlas.hcl (config/format.ts), as
// `atlas schema fmt` writes it: two-space indentation, `=` aligned across consecutive attributes.
import assert from 'node:assert/strict';
import { formatHcl } from '../../../server/src/config/format';
import { commentsOf } from '../../../server/src/config/parser';
import { load } from './helpers';

describe('schemaHcl/format', () => {
  it('indents by depth and aligns = in attribute runs', async () => {
    const { doc } = await load('format', 'messy.pg.hcl');
    assert.equal(
      formatHcl(doc.parsed.text, doc.parsed.file, commentsOf(doc.parsed)),
      'table "users" {\n  schema = schema.app\n  column "id" {\n    null = false\n    type = bigint\n  }\n  foreign_key "fk" {\n    columns     = [column.id]\n    ref_columns = [table.users.column.id]\n    on_delete   = CASCADE\n  }\n}\n',
    );
  });
});
