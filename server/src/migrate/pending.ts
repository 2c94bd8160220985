// Atlas's `Executor.Pending`: which files a `migrate apply` runs, given the folder
// and the revisions already recorded; baseline, allow-dirty, resume of a partial file, exec order.
import type { MigrationFile } from './dir';
import { newRevision, TYPE_BASELINE, type Revision } from './revisions';

export type ExecOrder = 'linear' | 'linear-skip' | 'non-linear';

export class PendingError extends Error {
  constructor(
    message: string,
    readonly outOfOrder: MigrationFile[] = [],
  ) {
    super(message);
  }
}

export const NON_LINEAR_URL = 'https://atlasgo.io/versioned/apply#non-linear-error';

export function parseExecOrder(v: string | undefined): ExecOrder {
  if (v === undefined || v === '') return 'linear';
  const norm = v.toLowerCase().replace(/_/g, '-');
  if (norm === 'linear' || norm === 'linear-skip' || norm === 'non-linear') return norm;
  throw new PendingError(`unknown execution order: ${JSON.stringify(v)}`);
}

export interface PendingInput {
  files: MigrationFile[];
  revisions: Revision[];
  baseline?: string;
  allowDirty?: boolean;
  execOrder?: ExecOrder;
  /** reason the database is not clean, asked only on a first run */
  uncleanReason: () => Promise<string | undefined>;
}

export interface PendingResult {
  pending: MigrationFile[];
  /** a baseline row to write before anything else (first run with --baseline) */
  baseline?: Revision;
  /** files skipped as out of order under linear-skip */
  skipped: MigrationFile[];
}

export function outOfOrderMessage(files: MigrationFile[]): string {
  return files.length === 1
    ? `migration file ${files[0].name} was added out of order. See: ${NON_LINEAR_URL}`
    : `migration files ${files.map((f) => f.name).join(', ')} were added out of order. See: ${NON_LINEAR_URL}`;
}

function fromLastCheckpoint(files: MigrationFile[]): MigrationFile[] {
  for (let i = files.length - 1; i >= 0; i--) if (files[i].isCheckpoint()) return files.slice(i);
  return files;
}

export async function pendingFiles(inp: PendingInput): Promise<PendingResult> {
  const all = inp.files;
  const migrations = all.filter((f) => !f.isCheckpoint());
  const revs = inp.revisions;
  if (revs.length === 0) {
    if (inp.baseline !== undefined && inp.allowDirty) throw new PendingError('sql/migrate: baseline and allow-dirty are mutually exclusive');
    if (inp.baseline === undefined && !inp.allowDirty) {
      const reason = await inp.uncleanReason();
      if (reason) throw new PendingError(`sql/migrate: connected database is not clean: ${reason}. baseline version or allow-dirty is required`);
    }
    if (inp.baseline !== undefined) {
      const idx = all.findIndex((f) => f.version === inp.baseline);
      if (idx < 0) throw new PendingError(`baseline version ${JSON.stringify(inp.baseline)} not found`);
      const f = all[idx];
      return {
        pending: all.slice(idx + 1).filter((x) => !x.isCheckpoint()),
        baseline: newRevision(f.version, f.desc, { type: TYPE_BASELINE }),
        skipped: [],
      };
    }
    return { pending: fromLastCheckpoint(all), skipped: [] };
  }
  const last = revs[revs.length - 1];
  if (last.applied !== last.total) {
    const idx = all.findIndex((f) => f.version === last.version);
    if (idx < 0)
      throw new PendingError(
        `sql/migrate: missing migration: revision ${JSON.stringify(`${last.version}_${last.description}.sql`)} is partially applied but migration file was not found`,
      );
    const rest = all.slice(idx + 1).filter((f) => !f.isCheckpoint());
    return { pending: [all[idx], ...rest], skipped: [] };
  }
  const applied = new Set(revs.map((r) => r.version));
  const first = revs[0].version;
  const pending = migrations.filter((f) => f.version > last.version);
  const outOfOrder = migrations.filter((f) => f.version > first && f.version < last.version && !applied.has(f.version));
  if (outOfOrder.length > 0) {
    const order = inp.execOrder ?? 'linear';
    if (order === 'linear') throw new PendingError(outOfOrderMessage(outOfOrder), outOfOrder);
    if (order === 'non-linear') return { pending: [...outOfOrder, ...pending], skipped: [] };
    return { pending, skipped: outOfOrder };
  }
  return { pending, skipped: [] };
}

export interface PlanInput extends PendingInput {
  /** at most this many files (`migrate apply N`) */
  amount?: number;
  /** up to and including this version (`--to-version`) */
  toVersion?: string;
}

export interface Plan extends PendingResult {
  /** the version the database is at before the run ('' for none) */
  current: string;
}

/**
 * The files a `migrate apply` runs, in order: Atlas's pending files cut at `--to-version` and the amount. The apply
 * itself and the lint gate before it (`migrate lint --pending`) both plan through here, so they see the same files.
 */
export async function planApply(inp: PlanInput): Promise<Plan> {
  const res = await pendingFiles(inp);
  if (inp.toVersion !== undefined && !inp.files.some((f) => f.version === inp.toVersion)) {
    throw new PendingError(`sql/migrate: migration with version ${JSON.stringify(inp.toVersion)} not found`);
  }
  const upTo = inp.toVersion !== undefined ? res.pending.filter((f) => f.version <= inp.toVersion!) : res.pending;
  const pending = inp.amount && inp.amount > 0 ? upTo.slice(0, inp.amount) : upTo;
  const current = res.baseline?.version ?? inp.revisions[inp.revisions.length - 1]?.version ?? '';
  return { ...res, pending, current };
}
