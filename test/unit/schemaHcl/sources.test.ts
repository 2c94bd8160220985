// Which files form a schema: the src list of the env naming the file (examples/005-hcl-schema), a folder src, or the
// `*.pg.hcl` files of the folder.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { schemaFilesOf } from '../../../server/src/lsp/schemaHclSources';

describe('schemaHcl/sources', () => {
  const example = path.resolve(__dirname, '../../../examples/005-hcl-schema/schema');

  it('an .hcl named by an env src is a schema file; its schema is the env src list', () => {
    const r = schemaFilesOf(path.join(example, 'audit.hcl'));
    assert.equal(r.schema, true);
    assert.deepEqual(r.files.map((f) => path.basename(f)).sort(), ['app.pg.hcl', 'audit.hcl']);
  });

  it('a folder src counts for the .hcl files in it; an unrelated .hcl is not a schema file', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-src-'));
    try {
      fs.mkdirSync(path.join(root, 'db'));
      fs.mkdirSync(path.join(root, 'infra'));
      fs.writeFileSync(path.join(root, 'atlas.hcl'), 'env "dev" {\n  url = "postgres://localhost/app"\n  src = "file://db"\n}\n');
      for (const f of ['db/a.hcl', 'db/b.hcl', 'infra/main.hcl']) fs.writeFileSync(path.join(root, f), '');
      const a = schemaFilesOf(path.join(root, 'db/a.hcl'));
      assert.equal(a.schema, true);
      assert.deepEqual(
        a.files.map((f) => path.relative(root, f)),
        ['db/a.hcl', 'db/b.hcl'],
      );
      assert.deepEqual(schemaFilesOf(path.join(root, 'infra/main.hcl')), { schema: false, files: [path.join(root, 'infra/main.hcl')] });
      assert.equal(schemaFilesOf(path.join(root, 'atlas.hcl')).schema, false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
