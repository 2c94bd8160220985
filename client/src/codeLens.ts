// Code lenses on migration files: which envs have applied this file; "Lint"; "Apply up to here".
import * as vscode from 'vscode';
import { envKey, type Workbench } from './workbench';

export class MigrationLenses implements vscode.CodeLensProvider {
  private changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  constructor(private wb: Workbench) {
    wb.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const file = doc.uri.fsPath;
    const applied: string[] = [];
    const pending: string[] = [];
    let envForFile: string | undefined;
    for (const e of this.wb.envs) {
      const s = this.wb.statuses.get(envKey(e));
      const f = s?.files.find((x) => x.path === file);
      if (!f) continue;
      envForFile ??= envKey(e);
      if (f.state === 'applied' || f.state === 'edited' || f.state === 'partial') applied.push(f.state === 'partial' ? `${e.name} (partial)` : e.name);
      else if (f.state === 'pending' || f.state === 'outOfOrder') pending.push(e.name);
    }
    if (!envForFile) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [
      new vscode.CodeLens(top, {
        title: applied.length ? `$(pass) applied on ${applied.join(', ')}` : '$(circle-large-outline) not applied on any env',
        command: 'atlasWorkbench.migrateStatus',
        arguments: [],
      }),
      new vscode.CodeLens(top, { title: 'Lint', command: 'atlasWorkbench.migrateLint', arguments: [doc.uri] }),
    ];
    if (pending.length)
      lenses.push(new vscode.CodeLens(top, { title: `Apply up to here (${pending.join(', ')})`, command: 'atlasWorkbench.applyUpTo', arguments: [doc.uri] }));
    return lenses;
  }
}
