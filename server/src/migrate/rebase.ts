// `migrate rebase VERSION…`: the named migration files are moved after the latest version of the folder (new
// versions, files renamed, descriptions kept) and atlas.sum is re-hashed. The plan (renames) is computed first and
// applied separately, so the editor can show it before anything moves.
import fs from 'node:fs';
import nodePath from 'node:path';
import { DirError, type MigrationDir } from './dir';
import { nextVersion } from './newFile';
import { newFileName } from './version';

export interface Rename {
  from: string;
  to: string;
  fromVersion: string;
  toVersion: string;
}

const TIMESTAMP = /^\d{14}$/;

/** The version that sorts right after `latest`: a timestamp (now, or latest + 1 s) or, for numbered folders, latest + 1. */
export function versionAfter(latest: string | undefined, now: Date): string {
  if (latest === undefined || TIMESTAMP.test(latest)) return nextVersion(latest === undefined ? [] : [latest], now);
  if (/^\d+$/.test(latest)) return (BigInt(latest) + 1n).toString().padStart(latest.length, '0');
  throw new DirError(`cannot rebase after version ${JSON.stringify(latest)}: only numeric versions can be incremented`);
}

/**
 * Which files to move and their new names. `versions` are versions (or file names) of the folder, each naming
 * exactly one file. Files already after every file that stays are kept as they are; the others, in folder order,
 * get the next versions after the folder's latest one.
 */
export function planRebase(dir: MigrationDir, versions: string[], now: Date = new Date()): Rename[] {
  if (dir.format !== 'atlas') throw new DirError(`migrate rebase works on Atlas-format folders only (this folder is read as ${dir.format})`);
  if (versions.length === 0) throw new DirError('migrate rebase: at least one version is required');
  const files = dir.files();
  const moved = new Set<string>();
  for (const v of versions) {
    const matches = files.filter((f) => f.version === v || f.name === v);
    if (matches.length === 0) throw new DirError(`sql/migrate: migration with version ${JSON.stringify(v)} not found`);
    if (matches.length > 1)
      throw new DirError(`version ${JSON.stringify(v)} names ${matches.length} files (${matches.map((f) => f.name).join(', ')}): pass the file name`);
    moved.add(matches[0].name);
  }
  const staying = files.filter((f) => !moved.has(f.name));
  const lastStaying = staying.length ? staying[staying.length - 1].version : undefined;
  const toMove = files.filter((f) => moved.has(f.name));
  // nothing to do when the named files already come after every other file
  if (lastStaying === undefined || toMove.every((f) => f.version > lastStaying && !staying.some((s) => s.version === f.version))) return [];
  let latest = files[files.length - 1].version;
  const taken = new Set(files.map((f) => f.name));
  return toMove.map((f) => {
    const toVersion = versionAfter(latest, now);
    if (toVersion <= latest) throw new DirError(`cannot rebase: version ${toVersion} would not sort after ${latest}`);
    latest = toVersion;
    const to = newFileName(toVersion, f.desc || undefined);
    if (taken.has(to)) throw new DirError(`cannot rebase ${f.name}: ${to} already exists`);
    taken.add(to);
    return { from: f.name, to, fromVersion: f.version, toVersion };
  });
}

/**
 * Renames the files (each target must not exist; a failure puts back what was renamed) and rewrites atlas.sum
 * atomically from the files on disk.
 */
export function applyRebase(dir: MigrationDir, renames: Rename[]): void {
  for (const r of renames) {
    if (!fs.existsSync(nodePath.join(dir.path, r.from))) throw new DirError(`cannot rebase: ${r.from} no longer exists`);
    if (fs.existsSync(nodePath.join(dir.path, r.to))) throw new DirError(`cannot rebase ${r.from}: ${r.to} already exists`);
  }
  const done: Rename[] = [];
  try {
    for (const r of renames) {
      fs.renameSync(nodePath.join(dir.path, r.from), nodePath.join(dir.path, r.to));
      done.push(r);
    }
  } catch (e) {
    for (const r of done.reverse()) {
      try {
        fs.renameSync(nodePath.join(dir.path, r.to), nodePath.join(dir.path, r.from));
      } catch {
        /* best effort */
      }
    }
    throw new DirError(`cannot rebase: ${(e as Error).message} (renamed files were put back)`);
  }
  dir.refresh();
  dir.writeSum();
}
