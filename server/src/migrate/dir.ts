// A migration folder as Atlas's `LocalDir` sees it: top-level `*.sql` files sorted byte-wise by name, their
// versions, descriptions, directives and statements, its atlas.sum. Opened from a `file://` URL (cmdmigrate.DirURL).
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import nodePath from 'node:path';
import { fileDirective, txmodeFor } from './directives';
import { splitStatements, type Stmt } from './splitter';
import { readSum, RunningHash, writeSumAtomic, type HashFile } from './sum';
import { fileVersion, fileDesc } from './version';
import { formatDesc, formatListing, formatSourceOffset, formatStmts, formatVersion, withDirFormat } from './formats';
import { detectForeignLayout, type ForeignLayout } from './formats/detect';

/** Directory formats Atlas knows (`?format=`); the foreign ones are read as in `formats/`. */
export const DIR_FORMATS = ['atlas', 'golang-migrate', 'goose', 'flyway', 'liquibase', 'dbmate'] as const;

/**
 * The format an env reads its migration folder with: the dir URL's `?format=`, else `migration { format }`, else
 * "atlas" (also when the URL cannot be parsed).
 */
export function migrationDirFormat(dirUrl: string | undefined, format?: string): string {
  try {
    return parseDirUrl(withDirFormat(dirUrl ?? 'file://migrations', format)).format;
  } catch {
    return 'atlas';
  }
}

/** Errors with a message meant for the user (Atlas's texts where Atlas has one). */
export class DirError extends Error {}

export interface DirUrl {
  /** the path as Atlas derives it (host + path, not yet resolved), "migrations" by default */
  path: string;
  format: string;
}

/** `cmdmigrate.DirURL` parsing: `file://<host><path>[?format=…]`. */
export function parseDirUrl(url: string): DirUrl {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(url);
  if (!m) {
    const p = url.split('?')[0];
    throw new DirError(`missing scheme for dir url. Did you mean ${JSON.stringify(`file://${p}`)}? `);
  }
  const scheme = m[1].toLowerCase();
  const rest = m[2];
  const q = rest.indexOf('?');
  const hier = (q < 0 ? rest : rest.slice(0, q)).split('#')[0];
  const query = new URLSearchParams(q < 0 ? '' : rest.slice(q + 1).split('#')[0]);
  if (scheme === 'mem' || scheme === 'atlas') {
    throw new DirError(`${scheme}:// migration directories are not supported by Atlas Workbench: use a local file:// directory`);
  }
  if (scheme !== 'file') throw new DirError(`unsupported driver ${JSON.stringify(scheme)}`);
  let host = '',
    p = '';
  if (hier.startsWith('//')) {
    const slash = hier.indexOf('/', 2);
    host = slash < 0 ? hier.slice(2) : hier.slice(2, slash);
    p = slash < 0 ? '' : hier.slice(slash);
  }
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  host = dec(host);
  p = dec(p);
  let joined = host || p ? nodePath.posix.join(host, p) : '';
  if (joined.length > 1 && joined.endsWith('/')) joined = joined.slice(0, -1); // Go's filepath.Join cleans
  if (joined === '') joined = 'migrations';
  const format = query.get('format') ?? '';
  if (format !== '' && !(DIR_FORMATS as readonly string[]).includes(format)) throw new DirError(`unknown dir format ${JSON.stringify(format)}`);
  return { path: joined, format: format || 'atlas' };
}

/**
 * Absolute folder of an env's `migration { dir }` URL (default `file://migrations`), relative to the atlas.hcl
 * folder: the one place editor code turns a dir URL into a path. Undefined when the URL names no local folder
 * parseDirUrl accepts (another scheme, an unknown `?format=`, …).
 */
export function migrationDirPath(configPath: string, dirUrl: string | undefined): string | undefined {
  try {
    return nodePath.resolve(nodePath.dirname(configPath), parseDirUrl(dirUrl ?? 'file://migrations').path);
  } catch {
    return undefined;
  }
}

function readError(display: string, name: string, e: unknown): DirError {
  const err = e as NodeJS.ErrnoException;
  const p = nodePath.join(display, name);
  const reasons: Record<string, string> = {
    EACCES: `open ${p}: permission denied`,
    EPERM: `open ${p}: operation not permitted`,
    EISDIR: `read ${p}: is a directory`,
    ENOENT: `open ${p}: no such file or directory`,
    ELOOP: `open ${p}: too many levels of symbolic links`,
    ERR_FS_FILE_TOO_LARGE: `read ${p}: file is too large (over 2 GiB)`,
  };
  return new DirError(`sql/migrate: read file ${JSON.stringify(name)}: ${reasons[err.code ?? ''] ?? err.message}`);
}

let shared = Buffer.allocUnsafe(1 << 20);

/** Reads a whole file into a shared buffer (open + read + close, no stat); the view is valid until the next call. */
function readView(p: string): Uint8Array {
  const fd = fs.openSync(p, 'r');
  try {
    let off = 0;
    for (;;) {
      if (off === shared.length) {
        const bigger = Buffer.allocUnsafe(shared.length * 2);
        shared.copy(bigger, 0, 0, off);
        shared = bigger;
      }
      const r = fs.readSync(fd, shared, off, shared.length - off, null);
      if (r === 0) break;
      off += r;
    }
    return shared.subarray(0, off);
  } finally {
    fs.closeSync(fd);
  }
}

export type Overlay = (name: string) => Uint8Array | string | undefined;

export class MigrationFile {
  private data?: Uint8Array;
  private decoded?: string;
  private split?: Stmt[];
  private toSource?: (byte: number) => number;
  readonly version: string;
  readonly desc: string;

  constructor(
    readonly dir: MigrationDir,
    readonly name: string,
    readonly nameBytes: Uint8Array | undefined,
    data?: Uint8Array | string,
  ) {
    this.version = formatVersion(dir.format, name) ?? fileVersion(name);
    this.desc = formatDesc(dir.format, name, fileDesc(name)) ?? fileDesc(name);
    if (typeof data === 'string') {
      this.decoded = data;
      this.data = Buffer.from(data, 'utf8');
    } else this.data = data;
  }

  get path(): string {
    return nodePath.join(this.dir.path, this.name);
  }

  /** Raw content (read on first use; throws DirError with Atlas's `read file` message). */
  get bytes(): Uint8Array {
    if (!this.data) {
      try {
        this.data = fs.readFileSync(this.path);
      } catch (e) {
        throw readError(this.dir.display, this.name, e);
      }
    }
    return this.data;
  }

  /** Content decoded as UTF-8 (invalid sequences become U+FFFD; see textProblem). */
  get text(): string {
    return (this.decoded ??= Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('utf8'));
  }

  /** File-level directive values (`LocalFile.Directive`). */
  directive(name: string): string[] {
    return fileDirective(this.text, name);
  }
  isCheckpoint(): boolean {
    return this.directive('checkpoint').length > 0;
  }
  checkpointTag(): string | undefined {
    return this.directive('checkpoint')[0];
  }
  /** "none" | "file" | "" (throws Atlas's txmode errors). */
  txmode(): '' | 'none' | 'file' {
    return txmodeFor(this.name, this.text);
  }
  /** Statements as the PostgreSQL driver splits them (throws SplitError). */
  stmts(): Stmt[] {
    return (this.split ??= formatStmts(this.dir.format, this.name, this.bytes, () => this.text) ?? splitStatements(this.bytes));
  }
  /** The byte offset in the file of a byte offset of the text stmts() read (the same for files read as they are). */
  sourceOffset(byte: number): number {
    this.toSource ??= formatSourceOffset(this.dir.format, this.name, this.text) ?? ((b: number) => b);
    return this.toSource(byte);
  }
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n > b.length - 1) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    const d = b[i + 1];
    if ((c === 0xe0 && d < 0xa0) || (c === 0xed && d > 0x9f) || (c === 0xf0 && d < 0x90) || (c === 0xf4 && d > 0x8f)) return i;
    i += n + 1;
  }
  return -1;
}

/** Why a file is not usable as SQL text (binary, invalid UTF-8), or undefined. Hashing still uses the raw bytes. */
export function textProblem(bytes: Uint8Array): string | undefined {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `binary content (NUL byte at offset ${nul})`;
  if (isUtf8(bytes)) return undefined;
  const bad = firstInvalidUtf8(bytes);
  return bad >= 0 ? `invalid UTF-8 (at byte offset ${bad})` : undefined;
}

export class MigrationDir {
  private listing?: Array<{ name: string; nameBytes?: Uint8Array }>;

  /**
   * @param path absolute folder path
   * @param display the path as written in the URL (used in Atlas-style messages)
   * @param overlay content of open editor documents by file name (wins over disk)
   */
  constructor(
    readonly path: string,
    readonly display: string,
    readonly url: string,
    private readonly overlay?: Overlay,
    readonly format = 'atlas',
  ) {}

  /** Top-level `*.sql` names, sorted byte-wise (fs.Glob(dir, "*.sql") + sort). Cached; call refresh() after changes. */
  names(): Array<{ name: string; nameBytes?: Uint8Array }> {
    if (!this.listing) {
      let names: string[];
      try {
        names = fs.readdirSync(this.path).filter((n) => n.endsWith('.sql'));
      } catch (e) {
        throw new DirError(`sql/migrate: open ${this.display}: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
      }
      // UTF-16 order equals UTF-8 byte order except around surrogates; names that are not valid UTF-8 need raw bytes.
      if (names.some((n) => /[\ud800-\udfff\ufffd]/.test(n))) {
        this.listing = fs
          .readdirSync(this.path, { encoding: 'buffer' })
          .filter((b) => b.length >= 4 && b.subarray(b.length - 4).toString('latin1') === '.sql')
          .sort(Buffer.compare)
          .map((b) => ({ name: b.toString('utf8'), nameBytes: b }));
      } else {
        this.listing = names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((name) => ({ name, nameBytes: undefined }));
      }
      if (this.format !== 'atlas') {
        try {
          this.listing = formatListing(this.format, this.path, this.listing);
        } catch (e) {
          throw new DirError(`sql/migrate: ${this.display}: ${(e as Error).message}`);
        }
      }
    }
    return this.listing;
  }

  refresh(): void {
    this.listing = undefined;
  }

  files(): MigrationFile[] {
    return this.names().map((n) => new MigrationFile(this, n.name, n.nameBytes, this.overlay?.(n.name)));
  }

  file(name: string): MigrationFile | undefined {
    return this.files().find((f) => f.name === name);
  }

  /**
   * The sum of the files as they are now (`Dir.Checksum`), streaming one file at a time through a reused buffer.
   * `inspect` sees each file's bytes (a view valid only during the call).
   */
  checksum(inspect?: (name: string, bytes: Uint8Array) => void): HashFile {
    const h = new RunningHash();
    const prefix = this.path.endsWith(nodePath.sep) ? this.path : this.path + nodePath.sep;
    for (const n of this.names()) {
      const over = this.overlay?.(n.name);
      let bytes: Uint8Array;
      if (over !== undefined) bytes = typeof over === 'string' ? Buffer.from(over, 'utf8') : over;
      else {
        try {
          bytes = readView(prefix + n.name);
        } catch (e) {
          throw readError(this.display, n.name, e);
        }
      }
      inspect?.(n.name, bytes);
      h.add(n.name, n.nameBytes, bytes);
    }
    return h.result();
  }

  /** The stored atlas.sum (undefined if absent; throws SumError if malformed). */
  readSum(): HashFile | undefined {
    return readSum(this.path);
  }

  /** Recomputes and writes atlas.sum atomically; returns what was written. */
  writeSum(file: HashFile = this.checksum()): HashFile {
    writeSumAtomic(this.path, file);
    return file;
  }

  checkpointFiles(): MigrationFile[] {
    return this.files().filter((f) => f.isCheckpoint());
  }

  /** Files from the last checkpoint on (all files when there is none): what runs on an empty database. */
  filesFromLastCheckpoint(): MigrationFile[] {
    const files = this.files();
    for (let i = files.length - 1; i >= 0; i--) if (files[i].isCheckpoint()) return files.slice(i);
    return files;
  }

  /**
   * The other tool whose folder this looks like (names, first bytes of the files) while it is read as Atlas format,
   * when its atlas.sum leaves that reading open: there is none, or it was written over the files that format counts
   * and not over the Atlas-format files. A folder whose atlas.sum matches its Atlas-format files (or is stale for
   * both readings) is an Atlas folder whatever its files look like: many real folders keep goose annotations and
   * are hashed and applied as Atlas format.
   */
  foreignLayout(): ForeignLayout | undefined {
    if (this.format !== 'atlas') return undefined;
    const head = (name: string) => {
      try {
        return Buffer.from(new MigrationFile(this, name, undefined, this.overlay?.(name)).bytes.subarray(0, 4096)).toString('utf8');
      } catch {
        return '';
      }
    };
    const found = detectForeignLayout(
      this.names().map((n) => n.name),
      head,
    );
    if (!found) return undefined;
    let stored: HashFile | undefined;
    try {
      stored = this.readSum();
    } catch {
      return undefined; // a broken atlas.sum is reported as such
    }
    if (!stored) return found;
    const text = stored.marshal();
    if (this.checksum().marshal() === text) return undefined;
    return new MigrationDir(this.path, this.display, this.url, this.overlay, found.format).checksum().marshal() === text ? found : undefined;
  }
}

export interface OpenDirOptions {
  /** create the folder if missing (migrate new) */
  create?: boolean;
  overlay?: Overlay;
}

/** Opens a migration folder from a `file://` URL (relative to cwd or absolute). Throws DirError. */
export function openDir(url: string, cwd: string, opts: OpenDirOptions = {}): MigrationDir {
  const u = parseDirUrl(url);
  const abs = nodePath.resolve(cwd, u.path);
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || !opts.create) {
      throw new DirError(`sql/migrate: stat ${u.path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
    fs.mkdirSync(abs, { recursive: true, mode: 0o755 });
    st = fs.statSync(abs);
  }
  if (!st.isDirectory()) throw new DirError(`sql/migrate: ${JSON.stringify(u.path)} is not a dir`);
  return new MigrationDir(abs, u.path, url, opts.overlay, u.format);
}

/** Opens a folder by path (editor use), read as `format` (an env's migrationDirFormat). */
export function openDirPath(absPath: string, overlay?: Overlay, format = 'atlas'): MigrationDir {
  return new MigrationDir(absPath, absPath, `file://${absPath}`, overlay, format);
}
