// Migrate Apply: the plan first (atlas/planApply, shown as a read-only document), optional lint gate, modal
// confirmation naming the env (type the name for production envs), then atlas/applyPlan with exactly that plan:
// the server refuses (kind planChanged, nothing applied) when the folder or the database moved in between.
import * as vscode from 'vscode';
import { ApplyPlanRequest, LintRequest, PlanApplyRequest, type ApplyPlanResult, type EnvSummary } from '../../../server/src/protocol';
import { pickEnv } from './envArg';
import { confirmOnEnv, type Ctx } from './engine';
import { gateOutcome } from '../lintRequests';
export const id = 'atlasWorkbench.migrateApply';

/** Where a cancelled apply stopped, for the message: the file and the statement, and what was kept. */
export function cancelledWhere(s: NonNullable<ApplyPlanResult['cancelled']>): string {
  if (s.statement === undefined) return `before ${s.file} (the files before it are applied)`;
  const kept = s.rolledBack ? `; ${s.file} was rolled back` : `; statements 1–${s.statement} of it stay applied and the next apply resumes there`;
  return `in ${s.file} before statement ${s.statement + 1} of ${s.total ?? '?'}${kept}`;
}

export async function applyFlow(c: Ctx, env: EnvSummary, amount?: number): Promise<boolean> {
  const planned = await c.wb.operate(`Migrate Apply (dry run) (${env.name})`, PlanApplyRequest, env, amount !== undefined ? { amount } : {});
  if (!planned) return false;
  if (planned.error || !planned.plan) {
    await c.wb.fail(planned.error ?? 'Migrate Apply (dry run) failed');
    return false;
  }
  const plan = planned.plan;
  if (plan.files.length === 0) {
    void vscode.window.showInformationMessage(`Atlas: "${env.name}" is up to date: no migration files to execute.`);
    return false;
  }
  await c.docs.show(`apply-plan-${env.name}.sql`, `-- Dry run of "migrate apply" on env ${env.name} (nothing was executed)\n${planned.output}`, {
    preview: false,
  });
  const gate =
    vscode.workspace.getConfiguration('atlasWorkbench', vscode.Uri.parse(env.projectUri)).get<Record<string, string>>('lintGate', {})[env.name] ?? 'off';
  if (gate !== 'off') {
    // Lints exactly the files this apply runs (the server plans them as apply does); unfinished lint blocks.
    const lint = await c.wb.operate(`Migrate Lint (apply gate) (${env.name})`, LintRequest, env, { pending: amount !== undefined ? { amount } : {} });
    const g = gateOutcome(gate, env.name, lint);
    if (g.report) await c.docs.show(`lint-${env.name}.txt`, g.report);
    if (g.action === 'block') {
      void vscode.window.showErrorMessage(g.message);
      return false;
    }
    if (g.action === 'ask' && (await vscode.window.showWarningMessage(g.message, { modal: true }, 'Apply Anyway')) !== 'Apply Anyway') return false;
  }
  if (
    !(await confirmOnEnv(
      env,
      'Apply',
      `${plan.files.length} migration file(s) shown in the dry-run plan will be executed on env "${env.name}" (${env.url ?? 'no url'}).`,
    ))
  )
    return false;
  const r = await c.wb.operate(`Migrate Apply (${env.name})`, ApplyPlanRequest, env, { plan });
  if (r?.cancelled)
    void vscode.window
      .showWarningMessage(`Atlas: Apply on "${env.name}" cancelled ${cancelledWhere(r.cancelled)}.`, 'Show Log')
      .then((p) => p && c.wb.log.channel.show(true));
  else if (r?.error)
    await c.wb.fail(r.stoppedAt && r.error.kind !== 'planChanged' ? { ...r.error, message: `stopped at version ${r.stoppedAt}: ${r.error.message}` } : r.error);
  else if (r?.summary) void vscode.window.setStatusBarMessage(`$(check) ${r.summary}`, 5000);
  await c.wb.refresh();
  return r !== undefined && !r.error;
}

export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'apply', (e) => e.url !== undefined);
  return env ? applyFlow(c, env) : false;
};
