// The HCL schema workspace in a real workbench: *.pg.hcl gets the atlas-schema-postgresql language, an .hcl named by
// an env's src gets it too, completion of referenced columns, a diagnostic on a bad reference with its quick fix,
// the ERD drawn from the files (no database).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, waitForDiagnostics, workspaceFile } from '../support/host';

const LANG = 'atlas-schema-postgresql';

/** Resolves with the document once it has the language (the client sets it for files named by an env's src). */
function withLanguage(uri: vscode.Uri, ms = 60000): Promise<vscode.TextDocument> {
  return new Promise((resolve, reject) => {
    const now = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === LANG);
    if (now) return resolve(now);
    const timer = setTimeout(() => reject(new Error(`${uri.fsPath} never got the ${LANG} language`)), ms);
    const sub = vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.uri.toString() !== uri.toString() || d.languageId !== LANG) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(d);
    });
  });
}

describe('hcl workspace (Atlas HCL schema files)', () => {
  it('a .pg.hcl file has the language and completes the columns of a referenced table', async () => {
    await api();
    const doc = await vscode.workspace.openTextDocument(workspaceFile('schema', 'app.pg.hcl'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, LANG);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('ref_columns = [table.users.column.id]'));
    const character = doc.lineAt(line).text.indexOf('column.id') + 'column.'.length;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(line, character),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const c of ['id', 'email', 'role', 'created_at']) assert.ok(labels.includes(c), `${c} in ${labels.join(', ')}`);
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(line, doc.lineAt(line).text.indexOf('users') + 2),
    );
    const text = hover.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')).join('\n');
    assert.match(text, /CREATE TABLE public\.users \(/);
  });

  it('an .hcl named by the env src gets the language and a diagnostic on its bad reference, fixed by the quick fix', async () => {
    const uri = workspaceFile('schema', 'audit.hcl');
    const languageSet = withLanguage(uri);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const doc = await languageSet;
    const diags = await waitForDiagnostics(uri, (d) => d.some((x) => /table "user" is not defined/.test(x.message)));
    const d = diags.find((x) => /table "user" is not defined/.test(x.message))!;
    assert.match(d.message, /Did you mean "users"\?/);
    assert.equal(doc.getText(d.range), 'user');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const fix = actions.find((a) => a.title === 'Change to "users"');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, (x) => !x.some((y) => /is not defined/.test(y.message)));
  });

  it('draws the ERD from the files, without a database', async () => {
    const out = await vscode.commands.executeCommand<string>('atlasWorkbench.showHclErd', workspaceFile('schema', 'app.pg.hcl'));
    assert.match(out, /users \|\|--o\{ posts : "posts_author_fk"/);
    assert.match(out, /users \|o--o\{ audit_log : "audit_user_fk"/);
  });
});
