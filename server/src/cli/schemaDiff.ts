// `atlas-wb schema diff --from URL --to URL [--dev-url URL] [--format '{{ sql . "  " }}']`: prints the plan
// in Atlas's migration format, or `Schemas are synced, no changes to be made.`
import nodePath from 'node:path';
import { devUrlOf, parseArgs, str, strs } from './args';
import { UserError, type CliCommand } from './io';
import { envFromFlags, projectFlagSpec } from './project';
import { schemaDiff, SYNCED_SCHEMAS } from '../engine/schemaDiff';
import { planText } from '../schema/plan';
import { parseFormat } from './schemaInspect';

export const usage = 'atlas-wb schema diff --from URL --to URL [--dev-url URL] [--env NAME] [--format \'{{ sql . "  " }}\']';
export { SYNCED_SCHEMAS };

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, {
    from: { type: 'strings' },
    to: { type: 'strings' },
    'dev-url': { type: 'string' },
    format: { type: 'string' },
    ...projectFlagSpec,
  });
  const env = await envFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') });
  const from = strs(p, 'from').length ? strs(p, 'from') : env?.url ? [env.url] : [];
  const to = strs(p, 'to').length ? strs(p, 'to') : (env?.src ?? []);
  const devUrl = devUrlOf(p, env, io);
  let indent: string | undefined;
  // URLs from the env (or env://…) are relative to atlas.hcl's folder, flag URLs to the working directory.
  const cwdFor = (flag: string, urls: string[]) => (env && (!strs(p, flag).length || urls[0].startsWith('env://')) ? nodePath.dirname(env.configPath) : io.cwd);
  const r = await schemaDiff({
    from,
    to,
    devUrl,
    env,
    fromCwd: cwdFor('from', from),
    toCwd: cwdFor('to', to),
    environ: io.env,
    beforeLoad: () => {
      const format = parseFormat(str(p, 'format') ?? env?.format['schema.diff']);
      if (format.kind !== 'sql' && format.kind !== 'hcl') throw new UserError("schema diff supports only --format '{{ sql . }}'");
      indent = format.indent;
    },
  });
  io.out(r.changes.length ? planText(r.changes, { indent }) : `${SYNCED_SCHEMAS}\n`);
  return 0;
};
