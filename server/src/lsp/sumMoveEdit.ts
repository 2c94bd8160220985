// "Create new migration with this change": when an already-hashed migration was edited by appending statements
// and its committed (git HEAD) version is exactly what atlas.sum recorded, move the appended text to a new
// migration file, restore the original, and re-hash. Anything else is left to the user (re-hash or revert).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { openDirPath, type MigrationDir } from '../migrate/dir';
import { createMigration } from '../migrate/newFile';
import { computeHashFile, writeFileAtomic } from '../migrate/sum';
import { checkDir } from '../migrate/validate';
import { fileDesc } from '../migrate/version';

/** The text appended to `original` to give `current` (leading blank lines dropped), or undefined if not an append. */
export function appendedChange(original: string, current: string): string | undefined {
  if (!current.startsWith(original) || current.length === original.length) return undefined;
  const added = current.slice(original.length).replace(/^(?:[ \t]*\r?\n)+/, '');
  return added.trim() === '' ? undefined : added;
}

/** The file's content at git HEAD, or undefined (no git, not committed). */
export function gitHeadContent(filePath: string): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['show', `HEAD:./${path.basename(filePath)}`],
      { cwd: path.dirname(filePath), encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: 10000 },
      (err, stdout) => resolve(err ? undefined : stdout),
    );
  });
}

/** True when `original` in place of `name` makes the folder match its atlas.sum again. */
export function restoresSum(dir: MigrationDir, name: string, original: Uint8Array): boolean {
  const stored = dir.readSum();
  if (!stored) return false;
  const computed = computeHashFile(dir.files().map((f) => ({ name: f.name, bytes: f.name === name ? original : f.bytes })));
  return computed.sum() === stored.sum();
}

export interface MovePlan {
  original: Buffer;
  added: string;
}

/** Whether the edit of `name` can be moved to a new migration; the plan if so. */
export async function planMoveEdit(dirPath: string, name: string, current: string): Promise<MovePlan | undefined> {
  const original = await gitHeadContent(path.join(dirPath, name));
  if (!original) return undefined;
  const added = appendedChange(original.toString('utf8'), current);
  if (added === undefined) return undefined;
  try {
    return restoresSum(openDirPath(dirPath), name, original) ? { original, added } : undefined;
  } catch {
    return undefined;
  }
}

/** Restores the original file, writes the appended text as a new migration, re-hashes. Returns the new file path. */
export async function moveEditToNewMigration(dirPath: string, name: string, current: string, date = new Date()): Promise<string> {
  const plan = await planMoveEdit(dirPath, name, current);
  if (!plan)
    throw new Error(`${name}: the change is not a plain append to the committed version recorded in atlas.sum; revert it by hand and add a new migration`);
  writeFileAtomic(dirPath, name, plan.original);
  const dir = openDirPath(dirPath);
  if (checkDir(dir)) throw new Error('atlas.sum still does not match after restoring the file; nothing else was changed');
  const desc = fileDesc(name);
  return createMigration(dir, desc ? `${desc}_change` : 'change', { date, content: plan.added }).path;
}
