// Engine API for `schema apply` with a confirmation step (the editor's "Plan Schema Apply"): the plan as data (the
// statements, each change's comment, the lint findings) pinned to the desired-state files and the database state it
// was computed from; applying a confirmed plan re-plans first and refuses with kind `planChanged` (nothing run) when
// the files, the database or the resulting statements differ, then runs exactly the shown statements in one
// transaction (tx-mode `file`).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expandUrls } from '../migrate/diffSource';
import type { PlanFinding } from '../lint/planLint';
import { upperFirst } from '../schema/sqlText';
import { maskUrl } from '../secrets';
import { EngineError } from './errors';
import { planSchemaApply, runSchemaPlan, type SchemaApplyPlanInput } from './schemaApply';

export interface SchemaApplyPlan {
  /** masked database URL the plan was made for */
  url: string;
  /** the desired state as given (`file://…` URLs) */
  to: string[];
  /** every desired-state file read, with its sha256 (a folder: its files) */
  desired: Array<{ path: string; hash: string }>;
  /** fingerprint of the database state the plan starts from */
  current: string;
  /** the planned changes in order: Atlas's comment (first letter upper-cased) and the statement (ending with `;`) */
  changes: Array<{ comment: string; statement: string }>;
  lint: PlanFinding[];
  /** the destructive analyzer reported a change (a drop of something that holds data) */
  destructive: boolean;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The files behind the desired-state URLs (`file://` only; a folder stands for its files), each with its hash. */
export function desiredFiles(i: Pick<SchemaApplyPlanInput, 'to' | 'cwd' | 'env'>): SchemaApplyPlan['desired'] {
  const out: SchemaApplyPlan['desired'] = [];
  let urls: string[];
  try {
    urls = expandUrls(i.to, { cwd: i.cwd, env: i.env });
  } catch (e) {
    throw new EngineError('invalidInput', (e as Error).message);
  }
  for (const u of urls) {
    if (!u.startsWith('file://')) continue;
    const p = path.resolve(i.cwd, decodeURIComponent(u.slice('file://'.length).replace(/\?.*$/, '')));
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new EngineError('notFound', `desired state ${u}: no such file or directory`);
    const files = stat.isDirectory()
      ? fs
          .readdirSync(p)
          .sort()
          .map((n) => path.join(p, n))
          .filter((f) => fs.statSync(f).isFile())
      : [p];
    for (const f of files) out.push({ path: f, hash: sha(fs.readFileSync(f)) });
  }
  return out;
}

/** The plan of a `schema apply`, pinned to the files and the database state it was computed from. */
export async function planSchemaApplyConfirmable(i: SchemaApplyPlanInput): Promise<SchemaApplyPlan> {
  const desired = desiredFiles(i);
  const plan = await planSchemaApply(i);
  return {
    url: maskUrl(i.url),
    to: i.to,
    desired,
    current: plan.current,
    changes: plan.changes.map((c, n) => ({ comment: c.comment ? upperFirst(c.comment) : '', statement: plan.statements[n] })),
    lint: plan.lint,
    destructive: plan.lint.some((f) => f.analyzer === 'destructive'),
  };
}

const planChanged = (why: string) => new EngineError('planChanged', `${why}; nothing was applied: plan again and confirm the new plan`);

/** Which desired-state files differ between two readings (added, removed or edited), by path. */
function changedFiles(was: SchemaApplyPlan['desired'], now: SchemaApplyPlan['desired']): string[] {
  const key = (f: { path: string; hash: string }) => `${f.path} ${f.hash}`;
  const a = new Set(was.map(key));
  const b = new Set(now.map(key));
  return [...new Set([...now.filter((f) => !a.has(key(f))), ...was.filter((f) => !b.has(key(f)))].map((f) => f.path))];
}

/**
 * Runs a confirmed plan: refused (`planChanged`, nothing run) when the input points to another database, a
 * desired-state file changed, the database's state moved, or planning again gives other statements; otherwise the
 * plan's statements run in one transaction. A failing statement rolls all back (`execution`).
 */
export async function applySchemaPlan(i: SchemaApplyPlanInput, plan: SchemaApplyPlan): Promise<{ applied: number }> {
  if (maskUrl(i.url) !== plan.url) throw planChanged('the env now points to another database');
  const files = changedFiles(plan.desired, desiredFiles(i));
  if (files.length) throw planChanged(`the desired state changed since the plan was shown (${files.map((f) => path.relative(i.cwd, f) || f).join(', ')})`);
  const again = await planSchemaApply({ ...i, lint: false });
  if (again.current !== plan.current) throw planChanged('the database schema changed since the plan was shown');
  const shown = plan.changes.map((c) => c.statement);
  if (JSON.stringify(again.statements) !== JSON.stringify(shown)) throw planChanged('planning again gives other statements than the plan shown');
  const r = await runSchemaPlan(i.url, shown, 'file');
  if (r.error)
    throw new EngineError('execution', `executing statement ${JSON.stringify(r.error.statement)}: ${r.error.message} (rolled back, nothing applied)`);
  return { applied: r.applied };
}
