// Migrate Apply: dry-run plan first (read-only document), optional lint gate, modal confirmation naming the env
// (type the name for production envs), then apply and refresh.
import * as vscode from 'vscode';
import type { EnvSummary } from '../../../server/src/protocol';
import { pickEnv } from './envArg';
import { confirmOnEnv, runForEnv, type Ctx } from './engine';
import { gateOutcome, lintGateArgv } from '../lintRequests';
export const id = 'atlasWorkbench.migrateApply';

export async function applyFlow(c: Ctx, env: EnvSummary, amount?: number): Promise<boolean> {
  const extra = amount !== undefined ? [String(amount)] : [];
  const plan = await runForEnv(c, env, 'Migrate Apply (dry run)', ['migrate', 'apply', ...extra, '--dry-run'], { refresh: false });
  if (!plan || plan.exitCode !== 0) return false;
  if (/No migration files to execute/.test(plan.stdout)) { void vscode.window.showInformationMessage(`Atlas: "${env.name}" is up to date: no migration files to execute.`); return false; }
  await c.docs.show(`apply-plan-${env.name}.sql`, `-- Dry run of "migrate apply" on env ${env.name} (nothing was executed)\n${plan.stdout}`, { preview: false });
  const gate = vscode.workspace.getConfiguration('atlasWorkbench', vscode.Uri.parse(env.projectUri)).get<Record<string, string>>('lintGate', {})[env.name] ?? 'off';
  if (gate !== 'off') {
    // Lints exactly the files this apply runs (the server plans them as apply does); unfinished lint blocks.
    const lint = await runForEnv(c, env, 'Migrate Lint (apply gate)', lintGateArgv(amount), { quiet: true, refresh: false });
    const g = gateOutcome(gate, env.name, lint);
    if (g.report) await c.docs.show(`lint-${env.name}.txt`, g.report);
    if (g.action === 'block') { void vscode.window.showErrorMessage(g.message); return false; }
    if (g.action === 'ask' && (await vscode.window.showWarningMessage(g.message, { modal: true }, 'Apply Anyway')) !== 'Apply Anyway') return false;
  }
  const files = (plan.stdout.match(/-- migrating version/g) ?? []).length;
  if (!(await confirmOnEnv(env, 'Apply', `${files || 'The pending'} migration file(s) shown in the dry-run plan will be executed on env "${env.name}" (${env.url ?? 'no url'}).`))) return false;
  const r = await runForEnv(c, env, 'Migrate Apply', ['migrate', 'apply', ...extra]);
  if (r?.exitCode === 0) void vscode.window.setStatusBarMessage(`$(check) ${r.stdout.trim().split('\n')[0]}`, 5000);
  await c.wb.refresh();
  return r?.exitCode === 0;
}

export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'apply', (e) => e.url !== undefined);
  return env ? applyFlow(c, env) : false;
};
