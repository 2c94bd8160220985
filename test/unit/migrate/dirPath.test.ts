// One home for "migration dir URL → folder": migrate/dir.ts migrationDirPath, used by the atlas.sum checker and the
// lint settings lookup. Real atlas.hcl files and real folders on disk.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { migrationDirPath } from '../../../server/src/migrate/dir';
import { foldersFromProjects } from '../../../server/src/lsp/migrationFolders';
import { cleanTemp, tempDir } from './helpers';

describe('migrate/dir migrationDirPath', () => {
  after(cleanTemp);

  it("resolves dir URLs against the atlas.hcl folder, with Atlas's default and percent-decoding", () => {
    const cfg = '/p/atlas.hcl';
    assert.equal(migrationDirPath(cfg, undefined), '/p/migrations');
    assert.equal(migrationDirPath(cfg, 'file://db/migrations?format=atlas'), '/p/db/migrations');
    assert.equal(migrationDirPath(cfg, 'file:///abs/dir/'), '/abs/dir');
    assert.equal(migrationDirPath(cfg, 'file://my%20dir'), '/p/my dir');
    assert.equal(migrationDirPath(cfg, 'file://x?format=nosuchtool'), undefined);
    assert.equal(migrationDirPath(cfg, 'postgres://h/db'), undefined);
  });

  it('the atlas.sum checker finds a folder whose dir URL is percent-encoded', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'my dir'));
    const hcl = 'env "local" {\n  url = "postgres://localhost/app"\n  migration {\n    dir = "file://my%20dir"\n  }\n}\n';
    fs.writeFileSync(path.join(root, 'atlas.hcl'), hcl);
    const read = (p: string) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined);
    assert.deepEqual(foldersFromProjects([root], read), [path.join(root, 'my dir')]);
  });
});
