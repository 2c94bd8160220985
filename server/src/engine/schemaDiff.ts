// Engine API for `schema diff` (and the editor's drift check): load both states (databases, folders, SQL/HCL files,
// env:// references), diff them, and return the changes with their planned statements. No text decisions: the
// caller renders Atlas's output (`Schemas are synced, ...` when `changes` is empty).
import type { ResolvedEnv } from '../config/types';
import { loadState, SourceError, urlScope } from '../migrate/diffSource';
import type { Change } from '../schema/change';
import type { Realm } from '../schema/model';
import { diff, DiffError } from '../schema/diff';
import { planStatements, planText } from '../schema/plan';
import { EngineError, toEngineError } from './errors';

export interface SchemaDiffInput {
  from: string[];
  to: string[];
  devUrl?: string;
  env?: ResolvedEnv;
  /** folders relative URLs of each side resolve against */
  fromCwd: string;
  toCwd: string;
  environ: Record<string, string | undefined>;
  /** indentation of the rendered plan (`{{ sql . "  " }}`) */
  indent?: string;
  /** Atlas's --schema: only these schemas take part */
  schemas?: string[];
  /** Atlas's --exclude glob patterns, applied to both states */
  exclude?: string[];
  /** runs after the input checks and before anything loads (the CLI checks its --format there, in Atlas's order) */
  beforeLoad?: () => void;
}

export interface SchemaDiffResult {
  changes: Change[];
  /** one statement per change, in order */
  statements: string[];
  /** the plan in Atlas's migration format ('' when the schemas are synced) */
  text: string;
  /** the state the changes start from (after --schema and --exclude) */
  from: Realm;
}

/** Atlas's text when the two states are equal. */
export const SYNCED_SCHEMAS = 'Schemas are synced, no changes to be made.';

async function narrow(r: Realm, schemas: string[] | undefined, exclude: string[] | undefined): Promise<void> {
  if (schemas?.length) r.schemas = r.schemas.filter((s) => schemas.includes(s.name));
  if (exclude?.length) (await import('../schema/inspect')).applyExclude(r, exclude);
}

const isDb = (u: string) => /^(postgres|postgresql|pglite):\/\//i.test(u);

export async function schemaDiff(i: SchemaDiffInput): Promise<SchemaDiffResult> {
  if (!i.from.length) throw new EngineError('invalidInput', 'required flag(s) "from" not set');
  if (!i.to.length) throw new EngineError('invalidInput', 'required flag(s) "to" not set');
  const scopeOf = (urls: string[]) => (isDb(urls[0]) ? urlScope(urls[0]) : i.devUrl ? urlScope(i.devUrl) : undefined);
  const fromScope = scopeOf(i.from);
  const toScope = scopeOf(i.to);
  if (fromScope !== undefined && toScope === undefined && isDb(i.to[0]))
    throw new EngineError('invalidInput', `cannot diff a schema ${JSON.stringify(fromScope)} with a database connection. See: https://atlasgo.io/url`);
  if (fromScope === undefined && toScope !== undefined && isDb(i.from[0]))
    throw new EngineError('invalidInput', `cannot diff a database connection with a schema ${JSON.stringify(toScope)}. See: https://atlasgo.io/url`);
  i.beforeLoad?.();
  try {
    const a = await loadState(i.from, { cwd: i.fromCwd, devUrl: i.devUrl, env: i.env, environ: i.environ });
    const b = await loadState(i.to, { cwd: i.toCwd, devUrl: i.devUrl, env: i.env, environ: i.environ });
    for (const r of [a, b]) await narrow(r, i.schemas, i.exclude);
    const changes = diff(a, b, { schemaScope: fromScope !== undefined && toScope !== undefined });
    return { changes, statements: planStatements(changes), text: changes.length ? planText(changes, { indent: i.indent }) : '', from: a };
  } catch (e) {
    if (e instanceof SourceError || e instanceof DiffError) throw new EngineError('invalidInput', e.message);
    throw toEngineError(e);
  }
}
