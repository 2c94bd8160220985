// Migrate Set: marks the database as being at a chosen version (atlas/set: the revisions table only).
import * as vscode from 'vscode';
import { SetRequest } from '../../../server/src/protocol';
import { envKey } from '../workbench';
import { pickEnv } from './envArg';
import { confirmOnEnv, type Ctx } from './engine';
export const id = 'atlasWorkbench.migrateSet';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'set', (e) => e.url !== undefined);
  if (!env) return undefined;
  const files = c.wb.statuses.get(envKey(env))?.files ?? [];
  const pick = await vscode.window.showQuickPick(
    files.map((f) => ({ label: f.version, description: f.description, detail: f.state })),
    { title: `Migrate Set: version for "${env.name}"` },
  );
  if (!pick) return undefined;
  if (
    !(await confirmOnEnv(
      env,
      'Set',
      `The revisions table of "${env.name}" will say version ${pick.label} is the current one. No SQL of the files is executed.`,
    ))
  )
    return undefined;
  const r = await c.wb.operate(`Migrate Set (${env.name})`, SetRequest, env, { version: pick.label });
  void c.wb.refresh();
  if (r?.error) await c.wb.fail(r.error);
  return r;
};
