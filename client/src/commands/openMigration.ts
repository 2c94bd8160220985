// Opens a migration file, at the failing statement when there is one.
import * as vscode from 'vscode';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.openMigration';
export const handler = (_c: Ctx) => async (file: string, line?: number) => {
  const pos = new vscode.Position(line ?? 0, 0);
  await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(pos, pos), preview: true });
};
