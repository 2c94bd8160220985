// Engine API for `migrate down`: plan (the statements that revert the last applied files, computed on the dev
// database; nothing runs) and apply a confirmed down plan (refused with `planChanged` when the revisions, the
// folder or the planned statements differ from the confirmed plan).
import { DownError, migrateDown, type DownOptions, type DownResult } from '../migrate/down';
import { maskUrl } from '../secrets';
import { planDifference, type RevisionPin } from './apply';
import { EngineError, toEngineError } from './errors';
import type { Target } from './target';

export type DownSettings = Pick<DownOptions, 'amount' | 'toVersion' | 'revisionsSchema' | 'lockTimeoutMs' | 'devUrl'>;
export type DownHooks = Pick<DownOptions, 'cwd' | 'onDev' | 'onVersion' | 'signal'>;

export interface DownPlan {
  url: string;
  dir: string;
  settings: Omit<DownSettings, 'devUrl'>;
  folder: Array<{ name: string; hash: string }>;
  revisions: RevisionPin[];
  /** versions reverted, newest first */
  reverted: Array<{ version: string; description: string }>;
  statements: string[];
  destructive: boolean;
  current: string;
  target: string;
}

const pins = (revs: Parameters<NonNullable<DownOptions['onPlanned']>>[1]): RevisionPin[] =>
  revs.map((r) => ({ version: r.version, type: r.type, applied: r.applied, total: r.total, hash: r.hash, error: r.error }));

async function run(t: Target, o: Omit<DownOptions, 'url' | 'dir' | 'label'>): Promise<DownResult> {
  try {
    return await migrateDown({ ...o, url: t.url, dir: t.dir, label: t.label });
  } catch (e) {
    if (e instanceof DownError && e.cancelled) throw new EngineError<DownResult>('cancelled', e.message, { partial: e.result });
    if (e instanceof DownError) {
      const kind =
        e.result?.status === 'PLANNED' && e.result.destructive
          ? 'destructive'
          : e.result
            ? 'execution'
            : /checksum|atlas\.sum/i.test(e.message)
              ? 'checksumMismatch'
              : 'other';
      throw new EngineError<DownResult>(kind === 'other' ? toEngineError(e).kind : kind, e.message, { partial: e.result });
    }
    throw toEngineError<DownResult>(e);
  }
}

/** `migrate down` as the CLI runs it. */
export function down(t: Target, o: Omit<DownOptions, 'url' | 'dir' | 'label'>): Promise<DownResult> {
  return run(t, o);
}

/** The down plan (a dry run): the statements, whether they drop objects, and the revisions it was computed from. */
export async function planDown(t: Target, settings: DownSettings, hooks: DownHooks): Promise<{ plan: DownPlan; result: DownResult }> {
  let revisions: RevisionPin[] = [];
  const result = await run(t, {
    ...settings,
    ...hooks,
    dryRun: true,
    onPlanned: (_r, revs) => {
      revisions = pins(revs);
    },
  });
  const { devUrl: _dev, ...kept } = settings;
  const plan: DownPlan = {
    url: maskUrl(t.url),
    dir: t.dir.path,
    settings: kept,
    folder: t.dir.checksum().entries.map((e) => ({ name: e.name, hash: e.hash })),
    revisions,
    reverted: result.reverted.map((r) => ({ version: r.version, description: r.description })),
    statements: result.planned,
    destructive: result.destructive,
    current: result.current,
    target: result.target,
  };
  return { plan, result };
}

/** Runs exactly a confirmed down plan (its destructive statements included: the user saw and confirmed them). */
export async function applyDown(t: Target, plan: DownPlan, devUrl: string | undefined, hooks: DownHooks): Promise<DownResult> {
  const refuse = (why: string) => new EngineError('planChanged', `${why}; nothing was reverted: plan again and confirm the new plan`);
  if (maskUrl(t.url) !== plan.url || t.dir.path !== plan.dir) throw refuse('the env now points to another database or folder');
  const before = planDifference(
    plan,
    t.dir.checksum().entries.map((e) => ({ name: e.name, hash: e.hash })),
  );
  if (before) throw refuse(before);
  return run(t, {
    ...plan.settings,
    devUrl,
    ...hooks,
    allowDestructive: true,
    onPlanned: (r, revs) => {
      const why = planDifference(plan, plan.folder, pins(revs));
      if (why) throw refuse(why);
      if (JSON.stringify(r.planned) !== JSON.stringify(plan.statements)) throw refuse('the statements to revert differ from the plan');
    },
  });
}
