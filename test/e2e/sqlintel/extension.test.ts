// Schema-aware SQL in a real workbench: completion of column names in a migration file, hover with the table as
// of that line, go to definition into an earlier migration, and a did-you-mean diagnostic with its quick fix.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, waitForDiagnostics, workspaceFile } from '../support/host';

const migration = (name: string) => workspaceFile('migrations', name);
const isSqlRef = (d: vscode.Diagnostic) => d.source === 'atlas sql';

/** Opens a migration file, replaces its text, and returns the editor (reverted by `revert`). */
async function edit(name: string, text: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(migration(name));
  const editor = await vscode.window.showTextDocument(doc);
  await editor.edit((e) => e.replace(new vscode.Range(0, 0, doc.lineCount, 0), text));
  return editor;
}
const revert = () => vscode.commands.executeCommand('workbench.action.files.revert');

describe('schema-aware SQL in migration files', () => {
  before(async () => {
    await api();
  });

  it('completes the columns of the table as of this file after DROP COLUMN', async () => {
    const editor = await edit('20240303000001_users_email.sql', 'ALTER TABLE users DROP COLUMN \n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      new vscode.Position(0, 30),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const c of ['id', 'org_id', 'email', 'display_name']) assert.ok(labels.includes(c), `${c} in ${labels.join(', ')}`);
    assert.ok(!labels.includes('legacy_login'), 'dropped in the previous migration');
    await revert();
  });

  it('hovers a table with its CREATE TABLE as of that line and the migration that last changed it', async () => {
    const doc = await vscode.workspace.openTextDocument(migration('20240303000001_users_email.sql'));
    await vscode.window.showTextDocument(doc);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 40));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /CREATE TABLE users \(/);
    assert.match(text, /display_name text/);
    assert.doesNotMatch(text, /legacy_login/);
    assert.match(
      text,
      /last changed by \[20240302000001_users_profile\.sql:2\]\(file:\/\/\/.*20240302000001_users_profile\.sql#L2\) · changed by this statement/,
    );
  });

  it('goes to the definition of a column in an earlier migration', async () => {
    const doc = await vscode.workspace.openTextDocument(migration('20240303000001_users_email.sql'));
    const locs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      doc.uri,
      new vscode.Position(0, 47),
    );
    const l = locs[0];
    const uri = 'targetUri' in l ? l.targetUri : l.uri;
    const range = 'targetUri' in l ? (l.targetSelectionRange ?? l.targetRange) : l.range;
    assert.equal(uri.toString(), migration('20240301000001_init.sql').toString());
    assert.equal(range.start.line, 9);
  });

  it('flags a table that does not exist there, with a did-you-mean quick fix', async () => {
    const editor = await edit('20240303000001_users_email.sql', 'ALTER TABLE usres ADD COLUMN age int;\n');
    const diags = await waitForDiagnostics(editor.document.uri, (d) => d.some(isSqlRef));
    const d = diags.find(isSqlRef)!;
    assert.equal(d.message, 'table "usres" does not exist here; did you mean "users"?');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([d.range.start.character, d.range.end.character], [12, 17]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, d.range);
    const fix = actions.find((a) => a.title === 'Change to "users"');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(0).text, 'ALTER TABLE users ADD COLUMN age int;');
    await waitForDiagnostics(editor.document.uri, (x) => !x.some(isSqlRef));
    await revert();
  });
});
