// Builds FolderSnapshots for the live atlas.sum check, keeping the bytes of files read from disk between
// keystrokes (only open documents change while typing). Entries are dropped on watched-file events and close.
import fs from 'node:fs';
import path from 'node:path';
import { openDirPath } from '../migrate/dir';
import { SUM_FILE } from '../migrate/sum';
import type { FolderSnapshot, SnapshotFile } from './sumDiagnostics';

export class SnapshotCache {
  private disk = new Map<string, Uint8Array>();

  /** @param openText the text of an open editor document for a path (wins over disk), if any */
  constructor(private readonly openText: (absPath: string) => string | undefined) {}

  invalidate(absPath: string): void {
    this.disk.delete(absPath);
  }
  clear(): void {
    this.disk.clear();
  }

  private diskBytes(p: string): Uint8Array {
    let b = this.disk.get(p);
    if (!b) {
      b = fs.readFileSync(p);
      this.disk.set(p, b);
    }
    return b;
  }

  /** The folder's files as `format` counts them (a Flyway folder's names are paths under it). */
  snapshot(dir: string, format = 'atlas'): FolderSnapshot {
    const names = openDirPath(dir, undefined, format).names();
    const files: SnapshotFile[] = names.map(({ name }) => {
      const p = path.join(dir, name);
      const open = this.openText(p);
      if (open !== undefined) return { name, bytes: Buffer.from(open, 'utf8') };
      try {
        return { name, bytes: this.diskBytes(p) };
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        return { name, error: `sql/migrate: read file ${JSON.stringify(name)}: ${err.code === 'EISDIR' ? 'is a directory' : err.message}` };
      }
    });
    const sumPath = path.join(dir, SUM_FILE);
    let sum = this.openText(sumPath);
    if (sum === undefined) {
      try {
        sum = fs.readFileSync(sumPath, 'utf8');
      } catch {
        sum = undefined;
      }
    }
    return { dirPath: dir, files, sum };
  }
}
