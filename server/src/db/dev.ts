// The dev database (Atlas's --dev-url). No URL, docker://postgres/…, docker://pgvector/… or
// docker://postgis/… → the embedded PGlite server, started lazily in a child process, shared by every
// caller of this process one lease at a time, reset to a clean state for each lease, stopped when idle.
// A postgres:// dev URL is used as given and must be clean, as Atlas requires; close() hands it back as it was.
// The embedded server is PostgreSQL 18: unless the URL asks for 18, it behaves as 15–17 do for named NOT NULLs.
import { openPostgres, type OpenOptions } from './postgres';
import { startPgliteProcess, type PgliteProcess } from './pgliteProcess';
import { checkDevClean, resetToClean } from './clean';
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
}

export interface DevOptions extends OpenOptions {
  /** stop the embedded server after this many ms without a lease (default 120 s; 0 = never) */
  idleMs?: number;
}

let server: Promise<PgliteProcess> | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let leaseQueue: Promise<void> = Promise.resolve();
let active = 0;

/** Starts (or reuses) the embedded dev server of this process; exposed for benches and tests. */
export function embeddedServer(): Promise<PgliteProcess> {
  if (!server) {
    const started = startPgliteProcess();
    server = started;
    // Forget it when it exits (crash or stop), unless a newer one has replaced it meanwhile.
    const forget = () => {
      if (server === started) server = undefined;
    };
    started.then((p) => p.exited.then(forget), forget);
  }
  return server;
}

/** Stops the embedded dev server now (idle timeout, language server shutdown, tests). */
export async function stopEmbeddedServer(): Promise<void> {
  const s = server;
  server = undefined;
  if (idleTimer) clearTimeout(idleTimer);
  if (s) await (await s.catch(() => undefined))?.stop();
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
  try {
    const proc = await embeddedServer();
    const url = `postgres://postgres@127.0.0.1:${proc.info.port}/postgres?sslmode=disable${schema ? `&search_path=${encodeURIComponent(schema)}` : ''}`;
    db = await openPostgres(parseDbUrl(url) as PostgresUrl, opts, 'pglite', 'embedded PGlite dev database');
    // A previous lease may have died inside a transaction; PGlite is one backend shared by all leases.
    await db.exec('ROLLBACK').catch(() => undefined);
    await db.exec('RESET ALL');
    await resetToClean(db);
    if (schema) await db.exec(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
  } catch (e) {
    active--;
    release();
    throw e;
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await db.close();
    } finally {
      active--;
      release();
      scheduleIdleStop(opts.idleMs ?? 120_000);
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
  return { ...db, displayUrl: db.displayUrl, schema, kind: 'pglite', description, query: db.query.bind(db), exec, close };
}

function scheduleIdleStop(ms: number): void {
  if (ms <= 0 || active > 0) return;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (active === 0) void stopEmbeddedServer();
  }, ms);
  idleTimer.unref();
}
