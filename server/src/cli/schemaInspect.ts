// `atlas-wb schema inspect --url URL [--dev-url URL] [--format '{{ sql . }}' | '{{ json . }}' | '{{ mermaid . }}']`:
// default output is Atlas HCL; `sql` prints the CREATE statements (unqualified in schema scope).
import nodePath from 'node:path';
import { devUrlOf, parseArgs, str, strs } from './args';
import { UserError, type CliCommand } from './io';
import { envFromFlags, projectFlagSpec } from './project';
import { missingUrlReason } from '../config/unsetGetenv';
import { loadState, SourceError, urlScope } from '../migrate/diffSource';
import { diff, DiffError } from '../schema/diff';
import { emptySchema, type Realm } from '../schema/model';
import { planText } from '../schema/plan';
import { inspectJson } from '../schema/json';
import { mermaidErd } from '../schema/erd';
import { inspectHcl } from '../schema/hcl';

export const usage = "atlas-wb schema inspect --url URL [--dev-url URL] [--schema S] [--exclude PATTERN] [--format '{{ sql . }}'|'{{ json . }}'|'{{ mermaid . }}'] [--env NAME]";

/** The Go-template forms Atlas users pass to --format, parsed. */
export function parseFormat(format: string | undefined): { kind: 'hcl' | 'sql' | 'json' | 'mermaid'; indent?: string } {
  if (format === undefined || format.trim() === '') return { kind: 'hcl' };
  const m = /^\{\{\s*(sql|json|mermaid)\s+\.\s*(?:"([^"]*)"\s*)?\}\}$/.exec(format.trim());
  if (!m) throw new UserError(`unsupported --format ${JSON.stringify(format)}: use '{{ sql . }}', '{{ sql . "  " }}', '{{ json . }}' or '{{ mermaid . }}'`);
  return { kind: m[1] as 'sql' | 'json' | 'mermaid', indent: m[2] };
}

/** CREATE statements of a whole model, as `{{ sql . }}` prints them. */
export function modelSql(realm: Realm, indent?: string): string {
  const empty: Realm = { schemas: realm.schemas.map((s) => emptySchema(s.name)), extensions: [], scope: realm.scope };
  const changes = diff(realm.scope ? empty : { schemas: [], extensions: [] }, realm, { schemaScope: !!realm.scope });
  return planText(changes, { indent });
}

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, { url: { type: 'string', short: 'u' }, 'dev-url': { type: 'string' }, format: { type: 'string' }, schema: { type: 'strings', short: 's' }, exclude: { type: 'strings' }, ...projectFlagSpec });
  const env = await envFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') });
  const url = str(p, 'url') ?? env?.url;
  if (!url) throw new UserError(env ? `env "${env.name ?? str(p, 'env')}": ${missingUrlReason(env)}` : 'required flag(s) "url" not set');
  const format = parseFormat(str(p, 'format') ?? env?.format['schema.inspect']);
  let realm: Realm;
  try {
    // URLs from the env (or env://…) are relative to atlas.hcl's folder, flag URLs to the working directory.
    const fromEnv = env && (str(p, 'url') === undefined || url.startsWith('env://'));
    realm = await loadState([url], { cwd: fromEnv ? nodePath.dirname(env.configPath) : io.cwd, devUrl: devUrlOf(p, env, io), env, environ: io.env });
  } catch (e) {
    if (e instanceof SourceError) throw new UserError(e.message);
    throw e;
  }
  const only = strs(p, 'schema');
  if (only.length) realm = { ...realm, schemas: realm.schemas.filter((s) => only.includes(s.name)) };
  const exclude = [...strs(p, 'exclude'), ...(env?.exclude ?? [])];
  if (exclude.length) {
    const { applyExclude } = await import('../schema/inspect');
    applyExclude(realm, exclude);
  }
  if (urlScope(url) && !realm.scope) realm.scope = urlScope(url);
  try {
    if (format.kind === 'json') io.out(JSON.stringify(inspectJson(realm)));
    else if (format.kind === 'mermaid') io.out(mermaidErd(realm));
    else if (format.kind === 'sql') io.out(modelSql(realm, format.indent));
    else io.out(inspectHcl(realm));
  } catch (e) {
    if (e instanceof DiffError) throw new UserError(e.message);
    throw e;
  }
  return 0;
};
