// Schema Inspect: the env's database schema as SQL (atlas/inspect) in a read-only document.
import { InspectRequest } from '../../../server/src/protocol';
import { pickEnv } from './envArg';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.schemaInspect';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'inspect', (e) => e.url !== undefined);
  if (!env) return undefined;
  const r = await c.wb.operate(`Schema Inspect (${env.name})`, InspectRequest, env, { source: 'url', format: 'sql' });
  if (!r) return undefined;
  if (r.error) {
    await c.wb.fail(r.error);
    return r;
  }
  await c.docs.show(`schema-${env.name}.sql`, r.output);
  return r;
};
