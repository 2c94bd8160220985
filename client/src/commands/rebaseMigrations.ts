// Rebase Migrations…: `migrate rebase` from the editor. For a git-conflicted atlas.sum the files each branch added
// are offered (the side being brought in pre-selected), otherwise any file of the folder; then a modal preview of
// the renames (old → new), then the renames and the re-hash. Also reached from the atlas.sum conflict notification
// and the conflict diagnostic's quick fix (argument: the migration folder path).
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  ApplyRebaseRequest,
  PlanRebaseRequest,
  type PlanRebaseResult,
  type RebasePlan,
  type SumConflictInfo,
  type SumConflictParams,
} from '../../../server/src/protocol';
import { pickEnv } from './envArg';
import { migrationDir, type Ctx } from './engine';

export const id = 'atlasWorkbench.rebaseMigrations';

async function folderOf(c: Ctx, arg: unknown): Promise<string | undefined> {
  if (typeof arg === 'string') return arg;
  if (arg instanceof vscode.Uri) return path.basename(arg.fsPath) === 'atlas.sum' ? path.dirname(arg.fsPath) : arg.fsPath;
  const env = await pickEnv(c.wb, arg, 'rebase');
  return env && migrationDir(env);
}

const sideLabel = (conflict: SumConflictInfo, side: 'ours' | 'theirs') => {
  const label = side === 'ours' ? conflict.oursLabel : conflict.theirsLabel;
  return `${side}${label ? ` (${label})` : ''}`;
};

/** The files to move: the sides of the conflict, or (no conflict) any file of the folder. */
async function pickFiles(plan: RebasePlan, files: string[]): Promise<string[] | undefined> {
  const conflict = plan.conflict;
  const items: Array<vscode.QuickPickItem & { name: string }> = conflict
    ? [
        ...conflict.theirs.map((name) => ({
          name,
          label: name,
          description: `only in ${sideLabel(conflict, 'theirs')}`,
          picked: conflict.suggested.includes(name),
        })),
        ...conflict.ours.map((name) => ({
          name,
          label: name,
          description: `only in ${sideLabel(conflict, 'ours')}`,
          picked: conflict.suggested.includes(name),
        })),
      ]
    : files.map((name) => ({ name, label: name }));
  if (items.length === 0) return [];
  const why = conflict?.operation
    ? `git ${conflict.operation} under way: the files being brought in are selected`
    : conflict
      ? 'the files of the other branch ("theirs") are selected'
      : 'pick the files to move after the latest version';
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'Rebase Migrations: files to move after the latest version',
    placeHolder: why,
    ignoreFocusOut: true,
  });
  return picked?.map((p) => p.name);
}

async function plan(c: Ctx, dir: string, versions?: string[]): Promise<PlanRebaseResult | undefined> {
  const r = await c.wb.client.sendRequest(PlanRebaseRequest.method, { dir, versions });
  const res = r as PlanRebaseResult;
  if (res.error) {
    await c.wb.fail(`Rebase Migrations: ${res.error.message}`);
    return undefined;
  }
  return res;
}

export const handler = (c: Ctx) => async (arg?: unknown) => {
  const dir = await folderOf(c, arg);
  if (!dir) return undefined;
  const first = await plan(c, dir);
  if (!first?.plan) return undefined;
  const chosen = await pickFiles(first.plan, first.files ?? []);
  if (chosen === undefined) return undefined;
  if (chosen.length === 0 && !first.plan.conflict) return undefined;
  const planned = chosen.length ? await plan(c, dir, chosen) : { plan: { ...first.plan, renames: [] } };
  if (!planned?.plan) return undefined;
  const renames = planned.plan.renames;
  const detail = renames.length
    ? `${renames.map((r) => `${r.from} → ${r.to}`).join('\n')}\n\natlas.sum is re-hashed from the files on disk.`
    : 'No file needs a new version (the chosen files already come last). atlas.sum is re-hashed from the files on disk.';
  const action = renames.length ? 'Rebase' : 'Re-hash';
  const title = renames.length ? `Rename ${renames.length} migration file${renames.length === 1 ? '' : 's'}?` : 'Re-hash atlas.sum?';
  if ((await vscode.window.showWarningMessage(title, { modal: true, detail }, action)) !== action) return undefined;
  const res = await c.wb.client.sendRequest(ApplyRebaseRequest.method, { plan: planned.plan });
  const applied = res as { renamed: typeof renames; error?: { message: string } };
  if (applied.error) {
    await c.wb.fail(`Rebase Migrations: ${applied.error.message}`);
    return undefined;
  }
  for (const r of applied.renamed) c.wb.log.info(`rebase: ${r.from} → ${r.to}`);
  void c.wb.refresh();
  void vscode.window.setStatusBarMessage(`$(check) ${applied.renamed.length} migration file(s) rebased, atlas.sum re-hashed`, 5000);
  return applied;
};

/** The `atlas/sumConflict` notification: offers the rebase. */
export function onSumConflict(p: SumConflictParams): void {
  const rel = vscode.workspace.asRelativePath(p.sumPath);
  void vscode.window
    .showWarningMessage(
      `${rel} has a merge conflict — Rebase migrations to put one branch's files after the latest version and re-hash.`,
      'Rebase Migrations…',
      'Open atlas.sum',
    )
    .then((choice) => {
      if (choice === 'Rebase Migrations…') void vscode.commands.executeCommand(id, p.dir);
      else if (choice === 'Open atlas.sum') void vscode.window.showTextDocument(vscode.Uri.file(p.sumPath));
    });
}
