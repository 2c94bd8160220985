// The dev-database step of `migrate lint`, separate from the static analysis: replays the base files (from the
// last checkpoint) and then the new files statement by statement, reporting the first failure as Atlas does.
import type { Queryable } from '../db/types';
import type { PreparedFile } from './prepare';

export interface ReplayFailure {
  file: string;
  /** byte offset of the failing statement */
  pos: number;
  /** Atlas's text: `executing statement: <sql>: <err>` (base files: `executing statement: <err>`) */
  message: string;
}

export interface ReplayOutcome {
  failure?: ReplayFailure;
  /** statements executed */
  executed: number;
  /** milliseconds each new file's replay took, by name */
  durations: Map<string, number>;
}

function dbError(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.startsWith('pq: ') ? m : `pq: ${m}`;
}

export async function replayOnDev(db: Queryable, base: PreparedFile[], news: PreparedFile[], signal?: AbortSignal): Promise<ReplayOutcome> {
  let start = 0;
  for (let i = base.length - 1; i >= 0; i--)
    if (base[i].checkpoint) {
      start = i;
      break;
    }
  let executed = 0;
  const durations = new Map<string, number>();
  const run = async (f: PreparedFile, isBase: boolean): Promise<ReplayFailure | undefined> => {
    let last = -1;
    for (const s of f.stmts) {
      if (s.pos === last) continue; // one split statement parsed into several: executed once
      last = s.pos;
      if (signal?.aborted) throw new Error('lint cancelled');
      try {
        await db.exec(s.text);
        executed++;
      } catch (e) {
        const message = isBase ? `executing statement: ${dbError(e)}` : `executing statement: ${s.text}: ${dbError(e)}`;
        return { file: f.name, pos: s.pos, message };
      }
    }
    return undefined;
  };
  for (const f of base.slice(start)) {
    const failure = await run(f, true);
    if (failure) return { failure, executed, durations };
  }
  for (const f of news.filter((x) => !x.checkpoint)) {
    const t0 = performance.now();
    const failure = await run(f, false);
    durations.set(f.name, performance.now() - t0);
    if (failure) return { failure, executed, durations };
  }
  return { executed, durations };
}
