// Extension-host tests on a goose workspace (`migration { format = goose }`, a real PostgreSQL 15 in DATABASE_URL):
// the sidebar's status lists the goose files as goose reads them, lint diagnostics land on the file's Up part.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { api, waitFor, waitForDiagnostics, workspaceFile } from '../support/host';

describe('formats workspace (goose folder, real PostgreSQL)', () => {
  it('lists the goose files pending with their versions and descriptions', async () => {
    const a = await api();
    const s = await waitFor(a, () => a.workbench.statuses.get(`${a.workbench.envs[0].projectUri}#local`), 'status of local');
    assert.equal(s.error, undefined, s.error);
    assert.deepEqual(
      s.files.map((f) => [f.name, f.version, f.description, f.state]),
      [
        ['1_init.sql', '1', 'init', 'pending'],
        ['2_change.sql', '2', 'change', 'pending'],
      ],
    );
  });

  it('lints the Up part of a goose file on its own lines, nothing from the Down part', async () => {
    const uri = workspaceFile('migrations', '2_change.sql');
    await vscode.window.showTextDocument(uri);
    const lines = fs.readFileSync(uri.fsPath, 'utf8').split('\n');
    const diags = await waitForDiagnostics(uri, (d) =>
      d.some((x) => x.source === 'atlas lint' && String(typeof x.code === 'object' ? x.code.value : x.code) === 'DS103'),
    );
    const ds = diags.find((x) => String(typeof x.code === 'object' ? x.code.value : x.code) === 'DS103')!;
    assert.equal(
      ds.range.start.line,
      lines.findIndex((l) => l.startsWith('ALTER TABLE a DROP COLUMN b')),
    );
    const down = lines.findIndex((l) => l.startsWith('-- +goose Down'));
    assert.ok(diags.every((d) => d.range.start.line < down));
  });
});
