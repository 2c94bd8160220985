// `atlas migrate new`: an empty `<UTC YYYYMMDDHHMMSS>[_<name>].sql` file, then atlas.sum re-hashed (atomically).
import fs from 'node:fs';
import nodePath from 'node:path';
import { DirError, type MigrationDir } from './dir';
import { newFileName, newVersion } from './version';

export interface NewMigration {
  name: string;
  path: string;
}

/**
 * The version of a new file: now (UTC, per second, as Atlas names it), or one second after the folder's latest
 * timestamp version when that is not older (two files generated in the same second, or a clock behind the folder),
 * so a new file always sorts after the files it was planned on.
 */
export function nextVersion(existing: string[], now: Date = new Date()): string {
  const v = newVersion(now);
  const latest = existing
    .filter((e) => /^\d{14}$/.test(e))
    .sort()
    .pop();
  if (!latest || latest < v) return v;
  const t = Date.UTC(+latest.slice(0, 4), +latest.slice(4, 6) - 1, +latest.slice(6, 8), +latest.slice(8, 10), +latest.slice(10, 12), +latest.slice(12, 14));
  return newVersion(new Date(t + 1000));
}

/** Creates the new (empty, or `content`) migration file and rewrites atlas.sum. The caller validates first. */
export function createMigration(dir: MigrationDir, name?: string, opts: { date?: Date; content?: string } = {}): NewMigration {
  if (name !== undefined && /[\\/\0]/.test(name)) throw new DirError(`invalid migration name ${JSON.stringify(name)}: it must not contain a path separator`);
  const file = newFileName(opts.date ? newVersion(opts.date) : nextVersion(dir.files().map((f) => f.version)), name);
  const target = nodePath.join(dir.path, file);
  if (fs.existsSync(target)) throw new DirError(`migration file ${JSON.stringify(file)} already exists (versions are per second: retry in a second)`);
  fs.writeFileSync(target, opts.content ?? '', { mode: 0o644, flag: 'wx' });
  dir.refresh();
  dir.writeSum();
  return { name: file, path: target };
}
