// The expression and template half of syntaxCheck.ts (hclsyntax's expression grammar, checked, not built).
import { Bail, CLOSERS, SyntaxReader } from './syntaxReader';
import { scanToken, type Tok } from './syntaxTokens';

/** An odd number of unescaped double quotes: the line ends a string opened above it. */
const oddQuotes = (line: string) => (line.replace(/\\./g, '').match(/"/g)?.length ?? 0) % 2 === 1;
const BINARY = new Set(['==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '%']);

export class ExprChecker extends SyntaxReader {
  // ── expressions ────────────────────────────────────────────────────────────────────────────────────────────────

  /** An expression; `nl`: a newline ends it (body and object level) instead of being skipped (inside () and []). */
  protected expr(nl: boolean): void {
    for (;;) {
      this.operand(nl);
      const t = this.peek(nl);
      if (t.kind === 'punct' && BINARY.has(t.text)) {
        this.read(nl);
        continue;
      }
      if (t.kind === 'punct' && t.text === '?') {
        this.read(nl);
        this.expr(nl);
        this.expect(
          nl,
          ':',
          (x) => `Missing false expression in conditional: expected ":" and the value when the condition is false, found ${this.describe(x)}.`,
        );
        this.expr(nl);
      }
      return;
    }
  }

  protected operand(nl: boolean): void {
    let t = this.peek(nl);
    while (t.kind === 'punct' && (t.text === '!' || t.text === '-')) {
      this.read(nl);
      t = this.peek(nl);
    }
    this.term(nl);
    for (;;) {
      const p = this.peek(nl);
      if (p.kind !== 'punct') return;
      if (p.text === '.') {
        this.read(nl);
        const n = this.peek(nl);
        if (n.kind === 'ident' || n.kind === 'number' || n.text === '*') {
          this.read(nl);
          continue;
        }
        this.fail(n, `Invalid attribute name: a name is required after ".", found ${this.describe(n)}.`);
      }
      if (p.text === '[') {
        const open = this.read(nl);
        this.nest(
          open,
          () => {
            if (this.peek(false).text === '*') this.read(false);
            else this.expr(false);
            this.expect(false, ']', (x) => `Missing close bracket on index: expected "]", found ${this.describe(x)}.`);
          },
          ']',
        );
        continue;
      }
      return;
    }
  }

  protected term(nl: boolean): void {
    const t = this.read(nl);
    if (t.kind === 'number') return;
    if (t.kind === 'string') {
      this.string(t);
      return;
    }
    if (t.kind === 'heredoc') {
      this.heredoc(t);
      return;
    }
    if (t.kind === 'ident') {
      if (this.peek(nl).text === '(' && scanToken(this.text, this.pos, nl).kind === 'punct') this.nest(t, () => this.call(t), ')');
      return;
    }
    if (t.kind === 'punct' && t.text === '(') {
      this.nest(
        t,
        () => {
          this.expr(false);
          this.expect(
            false,
            ')',
            (x) => `Unbalanced parentheses: expected ")" to close the "(" on line ${this.at(t.start).line + 1}, found ${this.describe(x)}.`,
          );
        },
        ')',
      );
      return;
    }
    if (t.kind === 'punct' && t.text === '[') {
      this.nest(t, () => this.tuple(t), ']');
      return;
    }
    if (t.kind === 'punct' && t.text === '{') {
      this.nest(t, () => this.object(t), '}');
      return;
    }
    this.pos = t.start;
    if (t.kind === 'nl' || t.kind === 'eof')
      this.fail(t, 'Missing value: expected an expression (a string, number, reference, function call, list or object) here.');
    this.fail(
      t,
      `Invalid expression: expected the start of an expression (a string, number, reference, function call, list or object), found ${this.describe(t)}.`,
    );
  }

  protected call(name: Tok): void {
    const open = this.read(false);
    for (;;) {
      const t = this.peek(false);
      if (t.text === ')' && t.kind === 'punct') {
        this.read(false);
        return;
      }
      if (t.kind === 'eof') this.fail(open, `Unclosed "(" of the call to ${name.text}(): no ")" before the end of the file.`);
      this.expr(false);
      if (this.peek(false).text === '...') this.read(false);
      const sep = this.peek(false);
      if (sep.text === ',' && sep.kind === 'punct') {
        this.read(false);
        continue;
      }
      if (sep.text === ')' && sep.kind === 'punct') continue;
      this.fail(
        sep,
        `Missing argument separator: expected "," or ")" in the call to ${name.text}() opened on line ${this.at(open.start).line + 1}, found ${this.describe(sep)}.`,
        this.newLineBefore(sep),
      );
    }
  }

  protected tuple(open: Tok): void {
    if (this.isFor()) {
      this.skipBalanced(open);
      return;
    }
    for (;;) {
      const t = this.peek(false);
      if (t.text === ']' && t.kind === 'punct') {
        this.read(false);
        return;
      }
      if (t.kind === 'eof') this.fail(open, 'Unclosed "[": no "]" before the end of the file.');
      this.expr(false);
      const sep = this.peek(false);
      if (sep.text === ',' && sep.kind === 'punct') {
        this.read(false);
        continue;
      }
      if (sep.text === ']' && sep.kind === 'punct') continue;
      this.fail(
        sep,
        `Missing item separator: expected "," or "]" in the list opened on line ${this.at(open.start).line + 1}, found ${this.describe(sep)}.`,
        this.newLineBefore(sep),
      );
    }
  }

  protected object(open: Tok): void {
    if (this.isFor()) {
      this.skipBalanced(open);
      return;
    }
    for (;;) {
      const t = this.peek(true);
      if (t.kind === 'nl' || (t.text === ',' && t.kind === 'punct')) {
        this.read(true);
        continue;
      }
      if (t.text === '}' && t.kind === 'punct') {
        this.read(true);
        return;
      }
      if (t.kind === 'eof') this.fail(open, 'Unclosed "{" of an object: no "}" before the end of the file.');
      this.expr(true);
      const sep = this.peek(true);
      if (sep.kind !== 'punct' || (sep.text !== '=' && sep.text !== ':'))
        this.fail(sep, `Missing key/value separator: expected "=" or ":" after the key, found ${this.describe(sep)}.`);
      this.read(true);
      this.expr(true);
      const end = this.peek(true);
      if (end.kind === 'nl' || end.kind === 'eof' || (end.kind === 'punct' && (end.text === ',' || end.text === '}'))) continue;
      this.fail(end, `Missing attribute separator: expected a newline or "," after an object element, found ${this.describe(end)}.`);
    }
  }

  /** A token on a later line than the end of the previous item: the bracket was most likely left unclosed, and the
   * token starts the next argument; parsing goes on there. */
  protected newLineBefore(t: Tok): number | undefined {
    return this.text.slice(this.pos, t.start).includes('\n') ? t.start : undefined;
  }

  protected isFor(): boolean {
    const t = this.peek(false);
    return t.kind === 'ident' && t.text === 'for' && scanToken(this.text, t.end, false).kind === 'ident';
  }

  /** `[for …]` / `{for …}`: checked for balanced brackets and strings only. */
  protected skipBalanced(open: Tok): void {
    const stack = [CLOSERS[open.text]];
    while (stack.length) {
      const t = this.read(false);
      if (t.kind === 'eof') this.fail(open, `Unclosed "${open.text}" of a for expression: no "${CLOSERS[open.text]}" before the end of the file.`);
      if (t.kind === 'string') this.string(t);
      else if (t.kind === 'heredoc') this.heredoc(t);
      else if (t.kind === 'punct' && CLOSERS[t.text]) stack.push(CLOSERS[t.text]);
      else if (t.kind === 'punct' && t.text === stack[stack.length - 1]) stack.pop();
      else if (t.kind === 'punct' && [')', ']', '}'].includes(t.text)) this.fail(t, `Unexpected "${t.text}": expected "${stack[stack.length - 1]}".`);
    }
  }

  // ── templates ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** A quoted template; `open` is its opening quote (already read). */
  protected string(open: Tok): void {
    const s = this.text;
    let i = open.end;
    for (;;) {
      const c = s[i];
      if (c === undefined || c === '\n' || (c === '\r' && s[i + 1] === '\n')) {
        this.report(
          { start: open.start, end: i },
          'Unterminated string: no closing quote on this line. A quoted string cannot span lines; use \\n or a heredoc (<<EOT) for text on several lines.',
        );
        // like HCL, a string whose closing quote is on a later line is read up to it (that line's quotes are odd)
        const next = c === undefined ? -1 : s.indexOf('\n', i) + 1;
        const nextEnd = s.indexOf('\n', next);
        if (next > 0 && oddQuotes(s.slice(next, nextEnd < 0 ? undefined : nextEnd))) {
          i = next;
          continue;
        }
        this.pos = i;
        this.bail();
      }
      if (c === '"') {
        this.pos = i + 1;
        return;
      }
      if (c === '\\') {
        const m = /^\\(?:[nrt"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})/.exec(s.slice(i, i + 10));
        if (!m) {
          this.pos = i;
          this.fail(
            { start: i, end: i + 2 },
            `Invalid escape sequence: "\\${s[i + 1] ?? ''}" is not an escape HCL knows (\\n, \\r, \\t, \\", \\\\, \\uNNNN, \\UNNNNNNNN); write "\\\\" for a backslash.`,
          );
        }
        i += m[0].length;
        continue;
      }
      if ((c === '$' || c === '%') && s[i + 1] === c && s[i + 2] === '{') {
        i += 3;
        continue;
      }
      // a quoted string ends on its line: after an error in it, parsing goes on after the line
      if ((c === '$' || c === '%') && s[i + 1] === '{') {
        i = this.sequence(i, () => this.skipLine());
        continue;
      }
      i++;
    }
  }

  /** `${ … }` / `%{ … }` at i in a string or heredoc; returns where its text goes on. After an error in it, `resume`
   * moves pos past the string or heredoc, not to the next "}" of the file. */
  protected sequence(i: number, resume: () => void): number {
    const seq: Tok = { kind: 'punct', text: `${this.text[i]}{`, start: i, end: i + 2 };
    this.pos = i + 2;
    try {
      this.nest(seq, () => this.interpolation(seq, seq.text === '%{'), '}');
    } catch (e) {
      if (e instanceof Bail) {
        this.openAtFail = this.openAtFail.slice(0, this.open.length);
        resume();
      }
      throw e;
    }
    return this.pos;
  }

  protected interpolation(open: Tok, directive: boolean): void {
    if (this.text[this.pos] === '~') this.pos++;
    if (directive) {
      // %{ if … } / %{ for … } / %{ else } / %{ endif } (and their ~ strip markers): checked for balance only
      for (;;) {
        const t = scanToken(this.text, this.pos, false);
        this.pos = t.end;
        if (t.kind === 'eof') this.fail(open, 'Unclosed template directive: no "}" after "%{" before the end of the file.');
        if (t.kind === 'string') this.string(t);
        if (t.text === '}' && t.kind === 'punct') return;
      }
    }
    this.expr(false);
    // `~}`: the strip marker before the closing brace
    if (this.peek(false).text === '~') this.read(false);
    const close = this.peek(false);
    if (close.text !== '}' || close.kind !== 'punct')
      this.fail(open, `Unclosed template interpolation: no "}" ends this "\${" (found ${this.describe(close)} after its expression).`);
    this.read(false);
  }

  /** `<<EOT` / `<<-EOT` … a line holding only EOT. */
  protected heredoc(open: Tok): void {
    const marker = open.text.replace(/^<<-?/, '');
    const eol = this.text.indexOf('\n', open.end);
    if (this.text.slice(open.end, eol < 0 ? undefined : eol).trim() !== '')
      this.fail(open, `Invalid heredoc: "${open.text}" must be followed by a newline; the text starts on the next line.`);
    const bodyStart = eol < 0 ? this.text.length : eol + 1;
    for (let at = bodyStart; at < this.text.length;) {
      const next = this.text.indexOf('\n', at);
      const end = next < 0 ? this.text.length : next;
      if (this.text.slice(at, end).trim() === marker) {
        this.heredocBody(bodyStart, at, end);
        return;
      }
      at = end + 1;
    }
    this.pos = this.text.length;
    this.atEofByError = true;
    this.fail(open, `Unterminated heredoc: no line holding only "${marker}" closes "${open.text}" before the end of the file.`);
  }

  /** The interpolations of a heredoc's text [from, to); its closing marker line ends at `end`. */
  private heredocBody(from: number, to: number, end: number): void {
    const s = this.text;
    for (let i = from; i < to;) {
      const c = s[i];
      if ((c === '$' || c === '%') && s[i + 1] === c && s[i + 2] === '{') i += 3;
      else if ((c === '$' || c === '%') && s[i + 1] === '{')
        i = this.sequence(i, () => {
          this.pos = end;
        });
      else i++;
    }
    this.pos = Math.max(this.pos, end);
  }
}
