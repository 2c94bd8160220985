// Edit Migration in a real workbench: the command opens the file, and saving it re-hashes atlas.sum (the folder then
// validates with the bundled CLI). Runs before the UI steps, which seed the atlas.sum conflict.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, waitForDiagnostics, workspaceFile } from '../support/host';

const validate = (dir: string) =>
  execFileSync(
    process.execPath,
    [path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js'), 'migrate', 'validate', '--dir', `file://${dir}`],
    {
      encoding: 'utf8',
    },
  );

describe('rebase workspace: Edit Migration', () => {
  it('opens the file and re-hashes atlas.sum when it is saved', async () => {
    await api();
    const file = workspaceFile('migrations', '20240101000000_a.sql');
    const sum = workspaceFile('migrations', 'atlas.sum');
    // the folder starts with 20240102000000_b.sql missing from atlas.sum
    await waitForDiagnostics(sum, (d) => d.some((x) => /20240102000000_b\.sql was added/.test(x.message)));
    assert.throws(() => validate(path.dirname(file.fsPath)));
    await vscode.commands.executeCommand('atlasWorkbench.editMigration', file);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), file.toString());
    const doc = editor.document;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(file, doc.positionAt(doc.getText().length), 'CREATE INDEX a_id ON a (id);\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await doc.save());
    await waitForDiagnostics(sum, (d) => d.length === 0);
    await waitForDiagnostics(file, (d) => !d.some((x) => x.source === 'atlas.sum'));
    validate(path.dirname(file.fsPath)); // exit 0: atlas.sum matches the edited file
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
