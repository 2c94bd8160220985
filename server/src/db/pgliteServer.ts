// The embedded PostgreSQL (PGlite 0.5.14) served over the wire protocol on 127.0.0.1 by
// @electric-sql/pglite-socket. Runs in a child process (`atlas-wb devdb serve`), never in the
// language server's main thread. The dev variant starts from a cached pristine data directory
// (a tarball under the user's cache folder) so only the very first start pays for initdb.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { devExtensions, DEV_EXTENSIONS } from './pgliteAssets';

export interface ServeOptions {
  /** file-backed database directory (pglite:// targets); omitted = dev database from the pristine cache */
  dataDir?: string;
  /** cache folder; default $XDG_CACHE_HOME/atlas-workbench or ~/.cache/atlas-workbench */
  cacheDir?: string;
}

export interface ServeInfo {
  port: number;
  coldStart: boolean;
  startMs: number;
  pristine?: string;
}

/** The cache folder for the pristine dev data directory. */
export function cacheFolder(env: Record<string, string | undefined> = process.env): string {
  if (env.ATLAS_WB_CACHE) return env.ATLAS_WB_CACHE;
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'atlas-workbench');
}

/**
 * Settings for a dev database that holds schemas, not data (issue 13, bench/devdb-memory.ts). Its data directory
 * lives in memory (PGlite's in-memory file system), so every buffer is a second copy and every WAL segment kept
 * for a checkpoint is memory too: few shared buffers, WAL recycled early and without full-page images, small
 * sort/maintenance memory. `ATLAS_WB_DEVDB_SETTINGS=default` starts with PGlite's own settings (the bench's peer).
 */
export const DEV_SETTINGS = [
  'shared_buffers=16MB',
  'wal_buffers=1MB',
  'max_wal_size=32MB',
  'min_wal_size=32MB',
  'full_page_writes=off',
  'work_mem=2MB',
  'maintenance_work_mem=4MB',
  'temp_buffers=2MB',
  // One backend (PGlite runs single-user; the socket server queues its clients): 10 connection slots instead of
  // 100 leave ~40 MB of shared memory unallocated, and the lock table they size is spent on one transaction
  // instead: loading or dropping a schema of ~4,000 tables in one transaction (a 5,000-file folder) needs ~20,000
  // locks, and 64 per slot failed with "out of shared memory" (bench/growth.ts). RSS at start: 339 MB, was 343 MB.
  'max_connections=10',
  'max_locks_per_transaction=2048',
];

function devStartParams(): string[] | undefined {
  if (process.env.ATLAS_WB_DEVDB_SETTINGS === 'default') return undefined;
  return [...PGlite.defaultStartParams, ...DEV_SETTINGS.flatMap((x) => ['-c', x])];
}

/** Name of the pristine tarball: changes when the PGlite version or the extension set changes. */
export function pristineName(): string {
  return `pglite-0.5.14-${DEV_EXTENSIONS.join('+')}.tar`;
}

async function startDev(cacheDir: string): Promise<{ db: PGlite; cold: boolean; pristine: string }> {
  const extensions = devExtensions();
  const pristine = path.join(cacheDir, pristineName());
  if (fs.existsSync(pristine)) {
    try {
      const blob = new Blob([fs.readFileSync(pristine)]);
      return { db: await PGlite.create({ loadDataDir: blob, extensions, startParams: devStartParams() }), cold: false, pristine };
    } catch {
      // A damaged cache entry: fall through and rebuild it.
      fs.rmSync(pristine, { force: true });
    }
  }
  const db = await PGlite.create({ extensions, startParams: devStartParams() });
  const dump = await db.dumpDataDir('none');
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${pristine}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, pristine);
  return { db, cold: true, pristine };
}

/** Starts PGlite and its socket server; resolves once it accepts connections. */
export async function servePglite(opts: ServeOptions): Promise<{ info: ServeInfo; stop: () => Promise<void> }> {
  const t0 = performance.now();
  let db: PGlite;
  let cold = false;
  let pristine: string | undefined;
  if (opts.dataDir) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    cold = !fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'));
    // A new database starts from the cached pristine data directory when there is one (no initdb).
    const seed = path.join(opts.cacheDir ?? cacheFolder(), pristineName());
    const loadDataDir = cold && fs.existsSync(seed) ? new Blob([fs.readFileSync(seed)]) : undefined;
    db = await PGlite.create({ dataDir: opts.dataDir, extensions: devExtensions(), ...(loadDataDir ? { loadDataDir } : {}) });
  } else {
    ({ db, cold, pristine } = await startDev(opts.cacheDir ?? cacheFolder()));
  }
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 64 });
  await server.start();
  const conn = server.getServerConn();
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1));
  const info: ServeInfo = { port, coldStart: cold, startMs: Math.round(performance.now() - t0), pristine };
  let stopped = false;
  return {
    info,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop().catch(() => undefined);
      await db.close().catch(() => undefined);
    },
  };
}
