// Live lint through a real language server (in-process, over streams): typing updates diagnostics, the state of
// the earlier files is used, and quick fixes come back from textDocument/codeAction.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { startLspSession, type LspSession } from '../../support/lspSession';
import { URI } from '../../../server/src/lsp/uri';
import { openDirPath } from '../../../server/src/migrate/dir';

const lintOnly = (d: Diagnostic[]) => d.filter((x) => x.source === 'atlas lint');

describe('lsp/lint feature (real server)', function () {
  this.timeout(60000);
  let root: string;
  let rpc: MessageConnection;
  let session: LspSession;
  const waitFor = (uri: string, ok: (d: Diagnostic[]) => boolean) => session.waitFor(uri, ok);
  const uriOf = (n: string) => URI.fromPath(path.join(root, 'migrations', n));

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lint-lsp-'));
    const dir = path.join(root, 'migrations');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, '1_a.sql'), 'CREATE TABLE a (id int, name text);\n');
    fs.writeFileSync(path.join(dir, '2_b.sql'), 'SELECT 1;\n');
    openDirPath(dir).writeSum();
    session = await startLspSession(root);
    rpc = session.rpc;
  });
  after(() => {
    session?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('lints as you type against the state of the earlier files', async () => {
    const uri = uriOf('2_b.sql');
    rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text: 'SELECT 1;\n' } });
    assert.deepEqual(lintOnly(await waitFor(uri, () => true)), []);
    rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'ALTER TABLE a DROP COLUMN name;\n' }] });
    const d = await waitFor(uri, (x) => lintOnly(x).some((y) => y.code === 'DS103'));
    const ds = d.find((x) => x.code === 'DS103')!;
    assert.equal(ds.message, 'Dropping non-virtual column "name"\nSuggested fix: Add a pre-migration check to ensure column "name" is NULL before dropping it');
    assert.equal(ds.severity, 1, 'destructive is an error by default');
    assert.equal(ds.codeDescription?.href, 'https://atlasgo.io/lint/analyzers#DS103');
    rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'ALTER TABLE a ADD COLUMN x int;\n' }] });
    await waitFor(uri, (x) => !lintOnly(x).some((y) => y.code === 'DS103'));
  });

  it('returns quick fixes for a lint diagnostic', async () => {
    const uri = uriOf('2_b.sql');
    const text = 'CREATE INDEX a_name ON a (name);\n';
    rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text }] });
    const d = (await waitFor(uri, (x) => lintOnly(x).some((y) => y.code === 'PG101'))).find((y) => y.code === 'PG101')!;
    const actions = (await rpc.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Use CONCURRENTLY and add the `-- atlas:txmode none` header',
        'Ignore PG101 for this statement (atlas:nolint)',
        'Ignore PG101 in this file (atlas:nolint)',
      ],
    );
  });

  it('reports a syntax error with its range, and clears diagnostics on close', async () => {
    const uri = uriOf('2_b.sql');
    rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: 'ALTER TABLE a ADD COLUMN;\n' }] });
    const [e] = lintOnly(await waitFor(uri, (x) => lintOnly(x).some((y) => String(y.message).startsWith('syntax error'))));
    assert.deepEqual(e.range.start, { line: 0, character: 24 });
    rpc.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await waitFor(uri, (x) => lintOnly(x).length === 0);
  });
});
