// Schema Inspect: the env's database schema as SQL in a read-only document.
import { pickEnv } from './envArg';
import { runForEnv, type Ctx } from './engine';
export const id = 'atlasWorkbench.schemaInspect';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'inspect', (e) => e.url !== undefined);
  if (!env) return undefined;
  const r = await runForEnv(c, env, 'Schema Inspect', ['schema', 'inspect', '--url', 'env://url', '--format', '{{ sql . }}'], { refresh: false });
  if (r?.exitCode === 0) await c.docs.show(`schema-${env.name}.sql`, r.stdout);
  return r;
};
