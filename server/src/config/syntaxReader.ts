// The reading half of syntaxCheck.ts: tokens, positions, errors (one per line, HCL's terms) and error recovery.
import type { Range, SyntaxError } from './ast';
import { scanToken, type Tok } from './syntaxTokens';

export const MAX_DEPTH = 200;
const MAX_ERRORS = 50;
export const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
/** The rest of a quoted string on its line, escapes included (sticky: read from lastIndex). */
const STRING_REST = /[^"\n\\]*(?:\\.[^"\n\\]*)*"?/y;

/** Thrown after an error is recorded: the body loop skips to the next line and goes on. */
export class Bail {}

export class SyntaxReader {
  protected pos = 0;
  protected depth = 0;
  protected readonly errors: SyntaxError[] = [];
  protected readonly lineStarts: number[] = [0];
  /** an error consumed the rest of the file: blocks left open are a consequence, not news */
  protected atEofByError = false;
  /** closers of the brackets open while parsing an expression, and their state when the last error was thrown */
  protected readonly open: string[] = [];
  protected openAtFail: string[] = [];
  /** set by an error that knows where parsing should go on (an unclosed list whose next line is a new argument) */
  protected resumeAt: number | undefined;

  constructor(protected readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  // ── tokens ─────────────────────────────────────────────────────────────────────────────────────────────────────

  /** The next token; newlines are tokens only when `nl` (body level, object constructors). */
  protected peek(nl: boolean): Tok {
    // the checker looks at the same token several times (peek, then read): scan it once
    const last = nl ? this.lastNl : this.lastNoNl;
    const t = last && last.start >= this.pos && last.from === this.pos ? last.tok : this.scan(nl);
    if (t.kind === 'error') this.fail(t, t.text);
    return t;
  }

  private lastNl: { from: number; start: number; tok: Tok } | undefined;
  private lastNoNl: { from: number; start: number; tok: Tok } | undefined;

  private scan(nl: boolean): Tok {
    const tok = scanToken(this.text, this.pos, nl);
    const memo = { from: this.pos, start: tok.start, tok };
    if (nl) this.lastNl = memo;
    else this.lastNoNl = memo;
    return tok;
  }

  protected read(nl: boolean): Tok {
    const t = this.peek(nl);
    this.pos = t.end;
    return t;
  }

  protected expect(nl: boolean, text: string, message: (t: Tok) => string): Tok {
    const t = this.peek(nl);
    if (t.text !== text || t.kind === 'string') this.fail(t, message(t));
    return this.read(nl);
  }

  // ── errors ─────────────────────────────────────────────────────────────────────────────────────────────────────

  protected at(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.lineStarts[lo] };
  }

  protected rangeOf(start: number, end: number): Range {
    const s = this.at(start);
    const e = this.at(Math.max(end, start + 1));
    // a range never runs past its first line: a newline or end-of-file token is shown as one character at the line end
    return { start: s, end: e.line === s.line ? e : { line: s.line, character: s.character + 1 } };
  }

  protected fail(t: { start: number; end: number }, message: string, resumeAt?: number): never {
    this.report(t, message);
    this.bail(resumeAt);
  }

  /** Stops the current item after an error already reported. */
  protected bail(resumeAt?: number): never {
    this.openAtFail = [...this.open];
    this.resumeAt = resumeAt;
    throw new Bail();
  }

  /** Records an error (one per line) and goes on. */
  protected report(t: { start: number; end: number }, message: string): void {
    const range = this.rangeOf(t.start, t.end);
    const sameLine = this.errors.some((e) => e.range.start.line === range.start.line);
    if (!sameLine && this.errors.length < MAX_ERRORS) this.errors.push({ range, message });
  }

  /** The "{" that ends the line at `from` (comments aside), when the line looks like a block header. */
  protected headerBrace(from: number): number | undefined {
    const nl = this.text.indexOf('\n', from);
    const line = this.text
      .slice(from, nl < 0 ? undefined : nl)
      .replace(/\s*(#|\/\/).*$/, '')
      .trimEnd();
    return line.endsWith('{') ? from + line.length - 1 : undefined;
  }

  protected describe(t: Tok): string {
    if (t.kind === 'eof') return 'the end of the file';
    if (t.kind === 'nl') return 'the end of the line';
    if (t.kind === 'string') return 'a quoted string';
    return `"${t.text}"`;
  }

  /** After an error: go on with the next line (the line's rest is skipped, brackets and all). */
  protected skipLine(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl < 0 ? this.text.length : nl;
    if (nl < 0) this.atEofByError = true;
  }

  /** Runs f one level deeper; `closer`: the bracket f's expression must close (for recovery after an error in it). */
  protected nest<T>(t: Tok, f: () => T, closer?: string): T {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      this.atEofByError = true;
      this.pos = this.text.length;
      this.fail(t, 'Nesting too deep: more than 200 nested brackets, blocks or interpolations.');
    }
    if (closer) this.open.push(closer);
    try {
      return f();
    } finally {
      this.depth--;
      if (closer) this.open.pop();
    }
  }

  /** After an error inside brackets: skip to where the brackets open at that point are closed. */
  protected skipPending(pending: string[]): void {
    const want = [...pending];
    while (want.length) {
      const t = scanToken(this.text, this.pos, false);
      if (t.kind === 'eof') {
        this.pos = t.end;
        this.atEofByError = true;
        return;
      }
      this.pos = t.end;
      if (t.kind === 'string') {
        STRING_REST.lastIndex = this.pos;
        STRING_REST.exec(this.text);
        this.pos = Math.max(this.pos, STRING_REST.lastIndex);
      } else if (t.kind === 'punct' && CLOSERS[t.text]) want.push(CLOSERS[t.text]);
      else if (t.kind === 'punct' && t.text === want[want.length - 1]) want.pop();
    }
  }
}
