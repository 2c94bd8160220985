// "Apply up to here" (code lens / Migrations tree): applies the pending files up to and including this one.
import * as vscode from 'vscode';
import type { MigrationFileInfo } from '../../../server/src/protocol';
import { envKey } from '../workbench';
import { applyFlow } from './migrateApply';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.applyUpTo';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const file = arg instanceof vscode.Uri ? arg.fsPath : (arg as { file?: MigrationFileInfo } | undefined)?.file?.path;
  if (!file) return false;
  const candidates = c.wb.envs.filter((e) => c.wb.statuses.get(envKey(e))?.files.some((f) => f.path === file && f.state === 'pending'));
  const env =
    candidates.length === 1
      ? candidates[0]
      : (
          await vscode.window.showQuickPick(
            candidates.map((e) => ({ label: e.name, env: e })),
            { title: 'Apply up to here on env' },
          )
        )?.env;
  if (!env) return false;
  const pending = c.wb.statuses.get(envKey(env))!.files.filter((f) => f.state === 'pending');
  const amount = pending.findIndex((f) => f.path === file) + 1;
  return amount > 0 ? applyFlow(c, env, amount) : false;
};
