// Engine API for `schema inspect` (and the ERD): the schema model of a database, a migration folder or schema files
// (replayed on the dev database), narrowed to schemas and exclude patterns, plus the renderings the editor shows.
import type { ResolvedEnv } from '../config/types';
import { loadState, SourceError, urlScope } from '../migrate/diffSource';
import { diff, DiffError } from '../schema/diff';
import { mermaidErd } from '../schema/erd';
import { inspectHcl } from '../schema/hcl';
import { emptySchema, type Realm } from '../schema/model';
import { planText } from '../schema/plan';
import { EngineError, toEngineError } from './errors';

export interface InspectInput {
  url: string;
  env?: ResolvedEnv;
  /** folder relative URLs resolve against */
  cwd: string;
  devUrl?: string;
  environ: Record<string, string | undefined>;
  /** keep only these schemas */
  schemas?: string[];
  /** Atlas's exclude patterns (`schema.table`, globs) */
  exclude?: string[];
}

export async function inspectState(i: InspectInput): Promise<Realm> {
  let realm: Realm;
  try {
    realm = await loadState([i.url], { cwd: i.cwd, devUrl: i.devUrl, env: i.env, environ: i.environ });
  } catch (e) {
    if (e instanceof SourceError) throw new EngineError('invalidInput', e.message);
    throw toEngineError(e);
  }
  if (i.schemas?.length) realm = { ...realm, schemas: realm.schemas.filter((s) => i.schemas!.includes(s.name)) };
  if (i.exclude?.length) {
    const { applyExclude } = await import('../schema/inspect');
    applyExclude(realm, i.exclude);
  }
  if (urlScope(i.url) && !realm.scope) realm.scope = urlScope(i.url);
  return realm;
}

/** CREATE statements of a whole model, as `{{ sql . }}` prints them. */
export function modelSql(realm: Realm, indent?: string): string {
  const empty: Realm = { schemas: realm.schemas.map((s) => emptySchema(s.name)), extensions: [], scope: realm.scope };
  try {
    const changes = diff(realm.scope ? empty : { schemas: [], extensions: [] }, realm, { schemaScope: !!realm.scope });
    return planText(changes, { indent });
  } catch (e) {
    if (e instanceof DiffError) throw new EngineError('invalidInput', e.message);
    throw e;
  }
}

/** The model as a Mermaid erDiagram (`{{ mermaid . }}`). */
export function modelErd(realm: Realm): string {
  return mermaidErd(realm);
}

/** The Go-template forms Atlas users pass to --format (and atlas.hcl's `format` block), parsed. */
export function parseFormat(format: string | undefined): { kind: 'hcl' | 'sql' | 'json' | 'mermaid'; indent?: string } {
  if (format === undefined || format.trim() === '') return { kind: 'hcl' };
  const m = /^\{\{\s*(sql|json|mermaid)\s+\.\s*(?:"([^"]*)"\s*)?\}\}$/.exec(format.trim());
  if (!m)
    throw new EngineError(
      'invalidInput',
      `unsupported --format ${JSON.stringify(format)}: use '{{ sql . }}', '{{ sql . "  " }}', '{{ json . }}' or '{{ mermaid . }}'`,
    );
  return { kind: m[1] as 'sql' | 'json' | 'mermaid', indent: m[2] };
}

/** The model in Atlas's HCL schema language (`schema inspect` without --format). */
export function modelHcl(realm: Realm): string {
  return inspectHcl(realm);
}
