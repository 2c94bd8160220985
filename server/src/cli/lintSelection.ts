// Which files `migrate lint` analyses, and on top of which: Atlas's `--latest N` / `--git-base` (the tail of the
// folder), and two Atlas Workbench additions: `--file NAME` (one file, or a few, on top of every file before them)
// and `--pending` (exactly the files `migrate apply` would run on the target, on top of those it already holds).
import path from 'node:path';
import { str, strs, type FlagSpec, type Parsed } from './args';
import { UserError, type CliIO } from './io';
import { targetFromFlags } from './migrateTarget';
import { ApplyError, planOnTarget } from '../migrate/apply';
import type { MigrationDir, MigrationFile } from '../migrate/dir';
import { parseExecOrder } from '../migrate/pending';
import { redactPassword } from '../db/url';

export interface Selection {
  dir: MigrationDir;
  /** files whose changes are the starting state (replayed from their last checkpoint) */
  base: MigrationFile[];
  /** files analysed, in order */
  news: MigrationFile[];
}

export const selectionFlags: FlagSpec = {
  file: { type: 'strings' },
  pending: { type: 'boolean' },
  amount: { type: 'string' },
  'to-version': { type: 'string' },
  url: { type: 'string', short: 'u' },
  'revisions-schema': { type: 'string' },
  baseline: { type: 'string' },
  'exec-order': { type: 'string' },
};

/** The folder's tail from index `newFrom` (`--latest`, `--git-base`). */
export function tailSelection(dir: MigrationDir, files: MigrationFile[], newFrom: number): Selection {
  return { dir, base: files.slice(0, newFrom), news: files.slice(newFrom) };
}

/** `--file`: the named files (folder order) on top of every other file that comes before the last of them. */
export function namedSelection(dir: MigrationDir, files: MigrationFile[], names: string[]): Selection {
  const wanted = new Set<string>();
  for (const n of names) {
    const base = path.basename(n);
    if (!files.some((f) => f.name === base)) throw new UserError(`migration file ${JSON.stringify(base)} not found in ${dir.display}`);
    wanted.add(base);
  }
  const last = Math.max(...files.map((f, i) => (wanted.has(f.name) ? i : -1)));
  return { dir, base: files.slice(0, last + 1).filter((f) => !wanted.has(f.name)), news: files.filter((f) => wanted.has(f.name)) };
}

/** `--pending`: the plan of `migrate apply [--amount N] [--to-version V]` on the env's (or --url) database. */
export async function pendingSelection(io: CliIO, p: Parsed): Promise<Selection> {
  const t = await targetFromFlags(io, p);
  const m = t.env?.migration;
  const amountFlag = str(p, 'amount');
  let amount: number | undefined;
  if (amountFlag !== undefined) {
    amount = Number(amountFlag);
    if (!/^\d+$/.test(amountFlag) || amount < 1) throw new UserError(`invalid --amount ${JSON.stringify(amountFlag)}: a number of files, at least 1`);
  }
  let execOrder;
  try {
    execOrder = parseExecOrder(str(p, 'exec-order') ?? m?.execOrder);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  try {
    const plan = await planOnTarget({
      url: t.url,
      dir: t.dir,
      amount,
      toVersion: str(p, 'to-version'),
      baseline: str(p, 'baseline') ?? m?.baseline,
      execOrder,
      revisionsSchema: str(p, 'revisions-schema') ?? m?.revisionsSchema,
      label: t.label,
    });
    return { dir: t.dir, base: plan.applied, news: plan.pending };
  } catch (e) {
    if (e instanceof ApplyError && e.preamble) io.out(e.preamble);
    const msg = redactPassword(e instanceof Error ? e.message : String(e), t.url);
    throw new UserError(`pending files of ${t.label ?? 'the target'}: ${msg}`);
  }
}

/** Which of the selection flags were given (at most one may be). */
export function selectionMode(p: Parsed): Array<'latest' | 'git-base' | 'file' | 'pending'> {
  const out: Array<'latest' | 'git-base' | 'file' | 'pending'> = [];
  if (str(p, 'latest') !== undefined) out.push('latest');
  if (str(p, 'git-base') !== undefined) out.push('git-base');
  if (strs(p, 'file').length > 0) out.push('file');
  if (p.flags.pending === true) out.push('pending');
  return out;
}
