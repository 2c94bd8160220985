// Engine API for `migrate rebase`: the plan (which files move, their new names; for a git-conflicted atlas.sum, the
// files each side of the conflict added) and its application (renames + atlas.sum re-hashed atomically).
import fs from 'node:fs';
import path from 'node:path';
import { DirError, type MigrationDir } from '../migrate/dir';
import { applyRebase as renameAndHash, planRebase as planRenames, type Rename } from '../migrate/rebase';
import { SUM_FILE, SumError } from '../migrate/sum';
import { findSumConflict } from '../migrate/sumConflict';
import { EngineError } from './errors';

export type { Rename };

/** The git operation under way in the folder's repository, which says what "ours" and "theirs" are. */
export type GitOperation = 'rebase' | 'merge' | 'cherry-pick';

export interface SumConflictInfo {
  /** files listed only on the "ours" side of atlas.sum (and present in the folder) */
  ours: string[];
  /** files listed only on the "theirs" side of atlas.sum (and present in the folder) */
  theirs: string[];
  oursLabel?: string;
  theirsLabel?: string;
  operation?: GitOperation;
  /**
   * The files to move by default: the side being brought onto the other. During a rebase the commits being
   * replayed are "theirs"; during a merge the current branch is "ours" (the branch merged in is taken as the base).
   * Without a git operation (a conflicted file copied in), "theirs".
   */
  suggested: string[];
}

export interface RebasePlan {
  /** absolute folder path */
  dir: string;
  renames: Rename[];
  /** set when atlas.sum holds git conflict markers */
  conflict?: SumConflictInfo;
}

/** `.git` directory of the repository holding `dir` (a worktree's `.git` file followed), or undefined. */
function gitDir(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const g = path.join(d, '.git');
    try {
      const st = fs.statSync(g);
      if (st.isDirectory()) return g;
      const m = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(g, 'utf8'));
      if (m) return path.resolve(d, m[1].trim());
    } catch {
      /* not here */
    }
    if (path.dirname(d) === d) return undefined;
  }
}

export function gitOperation(dir: string): GitOperation | undefined {
  const g = gitDir(dir);
  if (!g) return undefined;
  const has = (n: string) => fs.existsSync(path.join(g, n));
  if (has('rebase-merge') || has('rebase-apply')) return 'rebase';
  if (has('MERGE_HEAD')) return 'merge';
  if (has('CHERRY_PICK_HEAD')) return 'cherry-pick';
  return undefined;
}

/** The conflict in the folder's atlas.sum, if it has markers. */
export function sumConflict(dir: MigrationDir): SumConflictInfo | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir.path, SUM_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const c = findSumConflict(text);
  if (!c) return undefined;
  const present = new Set(dir.names().map((n) => n.name));
  const ours = c.ours.filter((n) => !c.theirs.includes(n) && present.has(n));
  const theirs = c.theirs.filter((n) => !c.ours.includes(n) && present.has(n));
  const operation = gitOperation(dir.path);
  return { ours, theirs, oursLabel: c.oursLabel, theirsLabel: c.theirsLabel, operation, suggested: operation === 'merge' ? ours : theirs };
}

const engineError = (e: unknown) => {
  if (e instanceof DirError || e instanceof SumError)
    return new EngineError(/not found|no longer exists/.test(e.message) ? 'notFound' : 'invalidInput', e.message);
  return e;
};

/**
 * The renames `migrate rebase` would do. Without versions, on a conflicted atlas.sum, the suggested side of the
 * conflict is planned (an empty plan when there is no conflict).
 */
export function planRebase(dir: MigrationDir, versions?: string[], now = new Date()): RebasePlan {
  try {
    const conflict = sumConflict(dir);
    const chosen = versions ?? conflict?.suggested ?? [];
    return { dir: dir.path, renames: chosen.length ? planRenames(dir, chosen, now) : [], conflict };
  } catch (e) {
    throw engineError(e);
  }
}

/** Applies a plan: renames the files and re-hashes atlas.sum (also when nothing is renamed: the conflict goes away). */
export function applyRebase(dir: MigrationDir, plan: Pick<RebasePlan, 'renames'>): { renamed: Rename[] } {
  try {
    renameAndHash(dir, plan.renames);
  } catch (e) {
    throw engineError(e);
  }
  return { renamed: plan.renames };
}
