// Migrate Down: the revert plan first (atlas/planDown, shown as a document), a confirmation naming the env that
// says when the plan drops objects, then atlas/applyDown with exactly that plan (refused when anything moved).
import * as vscode from 'vscode';
import { ApplyDownRequest, PlanDownRequest } from '../../../server/src/protocol';
import { pickEnv } from './envArg';
import { confirmOnEnv, type Ctx } from './engine';
export const id = 'atlasWorkbench.migrateDown';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'down', (e) => e.url !== undefined);
  if (!env) return undefined;
  const amount = await vscode.window.showInputBox({
    title: `Migrate Down on "${env.name}"`,
    prompt: 'How many applied migrations to revert',
    value: '1',
    validateInput: (v) => (/^[1-9]\d*$/.test(v) ? undefined : 'a positive number'),
  });
  if (!amount) return undefined;
  const planned = await c.wb.operate(`Migrate Down (dry run) (${env.name})`, PlanDownRequest, env, { amount: Number(amount) });
  if (!planned) return undefined;
  if (planned.error || !planned.plan) {
    await c.wb.fail(planned.error ?? 'Migrate Down (dry run) failed');
    return undefined;
  }
  const plan = planned.plan;
  await c.docs.show(`down-plan-${env.name}.sql`, planned.output, { preview: false });
  if (plan.reverted.length === 0) {
    void vscode.window.showInformationMessage(`Atlas: "${env.name}" has no applied migration to revert.`);
    return undefined;
  }
  if (
    !(await confirmOnEnv(
      env,
      'Revert',
      `${plan.reverted.length} migration(s) will be reverted on "${env.name}" as shown in the plan${plan.destructive ? '; the plan DROPS objects (data is lost)' : ''}.`,
    ))
  )
    return undefined;
  const r = await c.wb.operate(`Migrate Down (${env.name})`, ApplyDownRequest, env, { plan });
  if (r?.error) await c.wb.fail(r.error);
  void c.wb.refresh();
  return r;
};
