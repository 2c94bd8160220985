// `migrate apply`: validate the folder, connect, lock, compute the pending files, read and split
// every one of them, then create the revisions table if needed, execute and return the report. Nothing is written
// to the target before the whole plan has been read. Used by the CLI and the LSP.
import nodePath from 'node:path';
import { openDatabase } from '../db/connect';
import { uncleanReason } from '../db/clean';
import type { Database } from '../db/types';
import type { MigrationDir, MigrationFile } from './dir';
import { CancelledError, executeFiles, fileTxMode, type AppliedFile, type TxMode } from './executor';
import { acquireLock, EXECUTE_LOCK } from './lock';
import { planApply, type ExecOrder, type Plan } from './pending';
import type { ApplyReport } from './report';
import { DEFAULT_REVISIONS_SCHEMA, RevisionStore, type Revision } from './revisions';
import { pgScannerOptions, SplitError, splitStatements } from './splitter';
import { checkDir, checksumErrorText } from './validate';

export interface ApplyOptions {
  url: string;
  dir: MigrationDir;
  amount?: number;
  /** apply pending files up to and including this version */
  toVersion?: string;
  dryRun?: boolean;
  baseline?: string;
  allowDirty?: boolean;
  txMode?: TxMode;
  execOrder?: ExecOrder;
  revisionsSchema?: string;
  lockTimeoutMs?: number;
  /** e.g. `env "prod"`: prefixes connection errors */
  label?: string;
  /** streamed per finished file (editor progress) */
  onFile?: (f: AppliedFile) => void;
  signal?: AbortSignal;
  /**
   * Called under the lock with what will run, before anything is written: the engine API checks a confirmed plan
   * here (throwing stops the apply with nothing written).
   */
  onPlanned?: (p: PlannedApply) => void;
}

/** What an apply is about to run: the recorded revisions, the pending files and the sum hash of every file. */
export interface PlannedApply {
  revisions: Revision[];
  pending: MigrationFile[];
  hashes: Map<string, string>;
}

/** An error after which the partial report should still be shown (e.g. a failing statement). */
export class ApplyError extends Error {
  constructor(
    message: string,
    readonly report?: ApplyReport,
    readonly preamble?: string,
    /** the run was cancelled: where it stopped */
    readonly cancelled?: { version: string; statement?: number; total?: number; rolledBack: boolean },
  ) {
    super(message);
  }
}

export function revisionsSchemaFor(db: Pick<Database, 'schema'>, flag?: string): string {
  return flag || db.schema || DEFAULT_REVISIONS_SCHEMA;
}

/** The sum hash (without h1:) of every file, by name. */
function hashesOf(dir: MigrationDir): Map<string, string> {
  const sum = dir.checksum();
  return new Map(sum.entries.map((e) => [e.name, e.hash]));
}

export async function migrateApply(o: ApplyOptions): Promise<ApplyReport> {
  const problem = checkDir(o.dir);
  if (problem) throw new ApplyError(problem.message, undefined, checksumErrorText(problem));
  const files = o.dir.files();
  const hashes = hashesOf(o.dir);
  const db = await openDatabase(o.url, { label: o.label });
  let release: (() => Promise<void>) | undefined;
  try {
    release = await acquireLock(db, EXECUTE_LOCK, o.lockTimeoutMs ?? 10_000, o.signal);
    const {
      store,
      revisions,
      plan: { pending, baseline, current },
    } = await planWith(db, files, o);
    // Every file of the plan is read and split before anything is written to the target.
    preflight(o.dir, pending, o.txMode ?? 'file');
    o.onPlanned?.({ revisions, pending, hashes });
    // A dry run writes nothing: no revisions schema or table (a missing table reads as no revisions), no baseline row.
    if (!o.dryRun) await store.migrate();
    if (baseline && !o.dryRun) await store.write(baseline);
    const startNs = process.hrtime.bigint();
    const start = new Date();
    const report: ApplyReport = {
      driver: 'postgres',
      url: o.url,
      schema: db.schema,
      dir: o.dir.url,
      pending,
      applied: [],
      current,
      target: pending[pending.length - 1]?.version ?? '',
      start,
      end: start,
      startNs,
      endNs: startNs,
    };
    if (pending.length === 0) return report;
    const res = await executeFiles(pending, {
      db,
      store,
      txMode: o.txMode ?? 'file',
      dryRun: o.dryRun ?? false,
      onFile: o.onFile,
      signal: o.signal,
      hashOf: (f) => hashes.get(f.name) ?? '',
    });
    report.applied = res.applied;
    report.endNs = process.hrtime.bigint();
    report.end = new Date();
    if (res.error) {
      report.error = res.error.message;
      const c = res.error instanceof CancelledError ? res.error : undefined;
      throw new ApplyError(
        res.error.message,
        report,
        undefined,
        c ? { version: c.version, statement: c.statement, total: c.total, rolledBack: c.rolledBack } : undefined,
      );
    }
    return report;
  } finally {
    if (release) await release().catch(() => undefined);
    await db.close();
  }
}

export type PlanOptions = Pick<ApplyOptions, 'url' | 'dir' | 'amount' | 'toVersion' | 'baseline' | 'allowDirty' | 'execOrder' | 'revisionsSchema' | 'label'>;

/** The revisions and the plan of a `migrate apply` on `db` (read only). */
async function planWith(db: Database, files: MigrationFile[], o: PlanOptions): Promise<{ store: RevisionStore; revisions: Revision[]; plan: Plan }> {
  const store = new RevisionStore(db, revisionsSchemaFor(db, o.revisionsSchema));
  await checkRevisionSchemaClarity(db, store, o.revisionsSchema);
  const revisions = await store.read();
  const plan = await planApply({
    files,
    revisions,
    baseline: o.baseline,
    allowDirty: o.allowDirty,
    execOrder: o.execOrder,
    amount: o.amount,
    toVersion: o.toVersion,
    uncleanReason: () => uncleanReason(db, db.schema, store.schema),
  });
  return { store, revisions, plan };
}

/**
 * What `migrate apply` with these options would run on the target, without running or writing anything: the
 * pending files in order, and the files whose changes the database already holds (recorded revisions, and the
 * files up to a first-run baseline). The lint gate before an apply lints exactly `pending` on top of `applied`.
 */
export async function planOnTarget(o: PlanOptions): Promise<{ pending: MigrationFile[]; applied: MigrationFile[] }> {
  const problem = checkDir(o.dir);
  if (problem) throw new ApplyError(problem.message, undefined, checksumErrorText(problem));
  const files = o.dir.files();
  const db = await openDatabase(o.url, { label: o.label });
  try {
    const { revisions, plan } = await planWith(db, files, o);
    const inDb = new Set(revisions.map((r) => r.version));
    const running = new Set(plan.pending.map((f) => f.name));
    const upToBaseline = plan.baseline ? files.findIndex((f) => f.version === plan.baseline!.version) : -1;
    const applied = files.filter((f, i) => !running.has(f.name) && (inDb.has(f.version) || i <= upToBaseline));
    return { pending: plan.pending, applied };
  } finally {
    await db.close();
  }
}

/**
 * Reads and splits every file of the plan (an unclosed dollar quote counts as unsplittable: the database would
 * reject it) and checks its tx mode, so a bad file stops the run before its first statement, naming
 * `<file>:<line>:<col>`.
 */
export function preflight(dir: MigrationDir, files: MigrationFile[], txMode: TxMode): void {
  for (const f of files) {
    const where = nodePath.join(dir.display, f.name);
    try {
      splitStatements(f.bytes, { ...pgScannerOptions, strictDollarQuote: true });
    } catch (e) {
      if (e instanceof SplitError) throw new ApplyError(`${where}:${e.message}`);
      throw e;
    }
    fileTxMode(f, txMode);
  }
}

/**
 * Atlas's guard: a schema-bound URL without --revisions-schema, no revisions table in the bound schema,
 * but one in the default `atlas_schema_revisions` schema (left by a realm-scoped run): refuse to guess.
 */
async function checkRevisionSchemaClarity(db: Database, store: RevisionStore, flag?: string): Promise<void> {
  if (!db.schema || flag || store.schema !== db.schema || db.schema === DEFAULT_REVISIONS_SCHEMA) return;
  if (await store.exists()) return;
  if (!(await new RevisionStore(db, DEFAULT_REVISIONS_SCHEMA).exists())) return;
  throw new ApplyError(
    'ambiguous revision table',
    undefined,
    `The connected schema ${JSON.stringify(db.schema)} has no revisions table, but the schema "${DEFAULT_REVISIONS_SCHEMA}" has one.\n` +
      `To use that table, pass --revisions-schema ${DEFAULT_REVISIONS_SCHEMA}; to start a new one in the connected schema,\n` +
      `pass --revisions-schema ${db.schema} (or drop the "${DEFAULT_REVISIONS_SCHEMA}" schema if it is unused).\n\n`,
  );
}
