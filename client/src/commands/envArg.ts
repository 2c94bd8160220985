// Turns a command argument (tree node, explorer/editor Uri, nothing) into an env; asks when it is ambiguous.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EnvSummary } from '../../../server/src/protocol';
import { envKey, projectDir, type Workbench } from '../workbench';

type Arg = unknown;

function isEnvHolder(a: Arg): a is { env: EnvSummary } {
  return typeof a === 'object' && a !== null && 'env' in a && typeof (a as { env: unknown }).env === 'object';
}

/** Envs whose project contains the path (nearest atlas.hcl first). */
export function envsForPath(wb: Workbench, fsPath: string): EnvSummary[] {
  const owning = wb.envs.filter((e) => fsPath.startsWith(projectDir(e) + path.sep) || fsPath === projectDir(e));
  return owning.sort((a, b) => projectDir(b).length - projectDir(a).length);
}

export async function pickEnv(wb: Workbench, arg: Arg, purpose: string, filter: (e: EnvSummary) => boolean = () => true): Promise<EnvSummary | undefined> {
  if (wb.envs.length === 0) await wb.refresh();
  if (isEnvHolder(arg)) return arg.env;
  if (typeof arg === 'object' && arg !== null && 'projectUri' in arg && 'name' in arg) return arg as EnvSummary;
  let candidates = wb.envs.filter(filter);
  if (arg instanceof vscode.Uri) {
    const near = envsForPath(wb, arg.fsPath).filter(filter);
    if (near.length) candidates = near.filter((e) => projectDir(e) === projectDir(near[0]));
  }
  if (candidates.length === 0) {
    void wb.fail(`no env found for ${purpose}: add an env block to atlas.hcl`);
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const active = wb.active();
  const items = candidates
    .map((e) => ({
      label: e.name,
      description: e.url ?? '',
      detail: vscode.workspace.asRelativePath(vscode.Uri.parse(e.projectUri)),
      env: e,
      picked: active ? envKey(active) === envKey(e) : false,
    }))
    .sort((a, b) => Number(b.picked) - Number(a.picked));
  return (await vscode.window.showQuickPick(items, { title: `Atlas: env for ${purpose}`, ignoreFocusOut: true }))?.env;
}
