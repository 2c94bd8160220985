// The embedded dev server's connection, kept from one lease to the next (db/dev.ts serializes the leases).
import { openPostgres, type OpenOptions } from './postgres';
import type { PgliteProcess } from './pgliteProcess';
import type { Database } from './types';
import { parseDbUrl, type PostgresUrl } from './url';

/**
 * The connection the last lease handed back, for the next lease on the same server: PGlite is one backend, so a new
 * connection is not a new session anyway, and connecting costs more than most of what a lease runs (issue 13).
 */
let parked: { proc: PgliteProcess; db: Database } | undefined;

/** Closes the parked connection (the server stops, or a lease found it unusable). */
export function dropParked(): void {
  const p = parked;
  parked = undefined;
  void p?.db.close();
}

/**
 * A connection to the embedded server, reset for a new lease: the parked one when it still answers, else a new one.
 * A previous lease may have died inside a transaction (PGlite is one backend shared by all leases): rolled back.
 */
export async function leaseConnection(proc: PgliteProcess, opts: OpenOptions): Promise<Database> {
  const reuse = parked?.proc === proc ? parked.db : undefined;
  if (parked && !reuse) dropParked();
  parked = undefined;
  if (reuse) {
    try {
      await reuse.exec('ROLLBACK; RESET ALL');
      return reuse;
    } catch {
      await reuse.close();
    }
  }
  const url = `postgres://postgres@127.0.0.1:${proc.info.port}/postgres?sslmode=disable`;
  const db = await openPostgres(parseDbUrl(url) as PostgresUrl, opts, 'pglite', 'embedded PGlite dev database');
  await db.exec('ROLLBACK').catch(() => undefined);
  await db.exec('RESET ALL');
  return db;
}

/** Hands a lease's connection back for the next lease, unless its server is no longer the running one. */
export async function parkConnection(proc: PgliteProcess, db: Database, running: boolean): Promise<void> {
  if (!running || parked) {
    await db.close();
    return;
  }
  parked = { proc, db };
}
