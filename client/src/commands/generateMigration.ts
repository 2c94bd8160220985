// Generate Migration (right-click a schema file/folder, a migration folder or an env): asks for a name, sends
// atlas/generate with progress, opens the new file beside a diff view of atlas.sum, refreshes the trees.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { GenerateRequest, type EnvSummary } from '../../../server/src/protocol';
import { envsForPath, pickEnv } from './envArg';
import { migrationDir, type Ctx } from './engine';
import { pickRenames } from './renamePick';
export const id = 'atlasWorkbench.generateMigration';

/** Where the desired state comes from: a right-clicked schema file/folder (unless it is the migration folder). */
function desiredFrom(env: EnvSummary, arg: unknown): string[] {
  if (!(arg instanceof vscode.Uri)) return [];
  if (path.resolve(arg.fsPath) === migrationDir(env) || arg.fsPath.startsWith(migrationDir(env) + path.sep)) return [];
  if (path.basename(arg.fsPath) === 'atlas.hcl') return [];
  return [arg.fsPath];
}

export const handler = (c: Ctx) => async (arg?: unknown, second?: unknown) => {
  // Explorer menus pass (uri, selectedUris); programmatic callers may pass the name.
  const nameArg = typeof second === 'string' ? second : undefined;
  const env =
    arg instanceof vscode.Uri
      ? (envsForPath(c.wb, arg.fsPath).find((e) => e.migrationDir && (e.src?.length || !!desiredFrom(e, arg).length)) ??
        (await pickEnv(c.wb, arg, 'generate migration')))
      : await pickEnv(c.wb, arg, 'generate migration', (e) => e.migrationDir !== undefined);
  if (!env) return undefined;
  const name =
    nameArg ??
    (await vscode.window.showInputBox({
      title: `Generate migration for "${env.name}"`,
      prompt: 'Migration name',
      value: 'changes',
      validateInput: (v) => (/^[A-Za-z0-9_]+$/.test(v) ? undefined : 'use letters, digits and _'),
    }));
  if (!name) return undefined;
  const to = desiredFrom(env, arg);
  const params = { name, ...(to.length ? { to } : {}) };
  let r = await c.wb.operate(`Generate Migration (${env.name})`, GenerateRequest, env, params);
  if (r?.renameCandidates?.length) {
    const renames = await pickRenames(env, r.renameCandidates);
    if (!renames) return undefined;
    r = await c.wb.operate(`Generate Migration (${env.name})`, GenerateRequest, env, { ...params, renames });
  }
  void c.wb.refresh();
  if (!r) return undefined;
  if (r.error) {
    await c.wb.fail(r.error);
    return undefined;
  }
  const created = r.file;
  if (r.synced || !created) {
    void vscode.window.showInformationMessage(`Atlas: the migration folder of "${env.name}" is already in sync with the desired state; no file was generated.`);
    return undefined;
  }
  const sumFile = vscode.Uri.file(path.join(path.dirname(created), 'atlas.sum'));
  const old = await c.docs.show('atlas.sum (before)', r.sumBefore ?? '', { preview: true });
  await vscode.commands.executeCommand('vscode.diff', old.document.uri, sumFile, `atlas.sum: before ↔ after (${path.basename(created)})`);
  await vscode.window.showTextDocument(vscode.Uri.file(created), { viewColumn: vscode.ViewColumn.Beside, preview: false });
  return created;
};
