// The live atlas.sum check through a real language server (in-process, over streams): typing, saving, the
// re-hash command and "Create new migration with this change" on a git-committed folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { startLspSession, type LspSession } from '../../support/lspSession';
import { URI } from '../../../server/src/lsp/uri';
import { openDirPath } from '../../../server/src/migrate/dir';
import { cleanTemp, tempDir } from './helpers';

const msg = (d: { message: string | { value: string } }): string => (typeof d.message === 'string' ? d.message : d.message.value);

type Client = LspSession;
const startClient = (root: string) => startLspSession(root);

const sumDiags = (d: Diagnostic[]) => d.filter((x) => x.source === 'atlas.sum');

describe('lsp/sum feature (real server)', function () {
  this.timeout(60000);
  let root: string, dir: string, client: Client;
  const uriOf = (n: string) => URI.fromPath(path.join(dir, n));

  before(async () => {
    root = tempDir();
    fs.writeFileSync(path.join(root, 'atlas.hcl'), 'env "local" {\n  migration {\n    dir = "file://db/migrations"\n  }\n}\n');
    dir = path.join(root, 'db/migrations');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '1_a.sql'), 'CREATE TABLE a (id int);\n');
    fs.writeFileSync(path.join(dir, '2_b.sql'), 'CREATE TABLE b (id int);\n');
    openDirPath(dir).writeSum();
    const other = path.join(root, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, '1_x.sql'), 'SELECT 1;\n');
    openDirPath(other).writeSum();
    fs.writeFileSync(path.join(other, '2_y.sql'), 'SELECT 2;\n');
    const git = (...a: string[]) => execFileSync('git', a, { cwd: root, stdio: 'ignore' });
    git('init', '-q');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'init');
    client = await startClient(root);
  });
  after(() => {
    client?.close();
    cleanTemp();
  });

  it('checks every migration folder before ready: one named by atlas.hcl (clean), one found by its atlas.sum', () => {
    // the first check runs in the feature's init, which the server awaits before sending atlas/ready
    assert.deepEqual(sumDiags(client.latest.get(uriOf('atlas.sum')) ?? []), []);
    assert.deepEqual(sumDiags(client.latest.get(uriOf('1_a.sql')) ?? []), []);
    const added = sumDiags(client.latest.get(URI.fromPath(path.join(root, 'other/2_y.sql'))) ?? []);
    assert.equal(added.length, 1);
    assert.match(msg(added[0]), /^2_y\.sql was added/);
  });

  it('flags an edit as you type, on the file and the atlas.sum line, and clears it when undone', async () => {
    const uri = uriOf('2_b.sql');
    client.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text: 'CREATE TABLE b (id int);\n' } });
    client.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'CREATE TABLE b (id bigint);\n' }] });
    const onFile = await client.waitFor(uri, (d) => sumDiags(d).length === 1);
    assert.match(msg(onFile[0]), /^2_b\.sql was edited/);
    const onSum = await client.waitFor(uriOf('atlas.sum'), (d) => sumDiags(d).length === 1);
    assert.equal(onSum[0].range.start.line, 2);
    client.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'CREATE TABLE b (id int);\n' }] });
    await client.waitFor(uri, (d) => sumDiags(d).length === 0);
    client.rpc.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('sees a saved edit through watched-file events and moves the appended change to a new migration', async () => {
    const p = path.join(dir, '1_a.sql');
    fs.appendFileSync(p, '\nALTER TABLE a ADD COLUMN name text;\n');
    client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('1_a.sql'), type: 2 }] });
    const [d] = await client.waitFor(uriOf('1_a.sql'), (x) => sumDiags(x).length === 1 && (x[0].data as { movable?: boolean })?.movable === true);
    const actions = (await client.rpc.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf('1_a.sql') },
      range: d.range,
      context: { diagnostics: [d] },
    })) as Array<{ title: string; command?: { command: string; arguments: unknown[] } }>;
    const ours = actions.filter((a) => a.command && ['atlas.rehash', 'atlas.moveEditToNewMigration'].includes(a.command.command));
    assert.deepEqual(
      ours.map((a) => a.title),
      ['Create new migration with this change (revert this file)', 'Re-hash migration folder'],
    );
    const res = (await client.rpc.sendRequest('workspace/executeCommand', ours[0].command)) as { created: string };
    assert.equal(fs.readFileSync(p, 'utf8'), 'CREATE TABLE a (id int);\n');
    assert.match(path.basename(res.created), /^\d{14}_a_change\.sql$/);
    assert.equal(fs.readFileSync(res.created, 'utf8'), 'ALTER TABLE a ADD COLUMN name text;\n');
    await client.waitFor(uriOf('1_a.sql'), (x) => sumDiags(x).length === 0);
  });

  it('re-hashes the folder with the quick fix command', async () => {
    fs.writeFileSync(path.join(dir, '9_z.sql'), 'SELECT 1;\n');
    client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('9_z.sql'), type: 1 }] });
    const [d] = await client.waitFor(uriOf('9_z.sql'), (x) => sumDiags(x).length === 1);
    assert.match(msg(d), /was added/);
    await client.rpc.sendRequest('workspace/executeCommand', { command: 'atlas.rehash', arguments: [dir] });
    await client.waitFor(uriOf('9_z.sql'), (x) => sumDiags(x).length === 0);
    assert.ok(fs.readFileSync(path.join(dir, 'atlas.sum'), 'utf8').includes('9_z.sql h1:'));
  });
});
