// Generate Migration (right-click a schema file/folder, a migration folder or an env): asks for a name, runs
// `migrate diff` with progress, opens the new file beside a diff view of atlas.sum, refreshes the trees.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EnvSummary } from '../../../server/src/protocol';
import { envsForPath, pickEnv } from './envArg';
import { fileUrl, migrationDir, runForEnv, type Ctx } from './engine';
import { renameArgs } from './renamePick';
export const id = 'atlasWorkbench.generateMigration';

/** Newest migration file (by name, i.e. version) of a folder. */
export function newestFile(dir: string): string | undefined {
  try {
    const names = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.sql'))
      .sort();
    return names.length ? path.join(dir, names[names.length - 1]) : undefined;
  } catch {
    return undefined;
  }
}

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Where the desired state comes from: a right-clicked schema file/folder (unless it is the migration folder). */
function desiredFrom(env: EnvSummary, arg: unknown): string[] {
  if (!(arg instanceof vscode.Uri)) return [];
  if (path.resolve(arg.fsPath) === migrationDir(env) || arg.fsPath.startsWith(migrationDir(env) + path.sep)) return [];
  if (path.basename(arg.fsPath) === 'atlas.hcl') return [];
  return ['--to', fileUrl(env, arg.fsPath)];
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
  const dir = migrationDir(env);
  const before = newestFile(dir);
  const sumBefore = readOr(path.join(dir, 'atlas.sum'));
  const to = desiredFrom(env, arg);
  const renames = await renameArgs(c, env, to.slice(1));
  if (!renames) return undefined;
  const r = await runForEnv(c, env, 'Generate Migration', ['migrate', 'diff', name, ...to, ...renames]);
  if (!r || r.exitCode !== 0) return undefined;
  const created = newestFile(dir);
  if (!created || created === before) {
    void vscode.window.showInformationMessage(`Atlas: the migration folder of "${env.name}" is already in sync with the desired state; no file was generated.`);
    return undefined;
  }
  const sumFile = vscode.Uri.file(path.join(dir, 'atlas.sum'));
  const old = await c.docs.show('atlas.sum (before)', sumBefore, { preview: true });
  await vscode.commands.executeCommand('vscode.diff', old.document.uri, sumFile, `atlas.sum: before ↔ after (${path.basename(created)})`);
  await vscode.window.showTextDocument(vscode.Uri.file(created), { viewColumn: vscode.ViewColumn.Beside, preview: false });
  return created;
};
