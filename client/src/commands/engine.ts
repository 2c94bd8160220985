// Shared command plumbing: the command context, an env's migration folder, confirmation on an env.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EnvSummary } from '../../../server/src/protocol';
import { isProductionEnv, projectDir, type Workbench } from '../workbench';

export interface Ctx {
  wb: Workbench;
  docs: import('../documents').OutputDocuments;
  extensionUri: vscode.Uri;
}

/** Migration folder of an env as an absolute path (the server resolves it; `migrations` beside atlas.hcl by default). */
export function migrationDir(env: EnvSummary): string {
  return env.migrationPath ?? path.join(projectDir(env), 'migrations');
}

/** Modal confirmation naming the env; for production envs the user must type the env name. */
export async function confirmOnEnv(env: EnvSummary, action: string, detail: string): Promise<boolean> {
  if (isProductionEnv(env)) {
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
