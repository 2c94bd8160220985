// Set Database Password: stored in SecretStorage under a variable name the env's URL reads with getenv()
// (e.g. `url = "postgres://app:${getenv("DB_PASSWORD")}@host/db"`); injected into engine requests only.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { getenvNames } from '../secrets';
import { projectDir } from '../workbench';
import { pickEnv } from './envArg';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.setPassword';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg ?? c.wb.active(), 'password');
  if (!env) return;
  let text = '';
  try {
    text = fs.readFileSync(vscode.Uri.parse(env.projectUri).fsPath, 'utf8');
  } catch {
    /* unreadable: fall back to default name */
  }
  const names = getenvNames(text);
  const guess = names.find((n) => /pass|pwd|secret/i.test(n)) ?? 'PGPASSWORD';
  const name = await vscode.window.showInputBox({
    title: `Password for env "${env.name}"`,
    prompt: 'Variable the URL reads with getenv() (kept in SecretStorage, never in settings)',
    value: guess,
  });
  if (!name) return;
  const value = await vscode.window.showInputBox({ title: `Password for env "${env.name}"`, prompt: `Value of ${name}`, password: true, ignoreFocusOut: true });
  if (value === undefined) return;
  await c.wb.secrets.set(projectDir(env), name, value);
  c.wb.log.forget([value]);
  c.wb.log.info(`stored ${name} for ${env.name} in SecretStorage`);
  await c.wb.refresh();
};
