// The SQL-first workspace in a real workbench: a lint diagnostic on a migration file and its quick fix, the
// Kubernetes export of the folder, and the per-env states of a nested project (atlas.hcl not at the root).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, waitFor, waitForDiagnostics, workspaceFile } from '../support/host';

const file = () => workspaceFile('manifests', 'migrations', 'mydatabase', '20240205000001_add_project_repository.sql');

describe('lint workspace (SQL-first layout, real PostgreSQL)', () => {
  it('finds the nested atlas.hcl and its envs', async () => {
    const a = await api();
    assert.deepEqual(
      a.workbench.envs.map((e) => e.name),
      ['local', 'production'],
    );
    assert.match(a.workbench.projects[0], /manifests\/schemas\/atlas\.hcl$/);
    const s = await waitFor(a, () => a.workbench.statuses.get(`${a.workbench.projects[0]}#local`), 'status');
    assert.equal(s.error, undefined, s.error);
    assert.equal(s.files.length, 3);
    assert.ok(s.files.every((f) => f.state === 'pending'));
  });

  it('shows a lint diagnostic for CREATE INDEX without CONCURRENTLY and fixes it with the quick fix', async () => {
    const doc = await vscode.workspace.openTextDocument(file());
    await vscode.window.showTextDocument(doc);
    const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => /PG10[12]/.test(String(typeof x.code === 'object' ? x.code.value : x.code))));
    const d = diags.find((x) => /PG10[12]/.test(String(typeof x.code === 'object' ? x.code.value : x.code)))!;
    assert.equal(d.range.start.line, 4);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
    const fix = actions.find((x) => /CONCURRENTLY/.test(x.title));
    assert.ok(fix?.edit, `quick fixes: ${actions.map((x) => x.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /^-- atlas:txmode none\n/);
    assert.match(doc.getText(), /CREATE INDEX CONCURRENTLY idx_projects_repository/);
    await waitForDiagnostics(doc.uri, (x) => !x.some((y) => /PG10[12]/.test(String(typeof y.code === 'object' ? y.code.value : y.code))));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('exports the folder for the Atlas Operator', async () => {
    const a = await api();
    const dir = workspaceFile('manifests', 'migrations', 'mydatabase').fsPath;
    const r = await a.workbench.client.sendRequest<{ yaml: string; files: number; warnings: string[] }>('atlas/k8sExport', {
      dir,
      name: 'mydatabase',
      namespace: 'mydatabase-dev',
    });
    assert.equal(r.files, 4);
    assert.deepEqual(r.warnings, []);
    assert.match(r.yaml, /namespace: "mydatabase-dev"/);
  });
});
