// Migrate Validate: checks atlas.sum and replays the folder on the dev database.
import * as vscode from 'vscode';
import { pickEnv } from './envArg';
import { runForEnv, type Ctx } from './engine';
export const id = 'atlasWorkbench.migrateValidate';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'validate');
  if (!env) return undefined;
  const r = await runForEnv(c, env, 'Migrate Validate', ['migrate', 'validate']);
  if (r?.exitCode === 0) void vscode.window.showInformationMessage(`Atlas: the migration folder of "${env.name}" is valid.`);
  return r;
};
