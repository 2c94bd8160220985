// The dev database (Atlas's --dev-url). No URL, docker://postgres/…, docker://pgvector/… or
// docker://postgis/… → the embedded PGlite server, started lazily in a child process, shared by every
// caller of this process one lease at a time, reset to a clean state for each lease, stopped when idle.
// A postgres:// dev URL is used as given and must be clean, as Atlas requires; close() hands it back as it was.
// The embedded server is PostgreSQL 18: unless the URL asks for 18, it behaves as 15–17 do for named NOT NULLs.
// Kept state (generate migration's incremental replay): a 'keep' lease is not reset when the embedded server still
// holds what the previous 'keep' lease left and labelled (`kept`, `keep()`); a 'scratch' lease works on a clean
// state inside a transaction it rolls back, so the kept state survives it (set aside: its schemas renamed, not
// dropped, when it has nothing outside schemas); every other lease resets and forgets it.
import { openPostgres, type OpenOptions } from './postgres';
import { startPgliteProcess, type PgliteProcess } from './pgliteProcess';
import { checkDevClean, resetToClean, setAsideSchemas } from './clean';
import { dropParked, leaseConnection, parkConnection } from './devConnection';
import { restoreDev, snapshotDev, type DevSnapshot } from './devRestore';
import { EMBEDDED_DESCRIPTION, EMBEDDED_PG_MAJOR, embeddedNoticeFor, requestedMajor, type DevVersionNotice } from './devVersion';
import { checkNewerFunctions, checkNewerSyntax } from './newerFeatures';
import { moveNotNullNamesAside } from './notNullNames';
import type { Database } from './types';
import { maskUrl, parseDbUrl, type PostgresUrl } from './url';

export interface DevDatabase extends Database {
  /** human text saying which dev database is used, for command output */
  readonly description: string;
  /** set when the dev database's PostgreSQL major differs from the one the dev URL asks for */
  readonly versionNotice?: DevVersionNotice;
  /** a 'keep' lease: the label of the state it starts from, a prefix of `want` ([] = clean) */
  readonly kept?: readonly string[];
  /** a 'keep' lease: leave the present state to the next 'keep' lease of the same scope, under this label */
  keep?(label: readonly string[]): void;
  /** a 'scratch' lease: false once its transaction has ended early (a COMMIT or ROLLBACK of the SQL it ran) */
  scratchIntact?(): Promise<boolean>;
  /** a 'scratch' lease: the kept state's schemas, renamed out of the way until the rollback; never inspect them */
  readonly hiddenSchemas?: readonly string[];
}

export interface DevOptions extends OpenOptions {
  /** stop the embedded server after this many ms without a lease (default 60 s, issue 13: memory back within a minute; 0 = never) */
  idleMs?: number;
  /** embedded dev database only (ignored for a postgres:// dev URL): see the file comment */
  lease?: 'keep' | 'scratch';
  /** a 'keep' lease starts from the kept state only when its label is a prefix of this one (else from clean) */
  want?: readonly string[];
}

/** What a 'keep' lease left on the embedded server: its label, the lease's scope, and the server that holds it. */
interface KeptState {
  proc: PgliteProcess;
  scope: string;
  label: readonly string[];
}

let kept: KeptState | undefined;

let server: Promise<PgliteProcess> | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let leaseQueue: Promise<void> = Promise.resolve();
let active = 0;

/** The embedded server's state, for the editor's status: not running, starting, accepting leases. */
export type EmbeddedState = 'stopped' | 'starting' | 'running';
const stateListeners = new Set<(state: EmbeddedState) => void>();
let state: EmbeddedState = 'stopped';
function setState(next: EmbeddedState): void {
  if (next === state) return;
  state = next;
  for (const l of stateListeners) l(next);
}

/** Calls `listener` on every change of the embedded server's state; returns the unsubscribe function. */
export function onEmbeddedState(listener: (state: EmbeddedState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

export function embeddedState(): EmbeddedState {
  return state;
}

/** Starts (or reuses) the embedded dev server of this process; exposed for benches and tests. */
export function embeddedServer(): Promise<PgliteProcess> {
  if (!server) {
    const started = startPgliteProcess();
    server = started;
    setState('starting');
    // Forget it when it exits (crash or stop), unless a newer one has replaced it meanwhile.
    const forget = () => {
      if (server === started) {
        server = undefined;
        setState('stopped');
      }
    };
    started.then((p) => {
      if (server === started) setState('running');
      return p.exited.then(forget);
    }, forget);
  }
  return server;
}

/**
 * Starts the embedded server ahead of the first lease (the editor, when a desired-state file is edited), and
 * stops it again after `idleMs` without a lease, as after a lease.
 */
export async function prewarmEmbedded(idleMs = 60_000): Promise<void> {
  await embeddedServer();
  scheduleIdleStop(idleMs);
}

/** Stops the embedded dev server now (idle timeout, language server shutdown, tests). */
export async function stopEmbeddedServer(): Promise<void> {
  const s = server;
  server = undefined;
  kept = undefined;
  dropParked();
  if (idleTimer) clearTimeout(idleTimer);
  if (s) await (await s.catch(() => undefined))?.stop();
  if (!server) setState('stopped');
}

export async function openDevDatabase(devUrl?: string, opts: DevOptions = {}): Promise<DevDatabase> {
  if (devUrl && devUrl.trim() !== '') {
    const parsed = parseDbUrl(devUrl);
    if (parsed.kind === 'postgres') return openRealDev(parsed, opts);
    if (parsed.kind === 'pglite') {
      const { openPgliteTarget } = await import('./pgliteTarget');
      const db = await openPgliteTarget(parsed, opts);
      return Object.assign(db, { description: `embedded PGlite database ${maskUrl(devUrl)}` });
    }
    const note = parsed.image === 'postgis' ? ' (PostGIS is not available in the embedded database)' : '';
    const db = await openEmbedded(parsed.schema, `${EMBEDDED_DESCRIPTION} standing in for ${maskUrl(devUrl)}${note}`, opts, requestedMajor(devUrl));
    const versionNotice = embeddedNoticeFor(devUrl);
    return versionNotice ? Object.assign(db, { versionNotice }) : db;
  }
  return openEmbedded(undefined, EMBEDDED_DESCRIPTION, opts);
}

async function openRealDev(p: PostgresUrl, opts: DevOptions): Promise<DevDatabase> {
  const db = await openPostgres(p, opts);
  let snapshot: DevSnapshot;
  try {
    await checkDevClean(db);
    snapshot = await snapshotDev(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await restoreDev(db, snapshot);
    } catch (e) {
      // The lease's own connection may be gone (a file that ended its session, a dropped link): use a new one.
      const fresh = await openPostgres(p, opts).catch(() => undefined);
      if (!fresh) throw new Error(`the dev database ${db.displayUrl} could not be restored to clean: ${(e as Error).message}`);
      try {
        await restoreDev(fresh, snapshot);
      } finally {
        await fresh.close();
      }
    } finally {
      await db.close();
    }
  };
  return { ...db, displayUrl: db.displayUrl, schema: db.schema, kind: db.kind, description: `dev database ${db.displayUrl}`, close };
}

async function openEmbedded(schema: string | undefined, description: string, opts: DevOptions, targetMajor?: number): Promise<DevDatabase> {
  // One lease at a time: PGlite is a single backend, so sessions would share transactions and settings.
  let release!: () => void;
  const previous = leaseQueue;
  leaseQueue = new Promise<void>((r) => {
    release = r;
  });
  await previous;
  active++;
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = undefined;
  }
  let db: Database;
  const scope = `${schema ?? ''}\0${targetMajor ?? ''}`;
  let startLabel: readonly string[] | undefined;
  let scratchXid: string | undefined;
  let hidden: string[] | undefined;
  let proc: PgliteProcess;
  let opened: Database | undefined;
  try {
    proc = await embeddedServer();
    const prior = kept && kept.proc === proc && kept.scope === scope ? kept : undefined;
    // Taken by this lease: given back only by keep() or by an intact scratch transaction.
    kept = undefined;
    db = opened = await leaseConnection(proc, opts);
    const isPrefix = (l: readonly string[], of: readonly string[] = []) => l.length <= of.length && l.every((x, i) => x === of[i]);
    if (opts.lease === 'keep' && prior && isPrefix(prior.label, opts.want)) startLabel = prior.label;
    else if (opts.lease === 'scratch' && prior) {
      await db.exec('BEGIN');
      scratchXid = (await db.query<{ x: string }>('SELECT txid_current()::text AS x')).rows[0].x;
      hidden = await setAsideSchemas(db);
      if (!hidden) await resetToClean(db);
      startLabel = prior.label;
    } else await resetToClean(db);
    if (opts.lease === 'keep') startLabel ??= [];
    if (schema) await db.exec(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
  } catch (e) {
    void opened?.close(); // not parked: its state is unknown
    active--;
    release();
    throw e;
  }
  let keepLabel: readonly string[] | undefined;
  // Without a kept state to protect, a scratch lease is an ordinary one (no transaction): nothing to break.
  const intact = async () => {
    if (scratchXid === undefined) return true;
    const r = await db.query<{ x: string }>('SELECT txid_current()::text AS x').catch(() => undefined);
    return r?.rows[0]?.x === scratchXid;
  };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      if (scratchXid !== undefined) {
        const ok =
          (await intact()) &&
          (await db.exec('ROLLBACK').then(
            () => true,
            () => false,
          ));
        if (ok) kept = { proc, scope, label: startLabel! };
      } else if (keepLabel) kept = { proc, scope, label: keepLabel };
      await parkConnection(proc, db, (server ? await server.catch(() => undefined) : undefined) === proc);
    } finally {
      active--;
      release();
      scheduleIdleStop(opts.idleMs ?? 60_000);
    }
  };
  // PostgreSQL 18 names NOT NULL constraints; an older target (or an unknown one) does not (notNullNames.ts).
  // A dev URL naming an older major also refuses what that major lacks (newerFeatures.ts).
  const older = (targetMajor ?? 0) < EMBEDDED_PG_MAJOR;
  const exec = !older
    ? db.exec.bind(db)
    : async (sql: string) => {
        if (targetMajor !== undefined) {
          checkNewerSyntax(sql, targetMajor);
          await checkNewerFunctions(db, sql, targetMajor);
        }
        await moveNotNullNamesAside(db, sql);
        await db.exec(sql);
      };
  const lease: DevDatabase = { ...db, displayUrl: db.displayUrl, schema, kind: 'pglite', description, query: db.query.bind(db), exec, close };
  if (opts.lease === 'keep')
    return Object.assign(lease, {
      kept: startLabel,
      keep: (label: readonly string[]) => {
        keepLabel = [...label];
      },
    });
  if (opts.lease === 'scratch') return Object.assign(lease, { scratchIntact: intact }, hidden ? { hiddenSchemas: hidden } : {});
  return lease;
}

function scheduleIdleStop(ms: number): void {
  if (ms <= 0 || active > 0) return;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (active === 0) void stopEmbeddedServer();
  }, ms);
  idleTimer.unref();
}
