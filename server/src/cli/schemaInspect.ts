// `atlas-wb schema inspect --url URL [--dev-url URL] [--format '{{ sql . }}' | '{{ json . }}' | '{{ mermaid . }}']`:
// default output is Atlas HCL; `sql` prints the CREATE statements (unqualified in schema scope).
import nodePath from 'node:path';
import { devUrlOf, parseArgs, str, strs } from './args';
import { UserError, type CliCommand } from './io';
import { envFromFlags, projectFlagSpec } from './project';
import { missingUrlReason } from '../config/unsetGetenv';
import { inspectState, modelErd, modelSql, parseFormat } from '../engine/inspect';
import { DiffError } from '../schema/diff';
import { inspectJson } from '../schema/json';
import { inspectHcl } from '../schema/hcl';

export const usage =
  "atlas-wb schema inspect --url URL [--dev-url URL] [--schema S] [--exclude PATTERN] [--format '{{ sql . }}'|'{{ json . }}'|'{{ mermaid . }}'] [--env NAME]";

export { parseFormat };

export { modelSql };

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, {
    url: { type: 'string', short: 'u' },
    'dev-url': { type: 'string' },
    format: { type: 'string' },
    schema: { type: 'strings', short: 's' },
    exclude: { type: 'strings' },
    ...projectFlagSpec,
  });
  const env = await envFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') });
  const url = str(p, 'url') ?? env?.url;
  if (!url) throw new UserError(env ? `env "${env.name ?? str(p, 'env')}": ${missingUrlReason(env)}` : 'required flag(s) "url" not set');
  const format = parseFormat(str(p, 'format') ?? env?.format['schema.inspect']);
  // URLs from the env (or env://…) are relative to atlas.hcl's folder, flag URLs to the working directory.
  const fromEnv = env && (str(p, 'url') === undefined || url.startsWith('env://'));
  const realm = await inspectState({
    url,
    env,
    cwd: fromEnv ? nodePath.dirname(env.configPath) : io.cwd,
    devUrl: devUrlOf(p, env, io),
    environ: io.env,
    schemas: strs(p, 'schema'),
    exclude: [...strs(p, 'exclude'), ...(env?.exclude ?? [])],
  });
  try {
    if (format.kind === 'json') io.out(JSON.stringify(inspectJson(realm)));
    else if (format.kind === 'mermaid') io.out(modelErd(realm));
    else if (format.kind === 'sql') io.out(modelSql(realm, format.indent));
    else io.out(inspectHcl(realm));
  } catch (e) {
    if (e instanceof DiffError) throw new UserError(e.message);
    throw e;
  }
  return 0;
};
