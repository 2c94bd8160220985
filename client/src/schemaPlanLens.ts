// "Plan Schema Apply on <env>" lenses on desired-state files (an env's `src` names the file or its folder, and the
// env has a database url), and the context key the editor-title button reads (`atlasWorkbench.desiredStateFiles`).
import * as vscode from 'vscode';
import { namesFile, srcPaths } from './desiredState';
import { projectDir, type Workbench } from './workbench';

class SchemaPlanLenses implements vscode.CodeLensProvider {
  private changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  constructor(private wb: Workbench) {
    wb.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    return this.wb.envs
      .filter((e) => e.url !== undefined && namesFile(e, projectDir(e), doc.uri.fsPath))
      .map(
        (e) =>
          new vscode.CodeLens(top, {
            title: `$(play) Plan Schema Apply on ${e.name}`,
            command: 'atlasWorkbench.planSchemaApply',
            arguments: [{ uri: doc.uri, env: e.name }],
          }),
      );
  }
}

export function registerSchemaPlanLenses(wb: Workbench): vscode.Disposable[] {
  const context = () =>
    void vscode.commands.executeCommand(
      'setContext',
      'atlasWorkbench.desiredStateFiles',
      wb.envs.filter((e) => e.url !== undefined).flatMap((e) => srcPaths(e.src, projectDir(e))),
    );
  context();
  return [
    wb.onDidChange(context),
    vscode.languages.registerCodeLensProvider(
      [
        { scheme: 'file', pattern: '**/*.hcl' },
        { scheme: 'file', pattern: '**/*.sql' },
      ],
      new SchemaPlanLenses(wb),
    ),
  ];
}
