// The CLI flags that select what `migrate lint` analyses besides Atlas's `--latest N` / `--git-base`: two Atlas
// Workbench additions, `--file NAME` (one file, or a few, on top of every file before them) and `--pending`
// (exactly the files `migrate apply` would run on the target). The selection itself is engine/lint.ts.
import { str, strs, type FlagSpec, type Parsed } from './args';
import { UserError, type CliIO } from './io';
import { targetFromFlags } from './migrateTarget';
import type { LintSelection } from '../engine/lint';
import { parseExecOrder } from '../migrate/pending';

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

/** `--pending`: the plan of `migrate apply [--amount N] [--to-version V]` on the env's (or --url) database. */
export async function pendingSelection(io: CliIO, p: Parsed): Promise<Extract<LintSelection, { kind: 'pending' }>> {
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
  return {
    kind: 'pending',
    target: t,
    amount,
    toVersion: str(p, 'to-version'),
    baseline: str(p, 'baseline') ?? m?.baseline,
    execOrder,
    revisionsSchema: str(p, 'revisions-schema') ?? m?.revisionsSchema,
  };
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
