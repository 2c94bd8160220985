// Migrate Down: reverts applied migrations (dry-run plan first, then a confirmation naming the env).
import * as vscode from 'vscode';
import { pickEnv } from './envArg';
import { confirmOnEnv, runForEnv, type Ctx } from './engine';
export const id = 'atlasWorkbench.migrateDown';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'down', (e) => e.url !== undefined);
  if (!env) return undefined;
  const amount = await vscode.window.showInputBox({ title: `Migrate Down on "${env.name}"`, prompt: 'How many applied migrations to revert', value: '1', validateInput: (v) => (/^[1-9]\d*$/.test(v) ? undefined : 'a positive number') });
  if (!amount) return undefined;
  const plan = await runForEnv(c, env, 'Migrate Down (dry run)', ['migrate', 'down', amount, '--dry-run'], { refresh: false });
  if (!plan || plan.exitCode !== 0) return undefined;
  await c.docs.show(`down-plan-${env.name}.sql`, plan.stdout, { preview: false });
  const destructive = /destructive/i.test(plan.stdout);
  if (!(await confirmOnEnv(env, 'Revert', `${amount} migration(s) will be reverted on "${env.name}" as shown in the plan${destructive ? '; the plan DROPS objects (data is lost)' : ''}.`))) return undefined;
  // The user saw the plan and confirmed it, which is what --allow-destructive stands for on the command line.
  return runForEnv(c, env, 'Migrate Down', ['migrate', 'down', amount, ...(destructive ? ['--allow-destructive'] : [])]);
};
