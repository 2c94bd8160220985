// Engine API for the declarative workflow: `schema apply` (plan the changes from a database to a desired state,
// then run them, in one transaction with tx-mode `file`) and `schema clean` (drop everything the connection
// sees). Returns data; the CLI renders Atlas's texts and asks for approval.
import { createHash } from 'node:crypto';
import type { AnalyzerConfig, ResolvedEnv } from '../config/types';
import { openDatabase } from '../db/connect';
import { urlScope } from '../migrate/diffSource';
import type { Change } from '../schema/change';
import { diff } from '../schema/diff';
import { inspect } from '../schema/inspect';
import { emptySchema, type Realm } from '../schema/model';
import { planStatements } from '../schema/plan';
import type { PlanFinding } from '../lint/planLint';
import { EngineError, toEngineError } from './errors';
import { modelSql } from './inspect';
import { schemaDiff } from './schemaDiff';

export interface SchemaApplyPlanInput {
  url: string;
  to: string[];
  devUrl?: string;
  env?: ResolvedEnv;
  cwd: string;
  environ: Record<string, string | undefined>;
  schemas?: string[];
  exclude?: string[];
  /** lint settings per analyzer (default: the env's `lint` block); `false` skips the lint of the plan */
  lint?: Record<string, AnalyzerConfig> | false;
}

export interface SchemaPlan {
  changes: Change[];
  /** one statement per change, CREATE TABLE broken over lines with two-space indentation (Atlas's plan options) */
  statements: string[];
  /** findings of the plan's lint on the current database's state (empty when synced or not linted) */
  lint: PlanFinding[];
  /** fingerprint of the database state the plan starts from (sha256 of the inspected model) */
  current: string;
}

export type TxMode = 'file' | 'none';

export interface ApplyOutcome {
  applied: number;
  error?: { statement: string; message: string };
}

/** The changes that bring the database at `url` to the desired state. */
export async function planSchemaApply(i: SchemaApplyPlanInput): Promise<SchemaPlan> {
  const r = await schemaDiff({
    from: [i.url],
    to: i.to,
    devUrl: i.devUrl,
    env: i.env,
    fromCwd: i.cwd,
    toCwd: i.cwd,
    environ: i.environ,
    indent: '  ',
    schemas: i.schemas,
    exclude: i.exclude,
  });
  const statements = planStatements(r.changes, { indent: '  ' });
  const current = createHash('sha256').update(JSON.stringify(r.from)).digest('hex');
  if (i.lint === false || !statements.length) return { changes: r.changes, statements, lint: [], current };
  const [{ initSqlParser }, { lintPlan }] = await Promise.all([import('../sql/parser'), import('../lint/planLint')]);
  await initSqlParser();
  const lint = lintPlan(modelSql(r.from), statements, i.lint ?? i.env?.lint.analyzers ?? {});
  return { changes: r.changes, statements, lint, current };
}

/** The changes that drop every object of the database (or of the URL's schema). */
export async function planSchemaClean(url: string): Promise<SchemaPlan> {
  try {
    const db = await openDatabase(url);
    let current: Realm;
    try {
      current = await inspect(db, { schema: db.schema });
    } finally {
      await db.close();
    }
    const scope = urlScope(url);
    const empty: Realm = scope ? { schemas: current.schemas.map((s) => emptySchema(s.name)), extensions: [], scope } : { schemas: [], extensions: [] };
    const changes = diff(current, empty, { schemaScope: !!scope });
    return { changes, statements: planStatements(changes), lint: [], current: '' };
  } catch (e) {
    throw toEngineError(e);
  }
}

/** Runs planned statements on the database; tx-mode `file` wraps them in one transaction (all or nothing). */
export async function runSchemaPlan(url: string, statements: string[], txMode: TxMode): Promise<ApplyOutcome> {
  if (txMode !== 'file' && txMode !== 'none') throw new EngineError('invalidInput', `unknown tx-mode ${JSON.stringify(txMode)}`);
  const db = await openDatabase(url).catch((e: unknown) => {
    throw toEngineError(e);
  });
  let applied = 0;
  try {
    if (txMode === 'file') await db.exec('BEGIN');
    for (const st of statements) {
      try {
        await db.exec(st);
        applied++;
      } catch (e) {
        if (txMode === 'file') await db.exec('ROLLBACK').catch(() => undefined);
        return { applied: txMode === 'file' ? 0 : applied, error: { statement: st, message: (e as Error).message } };
      }
    }
    if (txMode === 'file') await db.exec('COMMIT');
    return { applied };
  } finally {
    await db.close();
  }
}
