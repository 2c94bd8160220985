// `migrate edit VERSION`: the file goes through $EDITOR (a real shell command here), is written back and atlas.sum
// is re-hashed; an editor that fails leaves the file as it was; unknown versions are Atlas's error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import { memoryIO } from '../../../server/src/cli/io';
import { openDirPath } from '../../../server/src/migrate/dir';
import { checkDir } from '../../../server/src/migrate/validate';
import { cleanTemp, folderWith } from './helpers';

async function edit(cwd: string, editor: string, ...argv: string[]) {
  const io = memoryIO(cwd, { ...process.env, EDITOR: editor });
  const code = await runCli(['migrate', 'edit', ...argv], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('migrate/edit', () => {
  after(cleanTemp);

  it('runs $EDITOR on the file (by version or name), writes the result and re-hashes atlas.sum', async () => {
    const d = folderWith({ '1_a.sql': 'CREATE TABLE a (id int);\n', '2_b.sql': 'CREATE TABLE b (id int);\n' });
    openDirPath(d).writeSum();
    const r = await edit(d, `sed -i s/int/bigint/`, '1', '--dir', `file://${d}`);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
    assert.equal(fs.readFileSync(path.join(d, '1_a.sql'), 'utf8'), 'CREATE TABLE a (id bigint);\n');
    assert.equal(checkDir(openDirPath(d)), undefined);
    const byName = await edit(d, `sh -c 'printf "CREATE INDEX ON b (id);\\n" >> "$0"'`, '2_b.sql', '--dir', `file://${d}`);
    assert.equal(byName.code, 0, byName.stderr);
    assert.equal(fs.readFileSync(path.join(d, '2_b.sql'), 'utf8'), 'CREATE TABLE b (id int);\nCREATE INDEX ON b (id);\n');
    assert.equal(checkDir(openDirPath(d)), undefined);
  });

  it('leaves the file unchanged when the editor fails; unknown version is an error', async () => {
    const d = folderWith({ '1_a.sql': 'CREATE TABLE a (id int);\n' });
    openDirPath(d).writeSum();
    const sum = fs.readFileSync(path.join(d, 'atlas.sum'), 'utf8');
    const r = await edit(d, `sh -c 'echo junk > "$0"; exit 3'`, '1', '--dir', `file://${d}`);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /exited with 3; 1_a\.sql was left unchanged/);
    assert.equal(fs.readFileSync(path.join(d, '1_a.sql'), 'utf8'), 'CREATE TABLE a (id int);\n');
    assert.equal(fs.readFileSync(path.join(d, 'atlas.sum'), 'utf8'), sum);
    const missing = await edit(d, 'true', '9', '--dir', `file://${d}`);
    assert.match(missing.stderr, /migration with version "9" not found/);
  });
});
