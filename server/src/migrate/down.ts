// `migrate down` (Atlas Pro's command): reverts the last applied files by planning from the
// database's current schema back to the folder replayed up to the earlier version on the dev database.
// Destructive steps are refused unless allowed; the plan runs in one transaction with the revision deletes.
import { openDatabase } from '../db/connect';
import { devVersionNotice } from '../db/devVersion';
import { diff } from '../schema/diff';
import { inspect } from '../schema/inspect';
import { planStatements } from '../schema/plan';
import { revisionsSchemaFor } from './apply';
import type { MigrationDir } from './dir';
import { replayDir, withDev } from './diffSource';
import { acquireLock, EXECUTE_LOCK } from './lock';
import { goDuration } from './report';
import { RevisionStore, TYPE_BASELINE, type Revision } from './revisions';
import { checkDir } from './validate';

export interface DownOptions {
  url: string;
  dir: MigrationDir;
  devUrl?: string;
  /** number of applied files to revert (default 1) */
  amount?: number;
  /** revert every file applied after this version */
  toVersion?: string;
  dryRun?: boolean;
  allowDestructive?: boolean;
  revisionsSchema?: string;
  lockTimeoutMs?: number;
  label?: string;
  cwd: string;
  onDev?: (description: string, notice?: string) => void;
  /** the dev database and the target are different PostgreSQL majors */
  onVersion?: (message: string) => void;
  /** Called under the lock with the plan and the recorded revisions before anything runs (the engine API checks a confirmed plan). */
  onPlanned?: (r: DownResult, revisions: Revision[]) => void;
  /** checked between the statements: a cancel rolls the whole revert back (the revisions stay as they were) */
  signal?: AbortSignal;
}

export interface DownResult {
  planned: string[];
  reverted: Revision[];
  current: string;
  target: string;
  destructive: boolean;
  status: 'APPLIED' | 'PLANNED' | 'NOTHING';
  ns: bigint;
  devDescription?: string;
}

export class DownError extends Error {
  constructor(
    message: string,
    readonly result?: DownResult,
    /** the revert was cancelled (and rolled back) */
    readonly cancelled?: DownCancelled,
  ) {
    super(message);
  }
}

/** A revert cancelled before statement `statement` (0-based) of `total`; the transaction is rolled back. */
export class DownCancelled extends Error {
  constructor(
    readonly statement: number,
    readonly total: number,
  ) {
    super(`cancelled before statement ${statement + 1} of ${total} of the revert (rolled back: nothing was reverted)`);
  }
}

export async function migrateDown(o: DownOptions): Promise<DownResult> {
  const problem = checkDir(o.dir);
  if (problem) throw new DownError(problem.message);
  const t0 = process.hrtime.bigint();
  const db = await openDatabase(o.url, { label: o.label });
  let release: (() => Promise<void>) | undefined;
  try {
    release = await acquireLock(db, EXECUTE_LOCK, o.lockTimeoutMs ?? 10_000);
    const store = new RevisionStore(db, revisionsSchemaFor(db, o.revisionsSchema));
    const revs = await store.read();
    const current = revs[revs.length - 1]?.version ?? '';
    let revert: Revision[];
    if (o.toVersion !== undefined) {
      if (!revs.some((r) => r.version === o.toVersion)) throw new DownError(`sql/migrate: migration with version ${JSON.stringify(o.toVersion)} not found`);
      revert = revs.filter((r) => r.version > o.toVersion!);
    } else {
      revert = revs.slice(Math.max(0, revs.length - (o.amount ?? 1)));
    }
    revert = revert.reverse();
    const result: DownResult = { planned: [], reverted: [], current, target: current, destructive: false, status: 'NOTHING', ns: 0n };
    if (revert.length === 0) return result;
    if (revert.some((r) => r.type === TYPE_BASELINE))
      throw new DownError(`cannot revert baseline version ${JSON.stringify(revert.find((r) => r.type === TYPE_BASELINE)!.version)}`);
    const keep = revs.slice(0, revs.length - revert.length);
    const target = keep[keep.length - 1]?.version ?? '';
    result.target = target;
    const schemaScope = db.schema !== undefined;
    let embedded = false;
    let noticed = false;
    const desired = await withDev(
      {
        cwd: o.cwd,
        devUrl: o.devUrl,
        onDev: (d, n) => {
          result.devDescription = d;
          noticed = !!n;
          o.onDev?.(d, n);
        },
      },
      async (dev) => {
        embedded = dev.kind === 'pglite';
        if (target !== '') await replayDir(dev, o.dir, target);
        return inspect(dev, { schema: schemaScope ? (dev.schema ?? 'public') : undefined });
      },
    );
    const actual = await inspect(db, { schema: db.schema });
    // The target is connected here: say so when the dev database replayed on another PostgreSQL major.
    const notice =
      noticed || desired.serverMajor === undefined
        ? undefined
        : devVersionNotice(desired.serverMajor, actual.serverMajor, {
            dev: `the dev database (${result.devDescription ?? 'embedded'})`,
            target: `the target database`,
          });
    if (notice) o.onVersion?.(notice.message);
    const changes = diff(actual, desired, { schemaScope, extensionVersions: !embedded });
    result.planned = planStatements(changes);
    result.destructive = changes.some((c) => c.destructive);
    result.reverted = revert;
    o.onPlanned?.(result, revs);
    if (result.destructive && !o.allowDestructive && !o.dryRun) {
      result.status = 'PLANNED';
      throw new DownError('the plan to revert contains destructive changes (shown above); run again with --allow-destructive to apply it', result);
    }
    if (o.dryRun) {
      result.status = 'PLANNED';
      result.ns = process.hrtime.bigint() - t0;
      return result;
    }
    await db.exec('BEGIN');
    try {
      for (const [i, st] of result.planned.entries()) {
        if (i > 0 && o.signal?.aborted) throw new DownCancelled(i, result.planned.length);
        await db.exec(st);
      }
      for (const r of revert) await store.delete(r.version);
      await db.exec('COMMIT');
    } catch (e) {
      await db.exec('ROLLBACK').catch(() => undefined);
      if (e instanceof DownCancelled) throw new DownError(e.message, result, e);
      throw new DownError(`sql/migrate: reverting to version ${JSON.stringify(target)}: ${(e as Error).message}`, result);
    }
    result.status = 'APPLIED';
    result.ns = process.hrtime.bigint() - t0;
    return result;
  } finally {
    if (release) await release().catch(() => undefined);
    await db.close();
  }
}

export function downText(r: DownResult): string {
  if (r.status === 'NOTHING') return 'No migration files to revert\n';
  const n = r.reverted.length;
  let out = `Migrating down from version ${r.current} to ${r.target || 'the empty state'} (${n} migration${n > 1 ? 's' : ''} in total):\n\n`;
  out += `  -- reverting version${n > 1 ? 's' : ''} ${r.reverted.map((x) => x.version).join(', ')}`;
  for (const s of r.planned) out += `\n    -> ${s.split('\n').join('\n       ')}`;
  if (r.status === 'APPLIED') out += `\n  -- ok (${goDuration(r.ns)})`;
  else out += `\n  -- planned only${r.destructive ? ' (destructive)' : ''}`;
  out += `\n\n  -------------------------\n  -- ${goDuration(r.ns)}\n  -- ${n} migration${n > 1 ? 's' : ''}\n  -- ${r.planned.length} sql statement${r.planned.length > 1 ? 's' : ''}\n`;
  return out;
}

export function downJson(r: DownResult, url: string): string {
  return JSON.stringify({
    Planned: r.planned,
    Reverted: r.reverted.map((x) => ({ Version: x.version, Description: x.description })),
    Current: r.current,
    Target: r.target,
    Total: r.reverted.length,
    URL: url,
    Status: r.status,
  });
}
