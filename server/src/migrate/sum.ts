// atlas.sum: computing (NewHashFile), serialising (MarshalText), parsing (UnmarshalText), comparing (Validate)
// and writing it atomically. Byte-compatible with sql/migrate/dir.go.
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { goTrimSpace, sumIgnored } from './directives';

export const SUM_FILE = 'atlas.sum';

export interface SumEntry {
  name: string;
  /** base64 of the cumulative sha256, without `h1:` */ hash: string;
}

export class HashFile {
  constructor(readonly entries: SumEntry[]) {}

  private cachedSum?: string;

  /** `HashFile.Sum`: sha256 over every name and base64 hash string (computed once; entries are not modified). */
  sum(): string {
    if (this.cachedSum === undefined) {
      const h = createHash('sha256');
      for (const e of this.entries) {
        h.update(e.name, 'utf8');
        h.update(e.hash, 'utf8');
      }
      this.cachedSum = h.digest('base64');
    }
    return this.cachedSum;
  }

  /** `HashFile.MarshalText`: the exact atlas.sum content. */
  marshal(): string {
    let out = `h1:${this.sum()}\n`;
    for (const e of this.entries) out += `${e.name} h1:${e.hash}\n`;
    return out;
  }

  sumByName(name: string): string | undefined {
    return this.entries.find((e) => e.name === name)?.hash;
  }
}

export interface HashInput {
  name: string;
  nameBytes?: Uint8Array;
  bytes: Uint8Array;
}

/** Incremental `NewHashFile`: feed files in order, get the HashFile. */
export class RunningHash {
  private readonly h = createHash('sha256');
  private readonly entries: SumEntry[] = [];

  add(name: string, nameBytes: Uint8Array | undefined, bytes: Uint8Array): void {
    if (nameBytes) this.h.update(nameBytes);
    else this.h.update(name, 'utf8');
    if (sumIgnored(bytes)) return;
    this.h.update(bytes);
    this.entries.push({ name, hash: this.h.copy().digest('base64') });
  }

  result(): HashFile {
    return new HashFile(this.entries);
  }
}

/** `NewHashFile`: one running sha256 over name‖bytes of every file (bytes skipped for `atlas:sum ignore`). */
export function computeHashFile(files: Iterable<HashInput>): HashFile {
  const h = new RunningHash();
  for (const f of files) h.add(f.name, f.nameBytes, f.bytes);
  return h.result();
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a === b || (a.length === b.length && Buffer.compare(a, b) === 0);

/**
 * `NewHashFile` that remembers the running state after each file: when only file k changed since the last call
 * (the editor case), files before k are not hashed again.
 */
export class IncrementalHash {
  private names: string[] = [];
  private bytes: Uint8Array[] = [];
  private states: Hash[] = [];
  private entries: Array<SumEntry | undefined> = [];

  compute(files: HashInput[]): HashFile {
    let i = 0;
    const n = Math.min(files.length, this.names.length);
    while (i < n && files[i].name === this.names[i] && sameBytes(files[i].bytes, this.bytes[i])) i++;
    const h = i === 0 ? createHash('sha256') : this.states[i - 1].copy();
    this.names.length = this.bytes.length = this.states.length = this.entries.length = i;
    for (const f of files.slice(i)) {
      h.update(f.nameBytes ?? Buffer.from(f.name, 'utf8'));
      let entry: SumEntry | undefined;
      if (!sumIgnored(f.bytes)) {
        h.update(f.bytes);
        entry = { name: f.name, hash: h.copy().digest('base64') };
      }
      this.names.push(f.name);
      this.bytes.push(f.bytes);
      this.states.push(h.copy());
      this.entries.push(entry);
    }
    return new HashFile(this.entries.filter((e): e is SumEntry => e !== undefined));
  }
}

/** Errors whose text is Atlas's (`checksum file format invalid`, `checksum mismatch`, `checksum file not found`). */
export class SumError extends Error {}

export const ErrChecksumFormat = 'checksum file format invalid';
export const ErrChecksumMismatch = 'checksum mismatch';
export const ErrChecksumNotFound = 'checksum file not found';

/** Lines as Go's bufio.Scanner(ScanLines) yields them: split on \n, one trailing \r dropped, no empty final token. */
function scanLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

export interface ParsedSum {
  file: HashFile;
  /** the stored directory sum (first line minus `h1:`) */ stored: string;
  /** 0-based line index of each entry */ lines: number[];
}

/** `HashFile.UnmarshalText`. Throws SumError on a malformed file or when the stored sum does not match its entries. */
export function parseSum(content: string | Uint8Array): ParsedSum {
  const text = typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
  const [first = '', ...rest] = scanLines(text);
  const stored = first.startsWith('h1:') ? first.slice(3) : first;
  const entries: SumEntry[] = [];
  const lines: number[] = [];
  rest.forEach((line, i) => {
    const at = line.indexOf('h1:');
    if (at < 0) throw new SumError(ErrChecksumFormat);
    entries.push({ name: goTrimSpace(line.slice(0, at)), hash: line.slice(at + 3) });
    lines.push(i + 1);
  });
  const file = new HashFile(entries);
  if (stored !== file.sum()) throw new SumError(ErrChecksumMismatch);
  return { file, stored, lines };
}

/** Reads `<dir>/atlas.sum`; undefined when it does not exist. Throws SumError when malformed. */
export function readSum(dirPath: string): HashFile | undefined {
  let b: Buffer;
  try {
    b = fs.readFileSync(path.join(dirPath, SUM_FILE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SumError(`read ${SUM_FILE}: ${(e as Error).message}`);
  }
  return parseSum(b).file;
}

/** Our temp file names: `.<target>.<pid>.<random base36>.tmp` (see writeFileAtomic). */
const TEMP_NAME = /^\.(.+)\.(\d+)\.([0-9a-z]+)\.tmp$/;

/** The target name and writer pid of one of our temp files, or undefined for any other name. */
export function ourTempFile(name: string): { target: string; pid: number } | undefined {
  const m = TEMP_NAME.exec(name);
  return m ? { target: m[1], pid: Number(m[2]) } : undefined;
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files of ours left in `dirPath` by writers that died between write and rename (killed mid-write):
 * only names matching our pattern whose pid is not a live process (never this process's own). Returns the names
 * removed; best effort (a file that cannot be removed is left).
 */
export function removeStaleTemps(dirPath: string, alive: (pid: number) => boolean = pidAlive): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dirPath);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    const t = ourTempFile(n);
    if (!t || t.pid === process.pid || alive(t.pid)) continue;
    try {
      fs.rmSync(path.join(dirPath, n), { force: true });
      removed.push(n);
    } catch {
      /* best effort */
    }
  }
  return removed;
}

/** Test hook: a path (a FIFO) read after the temp file is written and before the rename, holding the writer there. */
const HOLD_ENV = 'ATLAS_WB_TEST_HOLD_BEFORE_RENAME';

/** Writes content to `<dir>/<name>` through a temp file in the same folder + rename: never half-written. */
export function writeFileAtomic(dirPath: string, name: string, content: string | Uint8Array): void {
  removeStaleTemps(dirPath);
  const tmp = path.join(dirPath, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'w', 0o644);
    try {
      fs.writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const hold = process.env[HOLD_ENV];
    if (hold) {
      fs.writeSync(2, `atlas-wb: holding ${tmp} before rename\n`);
      fs.readFileSync(hold);
    }
    fs.renameSync(tmp, path.join(dirPath, name));
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* best effort */
    }
    const err = e as NodeJS.ErrnoException;
    const reasons: Record<string, string> = {
      EACCES: 'permission denied',
      EROFS: 'read-only file system',
      ENOSPC: 'no space left on device',
      EISDIR: 'is a directory',
      EPERM: 'operation not permitted',
    };
    throw new SumError(`write ${path.join(dirPath, name)}: ${reasons[err.code ?? ''] ?? err.message} (the previous ${name} was left untouched)`);
  }
}

/** Writes `atlas.sum` atomically (temp file + rename). */
export function writeSumAtomic(dirPath: string, file: HashFile): void {
  writeFileAtomic(dirPath, SUM_FILE, file.marshal());
}

export type Reason = 'added' | 'edited' | 'removed';

/** Atlas's `*ChecksumError`: its message is always `checksum mismatch`. */
export class ChecksumError extends Error {
  constructor(
    /** 1-based line in atlas.sum (the first line holds the directory sum) */
    readonly line: number,
    readonly total: number,
    /** byte offset of that line in atlas.sum */
    readonly pos: number,
    readonly file: string,
    readonly reason: Reason,
  ) {
    super(ErrChecksumMismatch);
  }

  /** `L<line>: <file> was <reason>` */
  get detail(): string {
    return `L${this.line}: ${this.file} was ${this.reason}`;
  }
}

/** `Validate`'s mismatch analysis between the parsed (stored) and computed sums; undefined when they agree. */
export function compareSums(stored: HashFile, computed: HashFile): ChecksumError | undefined {
  if (stored.sum() === computed.sum()) return undefined;
  const ac = stored.entries,
    ex = computed.entries;
  const hashSize = 3 + 44;
  let pos = hashSize + 1;
  for (let i = 0; i < ac.length; i++) {
    const h = ac[i];
    if (ex.length > i && ex[i].name === h.name && ex[i].hash === h.hash) {
      pos += Buffer.byteLength(h.name) + 1 + hashSize + 1;
      continue;
    }
    const idx = ex.findIndex((e) => e.name === h.name);
    if (idx < 0) return new ChecksumError(i + 2, ac.length, pos, h.name, 'removed');
    if (idx === i) return new ChecksumError(i + 2, ac.length, pos, h.name, 'edited');
    return new ChecksumError(i + 2, ac.length, pos, ex[i].name, 'added');
  }
  return new ChecksumError(ac.length + 2, ac.length, pos, ex[ac.length]?.name ?? '', 'added');
}

/** Atlas's `partial_hashes`: `h1:` + base64 of the running sha256 over statement texts 1..i. */
export function partialHashes(stmts: Array<string | { text: string }>): string[] {
  const h = createHash('sha256');
  return stmts.map((s) => {
    h.update(typeof s === 'string' ? s : s.text, 'utf8');
    return `h1:${h.copy().digest('base64')}`;
  });
}
