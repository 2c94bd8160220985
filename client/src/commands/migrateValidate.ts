// Migrate Validate: checks atlas.sum and replays the folder on the dev database (atlas/validate).
import * as vscode from 'vscode';
import { ValidateRequest } from '../../../server/src/protocol';
import { pickEnv } from './envArg';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.migrateValidate';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'validate');
  if (!env) return undefined;
  const r = await c.wb.operate(`Migrate Validate (${env.name})`, ValidateRequest, env, {});
  void c.wb.refresh();
  if (r?.error) await c.wb.fail(r.error);
  else if (r) void vscode.window.showInformationMessage(`Atlas: the migration folder of "${env.name}" is valid.`);
  return r;
};
