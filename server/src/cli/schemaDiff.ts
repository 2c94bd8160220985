// `atlas-wb schema diff --from URL --to URL [--dev-url URL] [--format '{{ sql . "  " }}']`: prints the plan
// in Atlas's migration format, or `Schemas are synced, no changes to be made.`
import nodePath from 'node:path';
import { devUrlOf, parseArgs, str, strs } from './args';
import { UserError, type CliCommand } from './io';
import { envFromFlags, projectFlagSpec } from './project';
import { loadState, SourceError, urlScope } from '../migrate/diffSource';
import { diff, DiffError } from '../schema/diff';
import { planText } from '../schema/plan';
import { parseFormat } from './schemaInspect';

export const usage = 'atlas-wb schema diff --from URL --to URL [--dev-url URL] [--env NAME] [--format \'{{ sql . "  " }}\']';
export const SYNCED_SCHEMAS = 'Schemas are synced, no changes to be made.';

const isDb = (u: string) => /^(postgres|postgresql|pglite):\/\//i.test(u);

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, { from: { type: 'strings' }, to: { type: 'strings' }, 'dev-url': { type: 'string' }, format: { type: 'string' }, ...projectFlagSpec });
  const env = await envFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') });
  const from = strs(p, 'from').length ? strs(p, 'from') : env?.url ? [env.url] : [];
  const to = strs(p, 'to').length ? strs(p, 'to') : env?.src ?? [];
  if (!from.length) throw new UserError('required flag(s) "from" not set');
  if (!to.length) throw new UserError('required flag(s) "to" not set');
  const devUrl = devUrlOf(p, env, io);
  const scopeOf = (urls: string[]) => (isDb(urls[0]) ? urlScope(urls[0]) : devUrl ? urlScope(devUrl) : undefined);
  const fromScope = scopeOf(from);
  const toScope = scopeOf(to);
  if (fromScope !== undefined && toScope === undefined && isDb(to[0])) throw new UserError(`cannot diff a schema ${JSON.stringify(fromScope)} with a database connection. See: https://atlasgo.io/url`);
  if (fromScope === undefined && toScope !== undefined && isDb(from[0])) throw new UserError(`cannot diff a database connection with a schema ${JSON.stringify(toScope)}. See: https://atlasgo.io/url`);
  const format = parseFormat(str(p, 'format') ?? env?.format['schema.diff']);
  if (format.kind !== 'sql' && format.kind !== 'hcl') throw new UserError('schema diff supports only --format \'{{ sql . }}\'');
  // URLs from the env (or env://…) are relative to atlas.hcl's folder, flag URLs to the working directory.
  const ctxFor = (flag: string, urls: string[]) => ({
    cwd: env && (!strs(p, flag).length || urls[0].startsWith('env://')) ? nodePath.dirname(env.configPath) : io.cwd, devUrl, env, environ: io.env,
  });
  try {
    const a = await loadState(from, ctxFor('from', from));
    const b = await loadState(to, ctxFor('to', to));
    const changes = diff(a, b, { schemaScope: fromScope !== undefined && toScope !== undefined });
    io.out(changes.length ? planText(changes, { indent: format.indent }) : `${SYNCED_SCHEMAS}\n`);
  } catch (e) {
    if (e instanceof SourceError || e instanceof DiffError) throw new UserError(e.message);
    throw e;
  }
  return 0;
};
