// Opens a Database for a URL: real PostgreSQL through node `pg` (postgres.ts); docker:// and pglite:// through the
// embedded PGlite server (a child process speaking the wire protocol), so there is one code path.
// pgliteTarget.ts and dev.ts are loaded on first use; they open their server with postgres.ts, not with this file.
import { openPostgres, type OpenOptions } from './postgres';
import type { Database } from './types';
import { parseDbUrl } from './url';

/** Connection and query errors (postgres.ts); re-exported here so callers of openDatabase can test for them. */
export { DatabaseError } from './types';

export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<Database> {
  const parsed = parseDbUrl(url);
  if (parsed.kind === 'postgres') return openPostgres(parsed, opts);
  if (parsed.kind === 'pglite') {
    const { openPgliteTarget } = await import('./pgliteTarget');
    return openPgliteTarget(parsed, opts);
  }
  const { openDevDatabase } = await import('./dev');
  return openDevDatabase(url);
}
