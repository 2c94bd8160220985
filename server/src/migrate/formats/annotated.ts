// Files whose up and down parts are marked by comments: goose (`-- +goose Up/Down`, `StatementBegin/End`) and
// dbmate (`-- migrate:up/down`). As Atlas's sqltool.GooseFile/DBMateFile, the up part is rewritten into a text the
// statement scanner reads; the down part is never read.
import { SplitError } from '../splitter';

/** Custom delimiter Atlas puts after each goose statement. */
export const GOOSE_DELIM = '-- ATLAS_DELIM_END';
const goosePragma = '-- +goose';
const dbmatePragma = '-- migrate:';
// Atlas's patterns, alternation included as written: any line containing "Down" (goose) or "down" (dbmate) is dropped.
const reGoosePragma = /-- \+goose Up|Down|StatementBegin|StatementEnd/;
const reDBMatePragma = /-- migrate:up|down/;

/** A misplaced goose pragma (Atlas's text), at a line of the file. */
export class PragmaError extends SplitError {
  constructor(message: string, line: number) {
    super(message, line, 1, 0);
  }
}

/** Lines as Go's bufio.Scanner (ScanLines) yields them: split on \n, a trailing \r dropped, no empty last line. */
export function scanLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

const enum State {
  None,
  Up,
  Begin,
  End,
}

/** A file's up part rewritten for the scanner, and where each of its lines comes from in the file. */
export interface UpPart {
  text: string;
  /** per line of `text`: the 0-based line of the original file it was taken from, -1 for a line Atlas adds */
  sourceLines: number[];
}

/** The goose file's up part as a text with an `atlas:delimiter` directive (`GooseFile.StmtDecls`). */
export function gooseUpText(name: string, text: string): string {
  return gooseUp(name, text).text;
}

/** gooseUpText with the origin of each line. */
export function gooseUp(name: string, text: string): UpPart {
  let state = State.None;
  const lines = [`-- atlas:delimiter ${GOOSE_DELIM}`, ''];
  const sourceLines = [-1, -1];
  const unexpected = (n: number, p: string) => new PragmaError(`sql/migrate: goose: ${name}:${n} unexpected goosePragma '${p}'`, n);
  const all = scanLines(text);
  for (let i = 0; i < all.length; i++) {
    let line = all[i];
    if (line.startsWith(goosePragma)) {
      const p = line.slice(goosePragma.length).trim();
      if (p === 'Up') {
        if (state !== State.None) throw unexpected(i + 1, p);
        state = State.Up;
      } else if (p === 'Down') {
        if (state !== State.Up) throw unexpected(i + 1, p);
        break;
      } else if (p === 'StatementBegin') {
        if (state !== State.Up) throw unexpected(i + 1, p);
        state = State.Begin;
      } else if (p === 'StatementEnd') {
        if (state !== State.Begin) throw unexpected(i + 1, p);
        state = State.End;
      }
    }
    if (!reGoosePragma.test(line) && state !== State.End) {
      line = line.replace(/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u, '');
      lines.push(line);
      sourceLines.push(i);
      if (state === State.Up && line.endsWith(';') && !line.startsWith('--')) {
        lines.push(GOOSE_DELIM);
        sourceLines.push(-1);
      }
    }
    if (state === State.End) {
      state = State.Up;
      lines.push(GOOSE_DELIM);
      sourceLines.push(-1);
    }
  }
  return { text: lines.join('\n'), sourceLines };
}

/** The dbmate file's up part (`DBMateFile.StmtDecls`): lines after `-- migrate:up` up to `-- migrate:down`. */
export function dbmateUpText(text: string): string {
  return dbmateUp(text).text;
}

/** dbmateUpText with the origin of each line. */
export function dbmateUp(text: string): UpPart {
  let up = false;
  const lines: string[] = [];
  const sourceLines: number[] = [];
  const all = scanLines(text);
  for (let i = 0; i < all.length; i++) {
    const line = all[i];
    if (line.startsWith(dbmatePragma)) {
      const p = line.slice(dbmatePragma.length).trim();
      if (p === 'up') up = true;
      else if (p === 'down') break;
    }
    if (!reDBMatePragma.test(line) && up) {
      lines.push(line);
      sourceLines.push(i);
    }
  }
  return { text: lines.join('\n'), sourceLines };
}

/**
 * Maps a byte offset in an up part's text to the byte offset of the same character in the original file (the
 * editor's positions): a column past a trimmed line end lands on that line's end, a line Atlas added on the start of
 * the next line taken from the file.
 */
export function upPartSourceOffset(part: UpPart, original: string): (byte: number) => number {
  const origStarts: number[] = [];
  const origLengths: number[] = [];
  let at = 0;
  for (const l of original.split('\n')) {
    origStarts.push(at);
    const len = Buffer.byteLength(l, 'utf8');
    origLengths.push(l.endsWith('\r') ? len - 1 : len);
    at += len + 1;
  }
  const upStarts: number[] = [];
  at = 0;
  for (const l of part.text.split('\n')) {
    upStarts.push(at);
    at += Buffer.byteLength(l, 'utf8') + 1;
  }
  return (byte: number) => {
    let lo = 0;
    let hi = upStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (upStarts[mid] <= byte) lo = mid;
      else hi = mid - 1;
    }
    let k = lo;
    let col = byte - upStarts[k];
    while (k < part.sourceLines.length && part.sourceLines[k] < 0) {
      k++;
      col = 0;
    }
    const src = part.sourceLines[k];
    if (src === undefined) return Buffer.byteLength(original, 'utf8');
    return origStarts[src] + Math.min(col, origLengths[src]);
  };
}
