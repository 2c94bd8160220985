// Migrate Status: `migrate status` for an env; text report in a read-only document, trees refreshed.
import { pickEnv } from './envArg';
import { runForEnv, type Ctx } from './engine';
export const id = 'atlasWorkbench.migrateStatus';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg ?? c.wb.active(), 'status');
  if (!env) return undefined;
  const r = await runForEnv(c, env, 'Migrate Status', ['migrate', 'status']);
  if (r?.exitCode === 0) await c.docs.show(`status-${env.name}.txt`, r.stdout);
  return r;
};
