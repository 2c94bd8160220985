// The editor's SQL lint takes its severities from the atlas.hcl `lint` block of the project whose
// `migration { dir }` holds the file (global block merged with the env's own), and re-reads it when atlas.hcl changes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { lintOptionsFor } from '../../../server/src/lsp/lintConfig';
import { startLspSession, type LspSession } from '../../support/lspSession';
import { URI } from '../../../server/src/lsp/uri';

const fixture = path.resolve(__dirname, '../../fixtures/lint/severity-project');
const lintOnly = (d: Diagnostic[]) => d.filter((x) => x.source === 'atlas lint');
const severityOf = (d: Diagnostic[], code: string) => lintOnly(d).find((x) => x.code === code)?.severity;

describe('lsp/lint severities from atlas.hcl', function () {
  this.timeout(60000);
  let root: string;
  let rpc: MessageConnection;
  let session: LspSession;
  const waitFor = (uri: string, ok: (d: Diagnostic[]) => boolean) => session.waitFor(uri, ok);

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lint-severity-'));
    fs.cpSync(fixture, root, { recursive: true });
    session = await startLspSession(root);
    rpc = session.rpc;
  });
  after(() => {
    session?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('resolves the lint block of the env whose migration dir is the folder', async () => {
    const config = path.join(fixture, 'atlas.hcl');
    assert.deepEqual(await lintOptionsFor(path.join(fixture, 'db/migrations'), { projects: [config] }), {
      analyzers: { destructive: { error: false }, data_depend: { error: true } },
    });
    assert.deepEqual(await lintOptionsFor(path.join(fixture, 'db'), { projects: [config] }), {}, 'a folder no env names: defaults');
  });

  it('maps error = true to Error and error = false to Warning, then follows an edited atlas.hcl', async () => {
    const uri = URI.fromPath(path.join(root, 'db/migrations/20240102000000_change.sql'));
    const text = fs.readFileSync(URI.toPath(uri), 'utf8');
    rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text } });
    const first = await waitFor(uri, (d) => lintOnly(d).some((x) => x.code === 'DS103'));
    assert.equal(severityOf(first, 'DS103'), DiagnosticSeverity.Warning, 'destructive { error = false } (an error by default)');
    assert.equal(severityOf(first, 'MF103'), DiagnosticSeverity.Error, 'data_depend { error = true } (a warning by default)');

    // An env lint block replaces the global one for that env (as `atlas migrate lint --env local` does).
    const config = path.join(root, 'atlas.hcl');
    fs.writeFileSync(
      config,
      fs.readFileSync(config, 'utf8').replace('  migration {', '  lint {\n    destructive {\n      error = true\n    }\n  }\n  migration {'),
    );
    rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.fromPath(config), type: 2 }] });
    const after = await waitFor(uri, (d) => severityOf(d, 'DS103') === DiagnosticSeverity.Error);
    assert.equal(severityOf(after, 'MF103'), DiagnosticSeverity.Warning, 'the global data_depend setting no longer applies');
  });
});
