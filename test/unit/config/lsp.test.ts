// The atlas.hcl feature through a real language server (in-process, over streams): diagnostics on open and after
// incremental edits, completion, hover, definition, rename, symbols, formatting and quick fixes over LSP.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { startLspSession, type LspSession } from '../../support/lspSession';
import { URI } from '../../../server/src/lsp/uri';

describe('lsp/atlas.hcl feature (real server)', function () {
  this.timeout(60000);
  let rpc: MessageConnection;
  let root: string;
  let uri: string;
  let session: LspSession;
  const waitFor = (ok: (d: Diagnostic[]) => boolean) => session.waitFor(uri, ok);
  const hcl = (d: Diagnostic[]) => d.filter((x) => x.source === 'atlas.hcl');
  const msg = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : (d.message as { value: string }).value);
  let version = 1;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-hcl-'));
    fs.mkdirSync(path.join(root, 'migrations'));
    uri = URI.fromPath(path.join(root, 'atlas.hcl'));
    session = await startLspSession(root);
    rpc = session.rpc;
  });

  after(() => {
    session.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('publishes diagnostics on open and after each incremental change', async () => {
    const text =
      'variable "pass" {\n  type = string\n  default = "x"\n}\n\nenv "local" {\n  url = "postgres://app:${var.pass}@localhost/app"\n  migration {\n    dir = "file://migrations"\n    exec_ordr = LINEAR\n  }\n}\n';
    rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'atlas-config', version, text } });
    const first = hcl(await waitFor((d) => hcl(d).length > 0));
    assert.deepEqual(
      first.map((d) => [d.range.start.line, msg(d)]),
      [[9, 'Unsupported argument "exec_ordr" in block "migration". Did you mean "exec_order"?']],
    );
    // a quick fix for it, through the shared code-action hub
    const actions: CodeAction[] = await rpc.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: first[0].range,
      context: { diagnostics: first },
    });
    const fix = actions.find((a) => a.title === 'Change to "exec_order"')!;
    const edit = fix.edit!.changes![uri][0];
    rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: edit.range, text: edit.newText }] });
    await waitFor((d) => hcl(d).length === 0);
    rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: { line: 6, character: 30 }, end: { line: 6, character: 34 } }, text: 'pas' }],
    });
    const undef = hcl(await waitFor((d) => hcl(d).length > 0));
    assert.match(msg(undef[0]), /Undefined variable "var.pas".*Did you mean "pass"\?/);
    rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: { line: 6, character: 30 }, end: { line: 6, character: 33 } }, text: 'pass' }],
    });
    await waitFor((d) => hcl(d).length === 0);
  });

  it('answers completion, hover, definition, rename, symbols and formatting', async () => {
    const items: CompletionItem[] = await rpc.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 17 } });
    assert.ok(items.some((i) => i.label === 'NON_LINEAR'));
    const h: Hover = await rpc.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 5 } });
    assert.match((h.contents as { value: string }).value, /--dir/);
    const def: Location = await rpc.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 6, character: 31 } });
    assert.deepEqual(def.range.start, { line: 0, character: 9 });
    const ren: WorkspaceEdit = await rpc.sendRequest('textDocument/rename', {
      textDocument: { uri },
      position: { line: 6, character: 31 },
      newName: 'password',
    });
    assert.equal(ren.changes![uri].length, 2);
    const syms: DocumentSymbol[] = await rpc.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      syms.map((s) => s.name),
      ['var.pass', 'env local'],
    );
    const fmt: TextEdit[] = await rpc.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.deepEqual(
      fmt.map((e) => [e.range.start.line, e.newText]),
      [
        [1, '  type    = string'],
        [8, '    dir        = "file://migrations"'],
      ],
    );
  });

  it('survives garbage: binary text and random edits, then still answers', async () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const garbage = Array.from({ length: 3000 }, () => String.fromCharCode(Math.floor(rand() * 0x250))).join('');
    rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: garbage }] });
    await waitFor((d) => hcl(d).length > 0);
    let text = garbage;
    for (let k = 0; k < 40; k++) {
      const lines = text.split('\n');
      const line = Math.floor(rand() * lines.length);
      const ch = Math.floor(rand() * (lines[line].length + 1));
      const ins = ['{', '}', '"', '${', '\n', 'env "x" {'][k % 6];
      rpc.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: { line, character: ch }, end: { line, character: ch } }, text: ins }],
      });
      lines[line] = lines[line].slice(0, ch) + ins + lines[line].slice(ch);
      text = lines.join('\n');
      const pos = { line, character: ch };
      await Promise.all([
        rpc.sendRequest('textDocument/completion', { textDocument: { uri }, position: pos }),
        rpc.sendRequest('textDocument/hover', { textDocument: { uri }, position: pos }),
        rpc.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }),
        rpc.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }),
      ]);
    }
    rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ text: 'env "ok" {\n  url = "postgres://localhost/app"\n}\n' }],
    });
    await waitFor((d) => hcl(d).length === 0);
  });

  it('publishes a syntax error at the offending token after an incremental edit (two arguments joined on one line)', async () => {
    const other = URI.fromPath(path.join(root, 'joined.hcl'));
    const text = 'env "local" {\n  url = "postgres://localhost/app"\n  dev = "docker://postgres/16/dev"\n}\n';
    rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'atlas-config', version: 1, text } });
    await session.waitFor(other, (d) => hcl(d).length === 0);
    // join line 3 onto line 2: `  url = "postgres://localhost/app" dev = "docker://postgres/16/dev"`
    rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri: other, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 34 }, end: { line: 2, character: 2 } }, text: ' ' }],
    });
    const [d] = hcl(await session.waitFor(other, (x) => hcl(x).length > 0));
    assert.deepEqual(
      [d.range.start, d.range.end],
      [
        { line: 1, character: 35 },
        { line: 1, character: 38 },
      ],
    );
    assert.match(msg(d), /^Missing newline after argument/);
    rpc.sendNotification('textDocument/didClose', { textDocument: { uri: other } });
  });

  it('clears its diagnostics on close', async () => {
    rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: 'bogus {\n}\n' }] });
    await waitFor((d) => hcl(d).length === 1);
    rpc.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await waitFor((d) => hcl(d).length === 0);
  });
});
