// Set Environment Variable: gives an unset getenv() variable a value, kept in SecretStorage for this project.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { getenvNames } from '../secrets';
import { projectDir } from '../workbench';
import { pickEnv } from './envArg';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.setEnvVariable';
export const handler = (c: Ctx) => async (arg?: unknown, nameArg?: string, valueArg?: string) => {
  const env = await pickEnv(c.wb, arg ?? c.wb.envs.find((e) => e.unresolved) ?? c.wb.active(), 'environment variable');
  if (!env) return;
  let text = '';
  try {
    text = fs.readFileSync(vscode.Uri.parse(env.projectUri).fsPath, 'utf8');
  } catch {
    /* no file */
  }
  const name =
    nameArg ?? (await vscode.window.showQuickPick([...new Set([...(env.unsetVariables ?? []), ...getenvNames(text)])], { title: 'Variable read by getenv()' }));
  if (!name) return;
  const value =
    valueArg ??
    (await vscode.window.showInputBox({
      title: `Value of ${name}`,
      prompt: 'Kept in SecretStorage for this project and passed to the engine; never written to settings',
      password: /pass|secret|url|dsn/i.test(name),
      ignoreFocusOut: true,
    }));
  if (value === undefined) return;
  await c.wb.secrets.set(projectDir(env), name, value);
  c.wb.log.forget([value]);
  await c.wb.refresh();
};
