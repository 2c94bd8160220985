// Atlas's migration lock: a session-level advisory lock keyed by the FNV-1 (not 1a)
// 32-bit hash of the lock name, polled with a doubling back-off until the lock timeout.
import type { Queryable } from '../db/types';

/** FNV-1 32-bit (multiply, then xor) of the UTF-8 bytes, as an unsigned integer. */
export function fnv1_32(name: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(name, 'utf8')) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h >>> 0;
}

export const EXECUTE_LOCK = 'atlas_migrate_execute';

export class LockError extends Error {}

/** Go's time.ParseDuration for the forms atlas.hcl and flags use: 10s, 1m30s, 500ms, 1.5h, 0. */
export function parseGoDuration(text: string): number {
  const s = text.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let ms = 0;
  let i = 0;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) throw new LockError(`time: invalid duration ${JSON.stringify(text)}`);
    ms += Number(m[1]) * unit[m[2]];
    i = re.lastIndex;
  }
  if (s.length === 0) throw new LockError(`time: invalid duration ${JSON.stringify(text)}`);
  return ms;
}

/**
 * Takes the named lock on this session or throws Atlas's error after timeoutMs (0 = a single try).
 * Returns the release function.
 */
export async function acquireLock(db: Queryable, name: string, timeoutMs: number, signal?: AbortSignal): Promise<() => Promise<void>> {
  const key = fnv1_32(name);
  const deadline = Date.now() + timeoutMs;
  let wait = 25 + Math.random() * 25;
  for (;;) {
    const r = await db.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key]);
    if (r.rows[0]?.ok) {
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await db.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
      };
    }
    if (Date.now() + wait > deadline || signal?.aborted) throw new LockError('acquiring database lock: sql/schema: lock is held by other session');
    await new Promise((res) => setTimeout(res, wait));
    wait = Math.min(wait * 2, 1000 + Math.random() * 1000);
  }
}
