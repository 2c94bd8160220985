// PostgreSQL HCL schema files through a real language server (in-process, over streams): diagnostics on open,
// re-published for the other open file of the schema when a change breaks a reference into it; completion, hover,
// rename across files; the ERD request built from the files on disk.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { CompletionItem, Diagnostic, Hover, WorkspaceEdit } from 'vscode-languageserver';
import { startLspSession, type LspSession } from '../../support/lspSession';
import { URI } from '../../../server/src/lsp/uri';
import { fixtures } from './helpers';

describe('lsp/schema HCL feature (real server)', function () {
  this.timeout(60000);
  let rpc: MessageConnection;
  let root: string;
  let session: LspSession;
  let users: string;
  let posts: string;
  const texts: Record<string, string> = {};

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-pghcl-'));
    for (const f of ['users.pg.hcl', 'posts.pg.hcl']) {
      texts[f] = fs.readFileSync(path.join(fixtures, 'multi', f), 'utf8');
      fs.writeFileSync(path.join(root, f), texts[f]);
    }
    users = URI.fromPath(path.join(root, 'users.pg.hcl'));
    posts = URI.fromPath(path.join(root, 'posts.pg.hcl'));
    session = await startLspSession(root);
    rpc = session.rpc;
  });

  after(() => {
    session.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('checks both files as one schema; a rename of a column in one file breaks the reference in the other', async () => {
    rpc.sendNotification('textDocument/didOpen', {
      textDocument: { uri: posts, languageId: 'atlas-schema-postgresql', version: 1, text: texts['posts.pg.hcl'] },
    });
    assert.deepEqual(await session.waitFor(posts, () => true), []);
    rpc.sendNotification('textDocument/didOpen', {
      textDocument: { uri: users, languageId: 'atlas-schema-postgresql', version: 1, text: texts['users.pg.hcl'] },
    });
    await session.waitFor(users, (d) => d.length === 0);
    // `column "id"` → `column "uid"` in users.pg.hcl: posts' ref_columns now points at nothing
    const line = texts['users.pg.hcl'].split('\n').findIndex((l) => l.includes('column "id"'));
    rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri: users, version: 2 },
      contentChanges: [{ range: { start: { line, character: 10 }, end: { line, character: 12 } }, text: 'uid' }],
    });
    const d: Diagnostic[] = await session.waitFor(posts, (x) => x.length > 0);
    assert.deepEqual(
      d.map((x) => x.message),
      ['Unknown reference: table "users" has no column "id". Did you mean "uid"?'],
    );
    rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri: users, version: 3 },
      contentChanges: [{ range: { start: { line, character: 10 }, end: { line, character: 13 } }, text: 'id' }],
    });
    await session.waitFor(posts, (x) => x.length === 0);
  });

  it('answers completion, hover and a rename that edits both files', async () => {
    const line = texts['posts.pg.hcl'].split('\n').findIndex((l) => l.includes('ref_columns'));
    const character = texts['posts.pg.hcl'].split('\n')[line].indexOf('column.id') + 'column.'.length;
    const items: CompletionItem[] = await rpc.sendRequest('textDocument/completion', { textDocument: { uri: posts }, position: { line, character } });
    assert.deepEqual(
      items.map((i) => i.label),
      ['id', 'email', 'role'],
    );
    const h: Hover = await rpc.sendRequest('textDocument/hover', { textDocument: { uri: posts }, position: { line, character: character - 10 } });
    assert.match((h.contents as { value: string }).value, /CREATE TABLE app\.users \(/);
    const ren: WorkspaceEdit = await rpc.sendRequest('textDocument/rename', {
      textDocument: { uri: posts },
      position: { line, character: character - 10 },
      newName: 'accounts',
    });
    assert.deepEqual(Object.keys(ren.changes!).sort(), [posts, users].sort());
  });

  it('atlas/schemaHclErd draws the tables and foreign keys of the schema files', async () => {
    const r: { output: string; tables: number } = await rpc.sendRequest('atlas/schemaHclErd', { uri: posts });
    assert.equal(r.tables, 2);
    assert.match(r.output, /users \|\|--o\{ posts : "posts_author_fk"/);
  });
});
