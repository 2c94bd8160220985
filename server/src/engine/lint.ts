// Engine API for `migrate lint`: which files are analysed (the folder's tail, named files, or exactly the files
// `migrate apply` would run on a target), the static analysis on top of the files before them, then a replay on the
// dev database. Returns the run (files, results, steps) as data; the CLI and the editor render Atlas's text or JSON.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LintConfig } from '../config/types';
import type { MigrationDir, MigrationFile } from '../migrate/dir';
import type { ExecOrder } from '../migrate/pending';
import { redactPassword } from '../db/url';
import type { LintRun } from '../lint/report';
import type { ReplayFailure } from '../lint/devReplay';
import { checkedDir } from './migrate';
import { EngineError, toEngineError } from './errors';
import type { Target } from './target';

/** Which files are analysed. */
export type LintSelection =
  /** Atlas's `--latest N` */
  | { kind: 'latest'; latest: number }
  /** Atlas's `--git-base BRANCH`: the files added since the branch */
  | { kind: 'gitBase'; base: string; gitDir?: string }
  /** the named files, on top of every file before the last of them */
  | { kind: 'files'; names: string[] }
  /** exactly the files `migrate apply [amount] [--to-version V]` would run on the target */
  | { kind: 'pending'; target: Target; amount?: number; toVersion?: string; baseline?: string; execOrder?: ExecOrder; revisionsSchema?: string };

export interface LintInput {
  /** the folder (for `pending`, the target's folder is used) */
  dir?: MigrationDir;
  selection: LintSelection;
  config: LintConfig;
  /** dev database of the replay; `static` skips the replay */
  devUrl?: string;
  static?: boolean;
  signal?: AbortSignal;
  /** the dev database that runs the replay (`Using …`) and its version warning */
  onDev?: (description: string, notice?: string) => void;
  /** called where the replay step would start, when it is skipped (`static`) */
  onStatic?: () => void;
}

export type LintStep = { Name: string; Text?: string; Error?: string };

export interface LintOutcome {
  dir: MigrationDir;
  run: LintRun;
  /** Atlas's report steps, in order */
  steps: LintStep[];
  /** the replay failed: the file and Atlas's message (no file results then) */
  replayFailure?: ReplayFailure;
  /** a file has an error or an error-level finding (Atlas exits 1) */
  failed: boolean;
}

/** Index of the first new file per `--latest` / `--git-base` (Atlas's latestChange / GitChangeDetector). */
export function detectNew(dir: MigrationDir, names: string[], latest: number | undefined, gitBase: string | undefined, gitDir?: string): number {
  if (latest !== undefined) return latest < 0 || latest >= names.length ? 0 : names.length - latest;
  let out: string;
  try {
    // loaded here, not at the top: node:child_process pulls in net and dgram, a cost `--latest` runs never need
    const { execFileSync } = createRequire(__filename)('node:child_process') as typeof import('node:child_process');
    out = execFileSync('git', ['-C', gitDir ?? dir.path, '--no-pager', 'diff', '--name-only', '--diff-filter=A', gitBase!, 'HEAD', '--', dir.path], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    throw new EngineError('invalidInput', `git diff: ${stderr || (e instanceof Error ? e.message : String(e))}`);
  }
  const added = new Set(
    out
      .split('\n')
      .filter(Boolean)
      .map((p) => path.basename(p)),
  );
  const i = names.findIndex((n) => added.has(n));
  return i < 0 ? names.length : i;
}

interface Picked {
  base: MigrationFile[];
  news: MigrationFile[];
}

/** The named files (folder order) on top of every other file that comes before the last of them. */
export function namedSelection(dir: MigrationDir, files: MigrationFile[], names: string[]): Picked {
  const wanted = new Set<string>();
  for (const n of names) {
    const base = path.basename(n);
    if (!files.some((f) => f.name === base)) throw new EngineError('notFound', `migration file ${JSON.stringify(base)} not found in ${dir.display}`);
    wanted.add(base);
  }
  const last = Math.max(...files.map((f, i) => (wanted.has(f.name) ? i : -1)));
  return { base: files.slice(0, last + 1).filter((f) => !wanted.has(f.name)), news: files.filter((f) => wanted.has(f.name)) };
}

/** The plan of `migrate apply` on the target: the pending files on top of the applied ones. */
async function pendingSelection(s: Extract<LintSelection, { kind: 'pending' }>): Promise<Picked> {
  const { ApplyError, planOnTarget } = await import('../migrate/apply');
  const t = s.target;
  try {
    const plan = await planOnTarget({
      url: t.url,
      dir: t.dir,
      amount: s.amount,
      toVersion: s.toVersion,
      baseline: s.baseline,
      execOrder: s.execOrder,
      revisionsSchema: s.revisionsSchema,
      label: t.label,
    });
    return { base: plan.applied, news: plan.pending };
  } catch (e) {
    const preamble = e instanceof ApplyError ? e.preamble : undefined;
    const msg = redactPassword(e instanceof Error ? e.message : String(e), t.url);
    throw new EngineError(toEngineError(e).kind, `pending files of ${t.label ?? 'the target'}: ${msg}`, preamble ? { preamble } : {});
  }
}

function fileBytes(f: MigrationFile): Uint8Array {
  try {
    return f.bytes;
  } catch (e) {
    throw new EngineError('invalidInput', e instanceof Error ? e.message : String(e));
  }
}

/** `migrate lint`: selection, integrity check, analysis, dev replay. */
export async function lint(i: LintInput): Promise<LintOutcome> {
  const started = performance.now();
  const pending = i.selection.kind === 'pending' ? await pendingSelection(i.selection) : undefined;
  const dir = i.selection.kind === 'pending' ? i.selection.target.dir : i.dir!;
  // Migration Integrity Check (a missing atlas.sum is fine for lint, as in Atlas).
  const { sumMissing } = checkedDir(dir, { allowMissingSum: true });
  const steps: LintStep[] = [];
  if (!sumMissing) steps.push({ Name: 'Migration Integrity Check', Text: 'File atlas.sum is valid' });

  const [{ initSqlParser }, { lintSets }, { prepareFile }] = await Promise.all([import('../sql/parser'), import('../lint/engine'), import('../lint/prepare')]);
  await initSqlParser();
  let files: MigrationFile[];
  try {
    files = dir.files();
  } catch (e) {
    throw new EngineError('invalidInput', e instanceof Error ? e.message : String(e));
  }
  const sel = i.selection;
  let picked: Picked;
  if (pending) picked = pending;
  else if (sel.kind === 'files') picked = namedSelection(dir, files, sel.names);
  else {
    const from = detectNew(
      dir,
      files.map((f) => f.name),
      sel.kind === 'latest' ? sel.latest : undefined,
      sel.kind === 'gitBase' ? sel.base : undefined,
      sel.kind === 'gitBase' ? sel.gitDir : undefined,
    );
    picked = { base: files.slice(0, from), news: files.slice(from) };
  }
  steps.push({ Name: 'Detect New Migration Files', Text: `Found ${picked.news.length} new migration files (from ${files.length} total)` });
  const prepare = (f: MigrationFile) => prepareFile(f.name, fileBytes(f), f.dir.format !== 'atlas' ? f : undefined);
  const base = picked.base.map(prepare);
  const news = picked.news.map(prepare);
  const result = lintSets(base, news, { analyzers: i.config.analyzers });
  // Each file's own time: its analysis, plus its replay on the dev database (added below).
  const durations = new Map(result.files.map((r) => [r.name, r.durationMs]));
  const run: LintRun = { base, news, results: result.files, durations, totalMs: 0 };

  // Replay Migration Files on the dev database (a separate step; `static` skips it).
  if (i.static) i.onStatic?.();
  else {
    const [{ openDevDatabase }, { replayOnDev }] = await Promise.all([import('../db/dev'), import('../lint/devReplay')]);
    let db;
    try {
      db = await openDevDatabase(i.devUrl);
    } catch (e) {
      throw toEngineError(e);
    }
    i.onDev?.(db.description, db.versionNotice?.message);
    try {
      const replay = await replayOnDev(db, run.base, run.news, i.signal);
      if (replay.failure) {
        steps.push({ Name: 'Replay Migration Files', Text: 'Failed loading changes on dev database', Error: replay.failure.message });
        return { dir, run, steps, replayFailure: replay.failure, failed: true };
      }
      for (const [name, ms] of replay.durations) durations.set(name, (durations.get(name) ?? 0) + ms);
      steps.push({ Name: 'Replay Migration Files', Text: `Loaded ${run.news.length} changes on dev database` });
    } finally {
      await db.close(); // a real dev database is restored to its state before the replay
    }
  }
  run.totalMs = performance.now() - started;
  for (const r of result.files) steps.push({ Name: `Analyze ${r.name}`, Text: `${r.reports.length} reports were found in analysis` });
  return { dir, run, steps, failed: result.files.some((r) => !r.ignored && (r.error || r.problems.length)) };
}
