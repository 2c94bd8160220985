// Statement splitting exactly as Atlas's `migrate.Scanner` (sql/migrate/lex.go) does it, with the options the
// PostgreSQL driver uses by default. The scanner walks the raw UTF-8 bytes (held as a latin1 "byte string", one
// char per byte) so every position is a byte offset, as in Go. Only ASCII is ever compared, and Unicode white space
// is decoded where Go's unicode.IsSpace is used, which makes byte stepping equivalent to Go's rune stepping.
import { spaceAt, toByteString, trimSpaceBytes, utf8 } from './byteText';
import { stmtDirective } from './directives';

export { lineOfPos, toByteString } from './byteText';

export interface ScannerOptions {
  matchBegin?: boolean;
  matchBeginAtomic?: boolean;
  matchDollarQuote?: boolean;
  backslashEscapes?: boolean;
  escapedStringExt?: boolean;
  hashComments?: boolean;
  /** Fail on a dollar-quoted string left open at the end of the input (Atlas passes it on to the database). */
  strictDollarQuote?: boolean;
}

/** `sql/postgres/driver.go:Driver.ScanStmts` options. */
export const pgScannerOptions: ScannerOptions = {
  matchBegin: true,
  matchBeginAtomic: true,
  matchDollarQuote: true,
  escapedStringExt: true,
};

export interface Stmt {
  /** Atlas's `Stmt.Pos`: byte offset counted from the scan input (after an `atlas:delimiter` first line, which Atlas does not count). */
  pos: number;
  /** Byte offset of the statement start in the whole file (differs from `pos` only in files with a delimiter directive). */
  start: number;
  /** Byte offset just after the statement (its delimiter included) in the whole file. */
  end: number;
  /** Statement text as Atlas returns it: trimmed; the default `;` kept, a custom delimiter stripped. */
  text: string;
  /** The comment group attached to the statement (raw, newline included). */
  comments: string[];
  /** Values of the statement-level `atlas:<name>` directives (Atlas's `Stmt.Directive`). */
  directive(name: string): string[];
}

/** A scan error, message formatted as Atlas's `<line>:<col>: <msg>` (byte column). */
export class SplitError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface SplitOptions extends ScannerOptions {
  /** Use this delimiter instead of `;` (the `-- atlas:delimiter` first line still wins). */
  delimiter?: string;
}

class BudgetError extends SplitError {}

interface ScanShared {
  steps: number;
  budget: number;
  memo: Map<number, number>;
}

const EOS = -1;
const DEFAULT_DELIM = ';';
const DELIM_CMD = 'delimiter';
// Dollar quote tag: [A-Za-zÈ-ÿ_][\wÈ-ÿ]* where È-ÿ (U+00C8-U+00FF) is C3 88..C3 BF in UTF-8.
const reDollarQuote = /\$(?:(?:[A-Za-z_]|\xC3[\x88-\xBF])(?:[A-Za-z0-9_]|\xC3[\x88-\xBF])*)*\$/y;
const reBeginAtomic = /[\t\n\f\r ]*BEGIN[\t\n\f\r ]+ATOMIC[\t\n\f\r ]+/iy;
const reBegin = /[\t\n\f\r ]*BEGIN[\t\n\f\r ]+/iy;
const reEnd = /^[\t\n\f\r ]*END[\t\n\f\r ]*/i;
const reDelimDirective = /([ -~]*)atlas:(\w+)(?: +([^\n]+))*/y;

const quoteRune = (q: number) => (q === 0x27 ? `'\\''` : `'${String.fromCharCode(q)}'`);
const goQuote = (s: string) => JSON.stringify(Buffer.from(s, 'latin1').toString('utf8'));

class Scanner {
  private buf = '';
  private srcStart = 0; // where this scanner's src begins in buf
  private start = 0; // s.input = buf[start:]
  pos = 0;
  total = 0;
  private width = 0;
  delim = DEFAULT_DELIM;
  private comments: string[] = [];

  constructor(
    private readonly opts: ScannerOptions,
    private readonly shared: ScanShared,
  ) {}

  init(buf: string, start: number, delim = DEFAULT_DELIM): void {
    this.buf = buf;
    this.srcStart = start;
    this.start = start;
    this.comments = [];
    this.pos = 0;
    this.total = 0;
    this.width = 0;
    this.delim = delim;
    reDelimDirective.lastIndex = start;
    const m = reDelimDirective.exec(buf);
    if (m && m[2] === 'delimiter' && m[1] === '-- ') {
      this.setDelim(m[3] ?? '');
      const nl = buf.indexOf('\n', start);
      if (nl < 0) throw this.error(this.pos, `no input found after delimiter ${goQuote(m[3] ?? '')}`);
      this.start = nl + 1;
    }
  }

  get inputLen(): number {
    return this.buf.length - this.start;
  }
  /** s.input starts with `p` at input offset i */
  private has(i: number, p: string): boolean {
    return this.buf.startsWith(p, this.start + i);
  }
  private at(i: number): number {
    return i < this.inputLen ? this.buf.charCodeAt(this.start + i) : EOS;
  }
  private sticky(re: RegExp, i: number): RegExpExecArray | null {
    re.lastIndex = this.start + i;
    return re.exec(this.buf);
  }

  next(): number {
    if (this.pos >= this.inputLen) return EOS;
    if (++this.shared.steps > this.shared.budget) {
      throw new BudgetError(
        'statement splitting gave up: too many BEGIN blocks without a matching END (Atlas rescans the rest of the file for each one)',
        1,
        0,
        0,
      );
    }
    this.width = 1;
    this.addPos(1);
    return this.buf.charCodeAt(this.start + this.pos - 1);
  }
  pick(): number {
    return this.at(this.pos);
  }
  addPos(p: number): void {
    this.pos += p;
    this.total += p;
  }

  /** Returns the raw statement (start offset in buf, byte text) or undefined at EOF. */
  stmt(): RawStmt | undefined {
    let depth = 0,
      openingPos = 0,
      text: string;
    this.skipSpaces();
    for (;;) {
      const r = this.next();
      if (r === EOS) {
        if (depth > 0) throw this.error(openingPos, `unclosed '('`);
        if (this.pos > 0) {
          text = this.buf.slice(this.start);
          break;
        }
        return undefined;
      } else if (r === 0x28) {
        if (depth === 0) openingPos = this.pos;
        depth++;
      } else if (r === 0x29) {
        if (depth === 0) throw this.error(this.pos, `unexpected ')'`);
        depth--;
      } else if (r === 0x27 || r === 0x22 || r === 0x60) {
        this.skipQuote(r);
      } else if (this.pos === 1 && this.inputLen > DELIM_CMD.length && this.buf.slice(this.start, this.start + DELIM_CMD.length).toLowerCase() === DELIM_CMD) {
        this.addPos(DELIM_CMD.length - 1);
        this.delimCmd();
        this.skipSpaces();
      } else if (depth === 0 && this.has(this.pos - this.width, this.delim)) {
        this.addPos(this.delim.length - this.width);
        text = this.buf.slice(this.start, this.start + this.pos);
        break;
      } else if (this.opts.matchDollarQuote && r === 0x24 && this.sticky(reDollarQuote, this.pos - 1)) {
        this.skipDollarQuote();
      } else if (r === 0x23 && this.opts.hashComments) {
        this.comment('#', '\n');
      } else if (r === 0x2d && this.pick() === 0x2d) {
        this.next();
        this.comment('--', '\n');
      } else if (r === 0x2f && this.pick() === 0x2a) {
        this.next();
        this.comment('/*', '*/');
      } else if (this.delim === DEFAULT_DELIM && this.opts.matchBeginAtomic && this.sticky(reBeginAtomic, this.pos - 1)) {
        if (this.skipNested(reBeginAtomic, false)) {
          text = this.buf.slice(this.start, this.start + this.pos);
          break;
        }
      } else if (
        this.delim === DEFAULT_DELIM &&
        this.opts.matchBegin &&
        ((this.pos === 1 && this.sticky(reBegin, this.pos - 1)) || (this.pos > 1 && this.sticky(reBegin, this.pos - 2)))
      ) {
        if (this.skipNested(reBegin, true)) {
          text = this.buf.slice(this.start, this.start + this.pos);
          break;
        }
      }
    }
    return this.emit(text);
  }

  private skipQuote(quote: number): void {
    const pos = this.pos;
    const escaped =
      !!this.opts.backslashEscapes || (!!this.opts.escapedStringExt && this.pos > 0 && (this.at(this.pos - 1) === 0x45 || this.at(this.pos - 1) === 0x65));
    for (;;) {
      const r = this.next();
      if (r === EOS) throw this.error(pos, `unclosed quote ${quoteRune(quote)}`);
      if (r === 0x5c && escaped) this.next();
      else if (r === quote) return;
    }
  }

  private skipDollarQuote(): void {
    const m = this.sticky(reDollarQuote, this.pos - 1)![0];
    const opening = this.pos;
    this.addPos(m.length - 1);
    for (;;) {
      const r = this.next();
      if (r === EOS) {
        if (this.delim === '') throw this.error(this.pos, 'unclosed dollar-quoted string');
        if (this.opts.strictDollarQuote) throw this.error(opening, `unclosed dollar-quoted string ${m}`);
        return;
      }
      if (r === 0x24 && this.has(this.pos - 1, m)) {
        this.addPos(m.length - 1);
        return;
      }
    }
  }

  /** BEGIN ATOMIC … END (isBegin=false) and BEGIN … END; (isBegin=true). False: not such a block. */
  private skipNested(re: RegExp, isBegin: boolean): boolean {
    // Atlas looks for the block opener at pos-1 (even when MatchBegin fired on the pos-2 form) and has
    // already moved past it when the body fails to scan: the caller then goes on from there.
    const found = this.sticky(re, this.pos - 1);
    if (!found) return false;
    this.addPos(found[0].length - 1);
    // Memoised by body offset: the body scan depends only on the bytes from there on, and without this an
    // unmatched BEGIN inside an unmatched BEGIN … re-scans the rest of the file exponentially often.
    const key = (isBegin ? 1 : 2) * (this.buf.length + 1) + this.start + this.pos;
    let total = this.shared.memo.get(key);
    if (total === undefined) {
      total = this.scanBody(isBegin);
      this.shared.memo.set(key, total);
    }
    if (total < 0) return false;
    this.addPos(total);
    return true;
  }

  /** Total bytes of the block body up to its END statement, or -1 when it is not a block. */
  private scanBody(isBegin: boolean): number {
    const body = new Scanner(this.opts, this.shared);
    try {
      body.init(this.buf, this.start + this.pos);
      for (;;) {
        const st = body.stmt();
        if (!st) return -1; // unexpected eof
        const t = st.text;
        const e = reEnd.exec(t);
        if (!e) continue;
        if (!isBegin || e[0].length === t.length || t.slice(e[0].length) === this.delim) break;
      }
    } catch (e) {
      if (e instanceof BudgetError) throw e;
      return -1;
    }
    return body.total;
  }

  private comment(left: string, right: string): void {
    const i = this.buf.indexOf(right, this.start + this.pos);
    if (i < 0) return;
    const rel = i - this.start - this.pos;
    if (this.pos !== left.length) {
      this.addPos(rel + right.length);
      return;
    }
    this.addPos(rel + right.length);
    this.comments.push(this.buf.slice(this.start, this.start + this.pos));
    this.start += this.pos;
    this.pos = 0;
    if (this.has(0, '\n\n') || (right === '\n' && this.has(0, '\n'))) this.comments = [];
    this.skipSpaces();
  }

  skipSpaces(): void {
    let n: number;
    const before = this.start;
    while (this.start < this.buf.length && (n = spaceAt(this.buf, this.start)) > 0) this.start += n;
    this.total += this.start - before;
  }

  private emit(raw: string): RawStmt {
    const st: RawStmt = { pos: this.total - raw.length, absEnd: this.start + this.pos, raw, comments: this.comments, text: raw };
    this.start += this.pos;
    this.pos = 0;
    this.comments = [];
    let t = raw;
    if (this.delim !== DEFAULT_DELIM && t.endsWith(this.delim)) t = t.slice(0, t.length - this.delim.length);
    st.text = trimSpaceBytes(t);
    return st;
  }

  private delimCmd(): void {
    if (this.pick() !== 0x20) return;
    for (let r = this.pick(); r !== EOS && r !== 0x0a; r = this.next()) {
      /* scan to end of line */
    }
    let d = trimSpaceBytes(this.buf.slice(this.start + DELIM_CMD.length, this.start + this.pos));
    if (d.startsWith(`'`) && d.endsWith(`'`)) d = d.slice(1, -1).replaceAll(`''`, `'`);
    this.setDelim(d);
    this.emit(this.buf.slice(this.start, this.start + this.pos));
  }

  private setDelim(d: string): void {
    if (d === '') throw new SplitError('empty delimiter', 1, 0, 0);
    this.delim = d.replace(/\\[nrt]/g, (m) => (m === '\\n' ? '\n' : m === '\\r' ? '\r' : '\t'));
  }

  private error(pos: number, msg: string): SplitError {
    const p = this.start - this.srcStart + pos;
    const src = this.buf.slice(this.srcStart, this.srcStart + p);
    const nl = src.lastIndexOf('\n');
    let line = 1;
    for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) line++;
    const col = line === 1 ? p : p - nl - 1;
    return new SplitError(`${line}:${col}: ${msg}`, line, col, this.srcStart + p);
  }
}

interface RawStmt {
  pos: number;
  absEnd: number;
  raw: string;
  text: string;
  comments: string[];
}

/**
 * Splits a migration file into statements as Atlas's PostgreSQL driver does (`Driver.ScanStmts`).
 * Throws SplitError (`<line>:<col>: unclosed quote '\''`, …) where Atlas fails.
 */
export function splitStatements(input: string | Uint8Array, opts: SplitOptions = pgScannerOptions): Stmt[] {
  const buf = toByteString(input);
  const sc = new Scanner(opts, { steps: 0, budget: Math.max(4 * buf.length + 1e6, Math.min(64 * buf.length, 4e8)), memo: new Map() });
  sc.init(buf, 0, opts.delimiter ?? DEFAULT_DELIM);
  const out: Stmt[] = [];
  for (let st = sc.stmt(); st; st = sc.stmt()) {
    const comments = st.comments.map(utf8);
    const start = st.absEnd - st.raw.length;
    out.push({
      pos: st.pos,
      start,
      end: st.absEnd,
      text: utf8(st.text),
      comments,
      directive: (name: string) => stmtDirective(comments, name),
    });
  }
  return out;
}
