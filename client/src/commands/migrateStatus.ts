// Migrate Status: the env's status (atlas/migrationStatus, the same request the Migrations view uses); Atlas's
// report in a read-only document, trees refreshed.
import { pickEnv } from './envArg';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.migrateStatus';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg ?? c.wb.active(), 'status');
  if (!env) return undefined;
  const s = await c.wb.status(env);
  void c.wb.refresh();
  // What ran and what it said, in the log like every other command (the output is masked by the log).
  c.wb.log.block(`migrate status on env ${env.name}${s.error ? ` failed (${s.failure?.kind ?? s.errorKind})` : ''}`, s.output ?? '');
  if (s.error) {
    await c.wb.fail(s.failure ?? s.error);
    return s;
  }
  await c.docs.show(`status-${env.name}.txt`, s.output ?? '');
  return s;
};
