// The file-level migrate commands take their folder from an atlas.hcl env (`--env`, `-c`), and hint at foreign layouts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openDirPath } from '../../../server/src/migrate/dir';
import { checkDir } from '../../../server/src/migrate/validate';
import { cleanTemp, cli, folderWith, tempDir } from './helpers';

describe('migrate commands with --env', () => {
  after(cleanTemp);

  function project(): string {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'project.hcl'), 'env "local" {\n  migration {\n    dir = "file://db/migrations"\n  }\n}\n');
    fs.mkdirSync(path.join(root, 'db/migrations'), { recursive: true });
    fs.writeFileSync(path.join(root, 'db/migrations/1_a.sql'), 'CREATE TABLE a (id int);\n');
    return root;
  }

  it('hashes, validates and adds to the env migration dir', async () => {
    const root = project();
    const dir = path.join(root, 'db/migrations');
    const flags = ['--env', 'local', '-c', 'file://project.hcl'];
    const v0 = await cli(root, 'migrate', 'validate', ...flags);
    assert.deepEqual([v0.code, v0.stderr], [1, 'Error: checksum file not found\n']);
    assert.equal((await cli(root, 'migrate', 'hash', ...flags)).code, 0);
    assert.equal(checkDir(openDirPath(dir)), undefined);
    assert.deepEqual(await cli(root, 'migrate', 'validate', ...flags), { code: 0, stdout: '', stderr: '' });
    assert.equal((await cli(root, 'migrate', 'new', 'second', ...flags)).code, 0);
    assert.equal(fs.readdirSync(dir).filter((n) => n.endsWith('_second.sql')).length, 1);
    assert.equal(checkDir(openDirPath(dir)), undefined);
  });

  it('lets --dir win over the env and reports an unknown env', async () => {
    const root = project();
    const other = folderWith({ '5_x.sql': 'SELECT 5;\n' });
    assert.equal((await cli(root, 'migrate', 'hash', '--env', 'local', '-c', 'file://project.hcl', '--dir', `file://${other}`)).code, 0);
    assert.ok(fs.existsSync(path.join(other, 'atlas.sum')));
    assert.ok(!fs.existsSync(path.join(root, 'db/migrations/atlas.sum')));
    const bad = await cli(root, 'migrate', 'hash', '--env', 'nope', '-c', 'file://project.hcl');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^Error: .*nope/);
  });

  it('hints at a golang-migrate layout when its folder is read as Atlas format', async () => {
    const d = folderWith({ '1_init.up.sql': 'CREATE TABLE a (id int);\n', '1_init.down.sql': 'DROP TABLE a;\n' });
    const r = await cli(d, 'migrate', 'validate', '--dir', `file://${d}`);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^Warning: this folder looks like a golang-migrate migration directory .*\nError: checksum file not found\nHint: the folder looks like a golang-migrate migration directory; read it with --dir ".*\?format=golang-migrate"/,
    );
  });
});
