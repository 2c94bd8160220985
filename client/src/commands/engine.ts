// Shared command plumbing: run an engine command for an env, report failures with actions, refresh after.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EnvSummary, RunCommandResult } from '../../../server/src/protocol';
import { DEFAULT_PRODUCTION_PATTERN, isProductionName } from '../productionPattern';
import { projectDir, type Workbench } from '../workbench';

export interface Ctx {
  wb: Workbench;
  docs: import('../documents').OutputDocuments;
  extensionUri: vscode.Uri;
}

/** Runs `argv` (+ `--env <name>`) in the env's project folder; on failure shows the error with actions. */
export async function runForEnv(
  c: Ctx,
  env: EnvSummary,
  title: string,
  argv: string[],
  opts: { refresh?: boolean; quiet?: boolean } = {},
): Promise<RunCommandResult | undefined> {
  let r: RunCommandResult;
  try {
    r = await c.wb.run(`${title} (${env.name})`, [...argv, '--env', env.name], projectDir(env));
  } catch (e) {
    if (e instanceof vscode.CancellationError || /cancel/i.test(String(e))) {
      c.wb.log.info(`${title}: cancelled`);
      return undefined;
    }
    await c.wb.fail(String(e instanceof Error ? e.message : e));
    return undefined;
  }
  if (opts.refresh !== false) void c.wb.refresh();
  if (r.exitCode !== 0 && !opts.quiet) await c.wb.fail((r.stderr || r.stdout || `${title} failed (exit ${r.exitCode})`).trim());
  return r;
}

/** `file://` URL of a path relative to the env's project folder (Atlas resolves it against the atlas.hcl folder). */
export function fileUrl(env: EnvSummary, fsPath: string): string {
  const rel = path.relative(projectDir(env), fsPath).split(path.sep).join('/');
  return `file://${rel || '.'}`;
}

/** Migration folder of an env as an absolute path. */
export function migrationDir(env: EnvSummary): string {
  return path.resolve(projectDir(env), (env.migrationDir ?? 'file://migrations').replace(/^file:\/\//, '').replace(/\?.*$/, ''));
}

export function isProduction(env: EnvSummary): boolean {
  const pattern = vscode.workspace
    .getConfiguration('atlasWorkbench', vscode.Uri.parse(env.projectUri))
    .get<string>('productionEnvPattern', DEFAULT_PRODUCTION_PATTERN);
  return isProductionName(env.name, pattern);
}

/** Modal confirmation naming the env; for production envs the user must type the env name. */
export async function confirmOnEnv(env: EnvSummary, action: string, detail: string): Promise<boolean> {
  if (isProduction(env)) {
    const typed = await vscode.window.showInputBox({
      title: `${action} on PRODUCTION env "${env.name}"`,
      prompt: `${detail}\nType the env name "${env.name}" to confirm.`,
      ignoreFocusOut: true,
      validateInput: (v) => (v === env.name ? undefined : `type "${env.name}" to confirm`),
    });
    return typed === env.name;
  }
  const ok = await vscode.window.showWarningMessage(`${action} on env "${env.name}"?`, { modal: true, detail }, action);
  return ok === action;
}
