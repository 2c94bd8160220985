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

/** The goose file's up part as a text with an `atlas:delimiter` directive (`GooseFile.StmtDecls`). */
export function gooseUpText(name: string, text: string): string {
  let state = State.None;
  const lines = [`-- atlas:delimiter ${GOOSE_DELIM}`, ''];
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
      if (state === State.Up && line.endsWith(';') && !line.startsWith('--')) lines.push(GOOSE_DELIM);
    }
    if (state === State.End) {
      state = State.Up;
      lines.push(GOOSE_DELIM);
    }
  }
  return lines.join('\n');
}

/** The dbmate file's up part (`DBMateFile.StmtDecls`): lines after `-- migrate:up` up to `-- migrate:down`. */
export function dbmateUpText(text: string): string {
  let up = false;
  const lines: string[] = [];
  for (const line of scanLines(text)) {
    if (line.startsWith(dbmatePragma)) {
      const p = line.slice(dbmatePragma.length).trim();
      if (p === 'up') up = true;
      else if (p === 'down') break;
    }
    if (!reDBMatePragma.test(line) && up) lines.push(line);
  }
  return lines.join('\n');
}
