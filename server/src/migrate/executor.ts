// Atlas's `Executor.Execute`: runs pending files statement by statement,
// recording progress in the revisions table, in transaction mode file (default), all or none.
import type { Queryable } from '../db/types';
import type { MigrationFile } from './dir';
import { newRevision, TYPE_EXECUTE, type Revision, type RevisionStore } from './revisions';
import { partialHashes } from './sum';

export type TxMode = 'file' | 'all' | 'none';

export function parseTxMode(v: string | undefined): TxMode {
  if (v === undefined || v === '' || v === 'file') return 'file';
  if (v === 'all' || v === 'none') return v;
  throw new Error(`unknown tx-mode ${JSON.stringify(v)}`);
}

export interface StmtError {
  Stmt: string;
  Text: string;
}

export interface AppliedFile {
  file: MigrationFile;
  start: Date;
  end: Date;
  startNs: bigint;
  endNs: bigint;
  /** statements skipped because a partial run already applied them */
  skipped: number;
  /** statements run (the failing one included) */
  applied: string[];
  error?: StmtError;
}

export class ExecError extends Error {}

/** The tx mode a file runs in, with Atlas's checks of `-- atlas:txmode` against the global mode. */
export function fileTxMode(file: MigrationFile, global: TxMode): TxMode {
  const m = file.txmode();
  if (m === '') return global;
  if (global === 'all')
    throw new ExecError(`cannot set txmode directive to ${JSON.stringify(m)} in ${JSON.stringify(file.name)} when txmode "all" is set globally`);
  return m;
}

export interface ExecuteOptions {
  db: Queryable;
  store: RevisionStore;
  /** atlas.sum hash of each file (without h1:) */
  hashOf: (file: MigrationFile) => string;
  txMode: TxMode;
  dryRun: boolean;
  /** called with each file result as soon as it is known */
  onFile?: (f: AppliedFile) => void;
  /**
   * Checked before each file and between the statements of a file. Between files the run just stops. Inside a file
   * that runs in a transaction the file is rolled back (its revision row stays as it was); without a transaction the
   * statements that ran stay applied and the revision row records them (applied count, and the cancel as its error,
   * as Atlas records a failed statement), so the next apply resumes at the first statement that did not run.
   */
  signal?: AbortSignal;
}

/** Where a cancelled run stopped: before `version` (statement `statement`, 0-based, when inside the file). */
export class CancelledError extends ExecError {
  constructor(
    readonly version: string,
    readonly rolledBack: boolean,
    /** index of the first statement of the file that did not run (undefined: the file did not start) */
    readonly statement?: number,
    /** the statements of the file */
    readonly total?: number,
  ) {
    const where = statement === undefined ? `before version ${version}` : `in version ${version} before statement ${statement + 1} of ${total}`;
    const kept = rolledBack ? ` (${statement === undefined ? 'every file of the run was' : 'the file was'} rolled back)` : '';
    super(`cancelled ${where}${kept}`);
  }
}

const now = () => process.hrtime.bigint();

/** Executes the files in order; returns what ran. The first error stops the run (its file carries it). */
export async function executeFiles(files: MigrationFile[], o: ExecuteOptions): Promise<{ applied: AppliedFile[]; error?: Error }> {
  const modes = files.map((f) => fileTxMode(f, o.txMode));
  const out: AppliedFile[] = [];
  const { db } = o;
  let inAll = false;
  try {
    if (o.txMode === 'all' && !o.dryRun) {
      await db.exec('BEGIN');
      inAll = true;
    }
    for (let i = 0; i < files.length; i++) {
      const mode = modes[i];
      if (o.signal?.aborted) {
        if (inAll) {
          inAll = false;
          await db.exec('ROLLBACK').catch(() => undefined);
          return { applied: out, error: new CancelledError(files[i].version, true) };
        }
        return { applied: out, error: new CancelledError(files[i].version, false) };
      }
      const inFileTx = mode === 'file' && !o.dryRun;
      if (inFileTx) await db.exec('BEGIN');
      const res = await executeFile(files[i], o, mode !== 'none');
      out.push(res.file);
      o.onFile?.(res.file);
      if (res.error) {
        if (inFileTx) await db.exec('ROLLBACK').catch(() => undefined);
        if (inAll) {
          inAll = false;
          await db.exec('ROLLBACK').catch(() => undefined);
        }
        if (res.error instanceof CancelledError && (inFileTx || o.txMode === 'all'))
          return { applied: out, error: new CancelledError(res.error.version, true, res.error.statement, res.error.total) };
        return { applied: out, error: res.error };
      }
      if (inFileTx) await db.exec('COMMIT');
    }
    if (inAll) {
      inAll = false;
      await db.exec('COMMIT');
    }
    return { applied: out };
  } catch (e) {
    if (inAll) await db.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

async function executeFile(file: MigrationFile, o: ExecuteOptions, transactional: boolean): Promise<{ file: AppliedFile; error?: Error }> {
  const startNs = now();
  const start = new Date();
  const stmts = file.stmts().map((s) => s.text);
  const hashes = partialHashes(stmts);
  const existing = o.dryRun ? await o.store.get(file.version).catch(() => undefined) : await o.store.get(file.version);
  const rev: Revision = existing
    ? { ...existing, type: existing.type | TYPE_EXECUTE, hash: o.hashOf(file), operatorVersion: newRevision('', '').operatorVersion }
    : newRevision(file.version, file.desc, { total: stmts.length, hash: o.hashOf(file), executedAt: start });
  if (rev.applied > 0) {
    for (let i = 0; i < rev.applied; i++) {
      const prev = rev.partialHashes?.[i];
      if (prev === undefined || prev !== hashes[i]) {
        throw new ExecError(`sql/migrate: history changed: statement ${i + 1} from file ${JSON.stringify(file.name)} changed`);
      }
    }
  }
  const skipped = rev.applied;
  const result: AppliedFile = { file, start, end: start, startNs, endNs: startNs, skipped, applied: [] };
  const write = async () => {
    if (o.dryRun) return;
    rev.executionTime = now() - startNs;
    await o.store.write(rev);
  };
  // The "started" mark. Inside a transaction every intermediate write is invisible and undone on error,
  // so only the final write matters there; in autocommit every step is recorded for resuming.
  if (!transactional) await write();
  // Without a file transaction, each statement commits together with the write that records it, so a
  // process killed between the two can neither lose the record nor run the statement again on resume.
  // Statements PostgreSQL refuses in a transaction block, and the file's own transaction control (and
  // what runs inside it, which commits with the file's COMMIT), run bare as Atlas runs them.
  let inFileOwnTx = false;
  for (let i = skipped; i < stmts.length; i++) {
    const text = stmts[i];
    if (i > skipped && o.signal?.aborted) {
      // Cancelled between two statements: nothing more runs. Without a transaction the row keeps the applied count.
      const cancelled = new CancelledError(file.version, false, i, stmts.length);
      rev.error = cancelled.message;
      rev.errorStmt = text;
      if (!transactional) await write();
      result.error = { Stmt: text, Text: cancelled.message };
      result.endNs = now();
      result.end = new Date();
      return { file: result, error: cancelled };
    }
    result.applied.push(text);
    const control = txControl(text);
    let open = false;
    try {
      if (!o.dryRun) {
        if (transactional || inFileOwnTx || control) await o.db.exec(text);
        else open = await execWithRecord(o.db, text);
      }
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      rev.error = msg;
      rev.errorStmt = text;
      if (!transactional) await write();
      result.error = { Stmt: text, Text: msg };
      result.endNs = now();
      result.end = new Date();
      return {
        file: result,
        error: new ExecError(`sql/migrate: executing statement ${JSON.stringify(text)} from version ${JSON.stringify(file.version)}: ${msg}`),
      };
    }
    if (control === 'begin' || control === 'end') inFileOwnTx = control === 'begin';
    rev.applied = i + 1;
    rev.partialHashes = hashes.slice(0, i + 1);
    rev.error = '';
    rev.errorStmt = '';
    if (!transactional) {
      try {
        await write();
      } catch (e) {
        if (open) await o.db.exec('ROLLBACK').catch(() => undefined);
        throw e;
      }
      if (open) await o.db.exec('COMMIT');
    }
  }
  rev.partialHashes = null;
  await write();
  result.endNs = now();
  result.end = new Date();
  return { file: result };
}

/** SQLSTATEs PostgreSQL raises for a statement that must not run inside a transaction block. */
const NOT_IN_TX_BLOCK = new Set(['25001', '2D000']);

/**
 * Runs `text` in a transaction left open for the revision write (returns true), or, when PostgreSQL
 * refuses it inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, a procedure that commits),
 * rolls back and runs it bare (returns false). Other errors roll back and propagate.
 */
async function execWithRecord(db: Queryable, text: string): Promise<boolean> {
  await db.exec('BEGIN');
  try {
    await db.exec(text);
    return true;
  } catch (e) {
    await db.exec('ROLLBACK').catch(() => undefined);
    if (!NOT_IN_TX_BLOCK.has(String((e as { code?: unknown }).code))) throw e;
  }
  await db.exec(text);
  return false;
}

/** A transaction-control statement of the file itself: 'begin' opens a block, 'end' closes it, 'other' neither. */
export function txControl(text: string): 'begin' | 'end' | 'other' | undefined {
  const t = text.trimStart().toUpperCase();
  if (/^(BEGIN|START\s+TRANSACTION)\b/.test(t)) return 'begin';
  if (/^PREPARE\s+TRANSACTION\b/.test(t)) return 'end';
  if (/^(COMMIT|ROLLBACK)\s+PREPARED\b/.test(t)) return 'other';
  if (/^ROLLBACK(\s+(WORK|TRANSACTION))?\s+TO\b/.test(t)) return 'other';
  if (/^(COMMIT|END|ROLLBACK|ABORT)\b/.test(t)) return /\bAND\s+CHAIN\b/.test(t) ? 'begin' : 'end';
  if (/^(SAVEPOINT|RELEASE)\b/.test(t)) return 'other';
  return undefined;
}
