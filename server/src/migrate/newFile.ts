// `atlas migrate new`: an empty `<UTC YYYYMMDDHHMMSS>[_<name>].sql` file, then atlas.sum re-hashed (atomically).
import fs from 'node:fs';
import nodePath from 'node:path';
import { DirError, type MigrationDir } from './dir';
import { newFileName, newVersion } from './version';

export interface NewMigration {
  name: string;
  path: string;
}

/** Creates the new (empty, or `content`) migration file and rewrites atlas.sum. The caller validates first. */
export function createMigration(dir: MigrationDir, name?: string, opts: { date?: Date; content?: string } = {}): NewMigration {
  if (name !== undefined && /[\\/\0]/.test(name)) throw new DirError(`invalid migration name ${JSON.stringify(name)}: it must not contain a path separator`);
  const file = newFileName(newVersion(opts.date), name);
  const target = nodePath.join(dir.path, file);
  if (fs.existsSync(target)) throw new DirError(`migration file ${JSON.stringify(file)} already exists (versions are per second: retry in a second)`);
  fs.writeFileSync(target, opts.content ?? '', { mode: 0o644, flag: 'wx' });
  dir.refresh();
  dir.writeSum();
  return { name: file, path: target };
}
