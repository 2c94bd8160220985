// Edit Migration…: Atlas's `migrate edit` in the editor. Opens a migration file (picked from the env's folder, or
// the right-clicked one) and re-hashes atlas.sum each time that file is saved, until it is closed.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { pickEnv } from './envArg';
import { migrationDir, type Ctx } from './engine';

export const id = 'atlasWorkbench.editMigration';

/** The server's re-hash command (lsp/sumDiagnostics REHASH_COMMAND). */
const REHASH = 'atlas.rehash';

async function pickFile(c: Ctx, arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri && arg.fsPath.endsWith('.sql')) return arg;
  const env = await pickEnv(c.wb, arg, 'edit');
  if (!env) return undefined;
  const dir = vscode.Uri.file(migrationDir(env));
  const names = (await vscode.workspace.fs.readDirectory(dir))
    .filter(([n, t]) => t === vscode.FileType.File && n.endsWith('.sql'))
    .map(([n]) => n)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const picked = await vscode.window.showQuickPick(names.reverse(), { title: 'Edit Migration: the file to edit (atlas.sum is re-hashed on save)' });
  return picked ? vscode.Uri.joinPath(dir, picked) : undefined;
}

export const handler = (c: Ctx) => async (arg?: unknown) => {
  const file = await pickFile(c, arg);
  if (!file) return undefined;
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc);
  const dir = path.dirname(file.fsPath);
  const subs: vscode.Disposable[] = [];
  subs.push(
    vscode.workspace.onDidSaveTextDocument(async (saved) => {
      if (saved.uri.toString() !== file.toString()) return;
      try {
        await vscode.commands.executeCommand(REHASH, dir);
        c.wb.log.info(`edit: ${path.basename(file.fsPath)} saved, atlas.sum re-hashed`);
        void vscode.window.setStatusBarMessage(`$(check) atlas.sum re-hashed after editing ${path.basename(file.fsPath)}`, 4000);
      } catch (e) {
        await c.wb.fail(`Edit Migration: re-hash failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
    vscode.workspace.onDidCloseTextDocument((closed) => {
      if (closed.uri.toString() === file.toString()) for (const s of subs.splice(0)) s.dispose();
    }),
  );
  void vscode.window.setStatusBarMessage(`Editing ${path.basename(file.fsPath)}: atlas.sum is re-hashed when you save it`, 6000);
  return file;
};
