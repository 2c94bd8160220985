// Engine API for `migrate apply`: plan (a dry run that returns the exact files, statements, hashes and the revision
// rows it was computed from), apply a confirmed plan (refused with kind `planChanged` when the folder or the
// database changed since), and the plain apply the CLI runs.
import { ApplyError, migrateApply, type ApplyOptions, type PlannedApply } from '../migrate/apply';
import type { MigrationDir } from '../migrate/dir';
import type { ApplyReport } from '../migrate/report';
import type { Revision } from '../migrate/revisions';
import { maskUrl } from '../secrets';
import { EngineError, toEngineError } from './errors';
import type { Target } from './target';

/** The apply options a plan keeps (everything but the target and the callbacks). */
export type ApplySettings = Omit<ApplyOptions, 'url' | 'dir' | 'dryRun' | 'onFile' | 'signal' | 'onPlanned' | 'label'>;

export interface PlannedFile {
  name: string;
  version: string;
  description: string;
  hash: string;
  statements: string[];
  skipped: number;
}
/** A revision row as a plan pins it: a change to any of these fields means the database moved. */
export interface RevisionPin {
  version: string;
  type: number;
  applied: number;
  total: number;
  hash: string;
  error: string;
}

export interface ApplyPlan {
  /** masked target URL (for display, and to refuse a plan made for another database) */
  url: string;
  /** the migration folder (absolute path) */
  dir: string;
  settings: ApplySettings;
  /** every file of the folder with its atlas.sum hash, in order */
  folder: Array<{ name: string; hash: string }>;
  revisions: RevisionPin[];
  /** the files that will run, in order, with their statements */
  files: PlannedFile[];
  current: string;
  target: string;
}

export interface PlanApplyResult {
  plan: ApplyPlan;
  report: ApplyReport;
}

const pinOf = (r: Revision): RevisionPin => ({ version: r.version, type: r.type, applied: r.applied, total: r.total, hash: r.hash, error: r.error });
const folderOf = (dir: MigrationDir) => dir.checksum().entries.map((e) => ({ name: e.name, hash: e.hash }));

/** Runs an apply; failures become EngineErrors carrying the partial report and Atlas's preamble. */
async function run(t: Target, o: Partial<ApplyOptions>): Promise<ApplyReport> {
  try {
    return await migrateApply({ ...o, url: t.url, dir: t.dir, label: t.label });
  } catch (e) {
    const detail = e instanceof ApplyError ? { preamble: e.preamble, partial: e.report } : {};
    if (e instanceof ApplyError && e.cancelled) throw new EngineError<ApplyReport>('cancelled', e.message, { ...detail, stopped: e.cancelled });
    if (e instanceof ApplyError && e.preamble?.startsWith('You have a checksum error'))
      throw new EngineError<ApplyReport>('checksumMismatch', e.message, detail);
    if (e instanceof ApplyError && e.report?.error) throw new EngineError<ApplyReport>('execution', e.message, detail);
    throw toEngineError<ApplyReport>(e, detail);
  }
}

/** `migrate apply` as the CLI runs it (no confirmation step). */
export function apply(t: Target, o: Omit<ApplyOptions, 'url' | 'dir' | 'label'>): Promise<ApplyReport> {
  return run(t, o);
}

/** The plan of an apply: a dry run on the target (nothing written), pinned to the folder and revisions it saw. */
export async function planApply(t: Target, settings: ApplySettings, signal?: AbortSignal): Promise<PlanApplyResult> {
  let seen: PlannedApply | undefined;
  const report = await run(t, {
    ...settings,
    dryRun: true,
    signal,
    onPlanned: (p) => {
      seen = p;
    },
  });
  const byName = new Map(report.applied.map((a) => [a.file.name, a]));
  const files = report.pending.map((f): PlannedFile => ({
    name: f.name,
    version: f.version,
    description: f.desc,
    hash: seen?.hashes.get(f.name) ?? '',
    statements: byName.get(f.name)?.applied ?? [],
    skipped: byName.get(f.name)?.skipped ?? 0,
  }));
  const plan: ApplyPlan = {
    url: maskUrl(t.url),
    dir: t.dir.path,
    settings,
    folder: folderOf(t.dir),
    revisions: (seen?.revisions ?? []).map(pinOf),
    files,
    current: report.current,
    target: report.target,
  };
  return { plan, report };
}

/** Why `now` differs from the plan (undefined when it does not). */
export function planDifference(plan: Pick<ApplyPlan, 'folder' | 'revisions'>, folder: ApplyPlan['folder'], revisions?: RevisionPin[]): string | undefined {
  const key = (f: { name: string; hash: string }) => `${f.name} ${f.hash}`;
  const was = new Set(plan.folder.map(key));
  const now = new Set(folder.map(key));
  const changed = [...new Set([...folder.filter((f) => !was.has(key(f))), ...plan.folder.filter((f) => !now.has(key(f)))].map((f) => f.name))];
  if (changed.length) return `the migration folder changed since the plan was shown (${changed.join(', ')})`;
  if (revisions && JSON.stringify(revisions) !== JSON.stringify(plan.revisions)) {
    const versions = new Set([...revisions, ...plan.revisions].map((r) => r.version));
    const moved = [...versions].filter(
      (v) => JSON.stringify(revisions.find((r) => r.version === v)) !== JSON.stringify(plan.revisions.find((r) => r.version === v)),
    );
    return `the database's revisions changed since the plan was shown (version ${moved.join(', ')})`;
  }
  return undefined;
}

const planChanged = (why: string) => new EngineError('planChanged', `${why}; nothing was applied: plan again and confirm the new plan`);

/**
 * Executes exactly a confirmed plan: the same pending files with the same hashes on the same revisions. The folder
 * is compared before connecting and again under the database lock; any difference refuses with `planChanged` and
 * writes nothing.
 */
export async function applyPlan(t: Target, plan: ApplyPlan, o: { signal?: AbortSignal; onFile?: ApplyOptions['onFile'] } = {}): Promise<ApplyReport> {
  if (maskUrl(t.url) !== plan.url || t.dir.path !== plan.dir) throw planChanged('the env now points to another database or folder');
  const before = planDifference(plan, folderOf(t.dir));
  if (before) throw planChanged(before);
  return run(t, {
    ...plan.settings,
    signal: o.signal,
    onFile: o.onFile,
    onPlanned: (p) => {
      const why = planDifference(
        plan,
        [...p.hashes].map(([name, hash]) => ({ name, hash })),
        p.revisions.map(pinOf),
      );
      if (why) throw planChanged(why);
      const pending = p.pending.map((f) => f.name).join(',');
      if (pending !== plan.files.map((f) => f.name).join(',')) throw planChanged('the pending files differ from the plan');
    },
  });
}
