// Convert Folder to Atlas Format (right-click a folder, or the palette): asks which tool the folder was written for
// (or detects it), asks for the new folder, has the engine write the Atlas-format files and atlas.sum
// (atlas/convertFolder, `migrate import`), then opens the first converted file.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConvertFolderRequest, type ConvertFolderResult } from '../../../server/src/protocol';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.convertFolder';

const formats = ['golang-migrate', 'goose', 'flyway', 'liquibase', 'dbmate'];

export const handler = (c: Ctx) => async (arg?: unknown) => {
  const folder =
    arg instanceof vscode.Uri
      ? arg
      : (
          await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Convert', title: 'Migration folder of another tool' })
        )?.[0];
  if (!folder) return undefined;
  const picked = await vscode.window.showQuickPick(
    [{ label: 'Detect from the files', format: undefined as string | undefined }, ...formats.map((f) => ({ label: f, format: f as string | undefined }))],
    { title: `Convert ${path.basename(folder.fsPath)} to Atlas format`, placeHolder: 'Which tool wrote this folder?' },
  );
  if (!picked) return undefined;
  const target = await vscode.window.showInputBox({
    title: 'New Atlas migration folder',
    prompt: 'Folder for the converted files (created; it must hold no migration file)',
    value: `${folder.fsPath}-atlas`,
    validateInput: (v) => (v.trim() ? undefined : 'a folder path'),
  });
  if (!target) return undefined;
  const targetUri = vscode.Uri.file(path.resolve(path.dirname(folder.fsPath), target.trim()));
  const r = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Converting ${path.basename(folder.fsPath)}` },
    () =>
      c.wb.client.sendRequest(ConvertFolderRequest.method, {
        folderUri: folder.toString(),
        targetUri: targetUri.toString(),
        ...(picked.format ? { format: picked.format } : {}),
      }) as Promise<ConvertFolderResult>,
  );
  if (r.error) {
    await c.wb.fail(r.error.message);
    return r;
  }
  const files = r.files ?? [];
  if (!files.length) {
    void vscode.window.showInformationMessage(`Atlas: ${path.basename(folder.fsPath)} holds no migration file to convert.`);
    return r;
  }
  await vscode.window.showTextDocument(vscode.Uri.parse(files[0]), { preview: false });
  void vscode.window.showInformationMessage(`Atlas: converted ${files.length} ${r.format} files into ${targetUri.fsPath} (with atlas.sum).`);
  return r;
};
