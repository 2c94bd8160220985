// The SQL features through a real language server (in-process): completion, hover, definition and a did-you-mean
// diagnostic with its quick fix in a migration file, completion in the env's schema.sql (from atlas.hcl `src`),
// the table history request, and atlas.hcl completion still answered next to them (the shared handler hub).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CodeAction, CompletionItem, Diagnostic, Hover, Location } from 'vscode-languageserver';
import { TableHistoryRequest, type TableHistoryResult } from '../../../server/src/protocol';
import { URI } from '../../../server/src/lsp/uri';
import { startLspSession, type LspSession } from '../../support/lspSession';
import { fixtures, unmark } from './helpers';

describe('lsp: schema-aware SQL (real server)', function () {
  this.timeout(60000);
  let root: string;
  let session: LspSession;
  const open = (file: string, text: string) =>
    session.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: URI.fromPath(file), languageId: 'sql', version: 1, text } });

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-sqlintel-'));
    fs.cpSync(path.join(fixtures, 'app'), path.join(root, 'migrations'), { recursive: true });
    fs.writeFileSync(path.join(root, 'atlas.hcl'), 'env "local" {\n  src = "file://schema.sql"\n  migration {\n    dir = "file://migrations"\n  }\n}\n');
    fs.copyFileSync(path.join(fixtures, 'desired', 'schema.sql'), path.join(root, 'schema.sql'));
    session = await startLspSession(root);
  });
  after(() => {
    session?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('completion, hover and definition in a new migration file', async () => {
    const file = path.join(root, 'migrations', '4_new.sql');
    const { text, pos } = unmark('ALTER TABLE users DROP COLUMN |;\n');
    open(file, text);
    const uri = URI.fromPath(file);
    const items = (await session.rpc.sendRequest('textDocument/completion', { textDocument: { uri }, position: pos })) as CompletionItem[];
    assert.deepEqual(
      items.map((i) => i.label),
      ['id', 'org_id', 'email', 'feeling', 'nickname'],
    );
    const hover = (await session.rpc.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 14 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /CREATE TABLE users \(/);
    const def = (await session.rpc.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 14 } })) as Location;
    assert.equal(def.uri, URI.fromPath(path.join(root, 'migrations', '1_init.sql')));
    assert.equal(def.range.start.line, 5);
  });

  it('a did-you-mean diagnostic and its quick fix', async () => {
    const file = path.join(root, 'migrations', '5_typo.sql');
    const uri = URI.fromPath(file);
    open(file, 'ALTER TABLE usres ADD COLUMN x int;\n');
    const ds = await session.waitFor(uri, (d) => d.some((x) => x.source === 'atlas sql'));
    const d = ds.find((x) => x.source === 'atlas sql') as Diagnostic;
    assert.equal(d.message, 'table "usres" does not exist here; did you mean "users"?');
    const actions = (await session.rpc.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    assert.ok(actions.some((a) => a.title === 'Change to "users"'));
  });

  it('completion in the env src schema.sql, the table history request, and atlas.hcl completion', async () => {
    const file = path.join(root, 'schema.sql');
    const { text, pos } = unmark(fs.readFileSync(file, 'utf8'));
    open(file, text);
    const items = (await session.rpc.sendRequest('textDocument/completion', { textDocument: { uri: URI.fromPath(file) }, position: pos })) as CompletionItem[];
    assert.deepEqual(
      items.map((i) => i.label),
      ['id', 'name'],
    );
    const uri = URI.fromPath(path.join(root, 'migrations', '1_init.sql'));
    const h: TableHistoryResult = await session.rpc.sendRequest(TableHistoryRequest.method, { uri, table: 'users' });
    assert.deepEqual(
      h.entries.map((e) => `${e.file}:${e.line}`),
      ['1_init.sql:5', '1_init.sql:12', '2_more.sql:1', '2_more.sql:2'],
    );
    const hcl = path.join(root, 'atlas.hcl');
    session.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: URI.fromPath(hcl), languageId: 'atlas-config', version: 1, text: 'en' } });
    const hclItems = (await session.rpc.sendRequest('textDocument/completion', {
      textDocument: { uri: URI.fromPath(hcl) },
      position: { line: 0, character: 2 },
    })) as CompletionItem[];
    assert.ok(hclItems.some((i) => i.label === 'env'));
  });
});
