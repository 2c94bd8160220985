// Migrate Hash: re-computes atlas.sum for an env's folder (or a right-clicked folder).
import * as vscode from 'vscode';
import { pickEnv } from './envArg';
import { fileUrl, migrationDir, runForEnv, type Ctx } from './engine';
export const id = 'atlasWorkbench.migrateHash';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'hash');
  if (!env) return undefined;
  const dir = arg instanceof vscode.Uri ? arg.fsPath : migrationDir(env);
  const r = await runForEnv(c, env, 'Migrate Hash', ['migrate', 'hash', '--dir', fileUrl(env, dir)]);
  if (r?.exitCode === 0) void vscode.window.setStatusBarMessage(`$(check) atlas.sum updated (${env.name})`, 4000);
  return r;
};
