// `pglite://<path>` target databases (an Atlas Workbench addition, not an Atlas URL): a file-backed
// PGlite directory served by its own child process for the lifetime of the Database. A lock file
// beside the directory keeps two processes from opening the same files at once.
import fs from 'node:fs';
import path from 'node:path';
import { openPostgres, type OpenOptions } from './postgres';
import { startPgliteProcess } from './pgliteProcess';
import type { Database } from './types';
import { parseDbUrl, type PgliteUrl, type PostgresUrl } from './url';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<dir>.lock` (O_EXCL); a stale lock of a dead process is taken over. */
function lockDir(dir: string): () => void {
  const lock = `${dir.replace(/[\\/]+$/, '')}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.mkdirSync(path.dirname(lock), { recursive: true });
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lock, 'utf8') === String(process.pid)) fs.rmSync(lock);
        } catch {
          /* gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(lock, 'utf8'));
      if (holder && alive(holder)) throw new Error(`pglite database ${dir} is in use by process ${holder}`);
      fs.rmSync(lock, { force: true });
    }
  }
  throw new Error(`cannot lock pglite database ${dir}`);
}

/**
 * Openers of one directory inside this process, in turn: the language server runs commands side by side (a status
 * refresh while the ERD inspects), and the lock file only tells processes apart. Each opener waits for the one
 * before it to close.
 */
const turns = new Map<string, Promise<void>>();

async function waitTurn(dir: string): Promise<() => void> {
  const before = turns.get(dir) ?? Promise.resolve();
  let done!: () => void;
  const mine = before.then(
    () =>
      new Promise<void>((r) => {
        done = r;
      }),
  );
  turns.set(dir, mine);
  await before;
  await Promise.resolve(); // `done` is set once `before` has settled
  return () => {
    done();
    if (turns.get(dir) === mine) turns.delete(dir);
  };
}

export async function openPgliteTarget(p: PgliteUrl, opts: OpenOptions = {}, cwd = process.cwd()): Promise<Database> {
  const dataDir = p.dataDir ? path.resolve(cwd, p.dataDir) : undefined;
  const endTurn = dataDir ? await waitTurn(dataDir) : () => undefined;
  let unlockFile: () => void;
  try {
    unlockFile = dataDir ? lockDir(dataDir) : () => undefined;
  } catch (e) {
    endTurn();
    throw e;
  }
  const unlock = () => {
    unlockFile();
    endTurn();
  };
  let proc;
  try {
    proc = await startPgliteProcess({ dataDir });
  } catch (e) {
    unlock();
    throw e;
  }
  const url = `postgres://postgres@127.0.0.1:${proc.info.port}/postgres?sslmode=disable${p.schema ? `&search_path=${encodeURIComponent(p.schema)}` : ''}`;
  let db: Database;
  try {
    db = await openPostgres(parseDbUrl(url) as PostgresUrl, opts, 'pglite', p.url);
  } catch (e) {
    await proc.stop();
    unlock();
    throw e;
  }
  return {
    ...db,
    query: db.query.bind(db),
    exec: db.exec.bind(db),
    async close() {
      await db.close();
      await proc.stop();
      unlock();
    },
  };
}
