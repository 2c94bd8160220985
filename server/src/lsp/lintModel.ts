// The editor's lint model: per migration folder, the prepared (split + parsed) files and the schema state after
// each file are cached, so a keystroke re-prepares and re-analyses only the edited file against the cached state
// of the files before it. Pure: file contents come from a reader (open documents win over disk).
import fs from 'node:fs';
import path from 'node:path';
import { applyFile, lintFile, type FileResult, type LintOptions } from '../lint/engine';
import { prepareFile, type PreparedFile } from '../lint/prepare';
import { SchemaState } from '../lint/state';
import { MigrationFile, openDirPath, type MigrationDir } from '../migrate/dir';
import { formatCountsFile } from '../migrate/formats';

/** Content of one migration file: an open document's text, or undefined to read the disk. */
export type DocumentText = (absPath: string) => string | undefined;

interface CachedFile {
  key: string;
  prepared: PreparedFile;
}
interface CachedState {
  prepared: PreparedFile;
  after: SchemaState;
}

class FolderCache {
  files = new Map<string, CachedFile>();
  states: CachedState[] = [];
  /** when every disk file of the folder was last stat-ed (performance.now()) */
  verifiedAt = -Infinity;
}

/**
 * Files on disk are stat-ed (mtime/size) at most this often per folder while typing, and at the next call after a
 * watched-file event (`diskChanged`): a keystroke in a 5,000-file folder no longer stats every earlier file.
 */
export const DISK_RECHECK_MS = 1000;

export interface DocumentLint {
  folder: string;
  file: PreparedFile;
  result: FileResult;
  /** files before the edited one that were re-prepared for this run (0 when only the edited file changed) */
  reprepared: number;
}

/** A file of a folder with the state before it. */
export interface FolderPoint {
  folder: string;
  /** the folder's file names in order */
  names: string[];
  /** prepared files before `file`, in order */
  earlier: PreparedFile[];
  file: PreparedFile;
  /** the state before `file` (shared with the cache: clone before changing it) */
  state: SchemaState;
  /** files before the file that were re-prepared for this call */
  reprepared: number;
}

export class LintModel {
  private folders = new Map<string, FolderCache>();

  /**
   * @param folderFormat the format a folder is read with (`?format=` / `migration { format }`): a goose or dbmate
   *   file is analysed from its up part, a golang-migrate down file is not a migration
   */
  constructor(
    private readonly documentText: DocumentText,
    private readonly folderFormat: (folder: string) => string = () => 'atlas',
    private readonly diskRecheckMs = DISK_RECHECK_MS,
  ) {}

  /** A file changed on disk (a watched-file event): the next call stats every file again. */
  diskChanged(): void {
    for (const c of this.folders.values()) c.verifiedAt = -Infinity;
  }

  /** Forgets everything about a folder (atlas.hcl or folder layout changed). */
  invalidate(folder?: string): void {
    if (folder) this.folders.delete(folder);
    else this.folders.clear();
  }

  private cache(folder: string): FolderCache {
    let c = this.folders.get(folder);
    if (!c) this.folders.set(folder, (c = new FolderCache()));
    return c;
  }

  /**
   * The prepared file, re-prepared only when its content changed (open document text or disk mtime/size; with
   * `trustDisk`, a file read from disk and not open is taken as cached without a stat).
   */
  private prepared(c: FolderCache, folder: string, name: string, counter: { n: number }, dir?: MigrationDir, trustDisk = false): PreparedFile | undefined {
    const abs = path.join(folder, name);
    const doc = this.documentText(abs);
    let key: string;
    let content: string | Uint8Array | undefined;
    if (doc !== undefined) {
      key = `doc:${doc.length}:${doc}`;
      content = doc;
    } else {
      const cached = trustDisk ? c.files.get(name) : undefined;
      if (cached?.key.startsWith('disk:')) return cached.prepared;
      let st: fs.Stats;
      try {
        st = fs.statSync(abs);
      } catch {
        return undefined;
      }
      key = `disk:${st.mtimeMs}:${st.size}`;
    }
    const hit = c.files.get(name);
    if (hit && hit.key === key) return hit.prepared;
    if (content === undefined) {
      try {
        content = fs.readFileSync(abs);
      } catch {
        return undefined;
      }
    }
    // another tool's file is read as its format reads it; offsets map back to the file's own lines
    const prepared = prepareFile(name, content, dir && dir.format !== 'atlas' ? new MigrationFile(dir, name, undefined, content) : undefined);
    counter.n++;
    c.files.set(name, { key, prepared });
    return prepared;
  }

  /**
   * The state before one file of a folder: the files sorted before it are replayed (each file's state after it is
   * cached, so only files from the first changed one on are re-applied). `only` treats the file as a folder of its
   * own (a desired-state schema.sql: its state is the file itself).
   */
  stateBefore(folder: string, name: string, only = false): FolderPoint | undefined {
    const dir = only ? openDirPath(folder) : this.dirOf(folder);
    const names = only ? [name] : dir.names().map((n) => n.name);
    if (!names.includes(name)) {
      if (!formatCountsFile(dir.format, name)) return undefined; // e.g. a golang-migrate down file
      names.push(name); // an unsaved new file
      // Atlas orders its own folders by name; a Flyway folder keeps the order its format gives
      if (dir.format !== 'flyway') names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    }
    const at = names.indexOf(name);
    const counter = { n: 0 };
    const c = this.cache(only ? `${folder}\0${name}` : folder);
    const present = new Set(names);
    for (const k of [...c.files.keys()]) if (!present.has(k)) c.files.delete(k);
    let state = new SchemaState();
    let valid = true;
    const earlier: PreparedFile[] = [];
    const now = performance.now();
    const trustDisk = now - c.verifiedAt < this.diskRecheckMs;
    if (!trustDisk) c.verifiedAt = now;
    for (let i = 0; i < at; i++) {
      const p = this.prepared(c, folder, names[i], counter, dir, trustDisk) ?? prepareFile(names[i], '');
      earlier.push(p);
      const cached = c.states[i];
      if (valid && cached && cached.prepared === p) {
        state = cached.after;
        continue;
      }
      if (valid) {
        c.states.length = i;
        valid = false;
      } // everything from a changed file on is stale
      const next = p.checkpoint ? new SchemaState() : state.clone();
      applyFile(next, p);
      c.states[i] = { prepared: p, after: next };
      state = next;
    }
    const before = counter.n;
    const file = this.prepared(c, folder, name, counter, dir);
    if (!file) return undefined;
    return { folder, names, earlier, file, state, reprepared: before };
  }

  private dirOf(folder: string): MigrationDir {
    return openDirPath(folder, undefined, this.folderFormat(folder));
  }

  /** The point's file as it is now (re-prepared only when its text changed), for callers that keep a point. */
  current(point: FolderPoint, only = false): PreparedFile | undefined {
    const c = this.cache(only ? `${point.folder}\0${point.file.name}` : point.folder);
    return this.prepared(c, point.folder, point.file.name, { n: 0 }, only ? undefined : this.dirOf(point.folder));
  }

  /** The prepared files of a folder after `name` (for references across the folder). */
  filesAfter(folder: string, point: FolderPoint): PreparedFile[] {
    const c = this.cache(folder);
    const counter = { n: 0 };
    const at = point.names.indexOf(point.file.name);
    const dir = this.dirOf(folder);
    return point.names.slice(at + 1).flatMap((n) => this.prepared(c, folder, n, counter, dir) ?? []);
  }

  /**
   * Lints one migration file of a folder: the files sorted before it build the state (cached), the file is
   * analysed against it with only itself counted as fresh (everything before it may be applied somewhere).
   */
  lintDocument(folder: string, name: string, opts: LintOptions = {}): DocumentLint | undefined {
    const point = this.stateBefore(folder, name);
    if (!point) return undefined;
    const result = lintFile(point.file, point.state.clone(), new Set(), opts);
    return { folder, file: point.file, result, reprepared: point.reprepared };
  }
}
