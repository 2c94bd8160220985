// Open in atlas.hcl: reveals the env block.
import * as vscode from 'vscode';
import { pickEnv } from './envArg';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.openEnv';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg ?? c.wb.active(), 'open');
  if (!env) return;
  const r = env.range;
  const sel = new vscode.Range(r.start.line, r.start.character, r.start.line, r.start.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(env.projectUri), { selection: sel });
};
