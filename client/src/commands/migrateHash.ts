// Migrate Hash: re-computes atlas.sum for an env's folder (or a right-clicked folder) through atlas/hash.
import * as vscode from 'vscode';
import { HashRequest } from '../../../server/src/protocol';
import { pickEnv } from './envArg';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.migrateHash';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'hash');
  if (!env) return undefined;
  const r = await c.wb.operate(`Migrate Hash (${env.name})`, HashRequest, env, arg instanceof vscode.Uri ? { dir: arg.fsPath } : {});
  void c.wb.refresh();
  if (r?.error) await c.wb.fail(r.error);
  else if (r) void vscode.window.setStatusBarMessage(`$(check) atlas.sum updated (${env.name})`, 4000);
  return r;
};
