// atlas/convertFolder (the editor's "Convert Folder to Atlas Format"): the handler detects the tool or takes the one
// picked, writes the same files as `migrate import` (Atlas's golden output) and answers with their URIs; refusals
// come back as typed failures.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { convertFolder } from '../../../server/src/lsp/convertFolder';
import { URI } from '../../../server/src/lsp/uri';
import { corpusPath } from '../../support/corpus';

const importData = (...p: string[]) => corpusPath('atlas-testdata/cmd/atlas/internal/cmdapi/testdata/import', ...p);
const contents = (dir: string) =>
  Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((n) => n !== 'atlas.sum')
      .sort()
      .map((n) => [n, fs.readFileSync(path.join(dir, n), 'latin1')]),
  );

describe('lsp: atlas/convertFolder', () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-convert-'));
  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('detects golang-migrate, writes Atlas golden files and atlas.sum, and returns their URIs', async () => {
    const target = path.join(temp, 'gm-atlas');
    const r = await convertFolder({ folderUri: URI.fromPath(importData('golang-migrate')), targetUri: URI.fromPath(target) });
    assert.equal(r.error, undefined);
    assert.equal(r.format, 'golang-migrate');
    assert.deepEqual(contents(target), contents(importData('golang-migrate_gold')));
    assert.ok(fs.existsSync(path.join(target, 'atlas.sum')));
    assert.deepEqual(
      r.files!.map((f) => path.basename(URI.toPath(f))),
      Object.keys(contents(importData('golang-migrate_gold'))),
    );
  });

  it('takes the picked format (goose) and refuses a non-empty target and an undetectable folder, as typed failures', async () => {
    const target = path.join(temp, 'goose-atlas');
    const ok = await convertFolder({ folderUri: URI.fromPath(importData('goose')), targetUri: URI.fromPath(target), format: 'goose' });
    assert.equal(ok.error, undefined);
    assert.ok(ok.files!.length > 0);

    const again = await convertFolder({ folderUri: URI.fromPath(importData('goose')), targetUri: URI.fromPath(target), format: 'goose' });
    assert.deepEqual(again.error, { kind: 'invalidInput', message: 'target migration directory must be empty' });

    const plain = path.join(temp, 'plain');
    fs.mkdirSync(plain);
    fs.writeFileSync(path.join(plain, '1.sql'), 'CREATE TABLE t (id int);\n');
    const unknown = await convertFolder({ folderUri: URI.fromPath(plain), targetUri: URI.fromPath(path.join(temp, 'x')) });
    assert.equal(unknown.error?.kind, 'invalidInput');
    assert.match(unknown.error!.message, /cannot tell which tool .*plain was written for/);
  });
});
