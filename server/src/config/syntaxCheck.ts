// A strict reading of an HCL file that follows HCL's native syntax (hashicorp/hcl hclsyntax), only to find syntax
// errors and report each at the token where the file stops being valid, with HCL's own terms (summary: detail).
// tree-sitter's error recovery is not enough for this: it turns a file with one unterminated string into a single
// ERROR node from 1:1, and it accepts `a = 1 b = 2` on one line. The tree still feeds every other feature.
import type { SyntaxError } from './ast';
import { ExprChecker } from './syntaxExpr';
import { Bail, MAX_DEPTH } from './syntaxReader';
import { scanToken, type Tok } from './syntaxTokens';

export function checkSyntax(text: string): SyntaxError[] {
  return new Checker(text).run();
}

class Checker extends ExprChecker {
  run(): SyntaxError[] {
    try {
      this.body(undefined);
    } catch (e) {
      if (!(e instanceof Bail)) throw e;
    }
    return this.errors;
  }

  // ── bodies, blocks, arguments ──────────────────────────────────────────────────────────────────────────────────

  /** A body up to `}` (open = its `{`) or to the end of the file (top level). */
  private body(open: Tok | undefined): void {
    const base = this.open.length;
    for (;;) {
      const start = this.pos;
      try {
        const t = this.peek(true);
        if (t.kind === 'nl') {
          this.read(true);
          continue;
        }
        if (t.kind === 'eof') {
          if (open && !this.atEofByError)
            this.fail(
              open,
              'Unclosed configuration block: there is no closing "}" for this block before the end of the file (check the brace nesting below it).',
            );
          return;
        }
        if (open && t.text === '}' && t.kind === 'punct') {
          this.read(true);
          return;
        }
        if (t.kind === 'ident') {
          this.item();
          continue;
        }
        if (t.kind === 'string') this.fail(t, 'Invalid argument name: argument names must not be quoted.');
        if (t.text === '}' && !open) this.fail(t, 'Unexpected "}": no block is open here (one closing brace too many?).');
        this.fail(t, `Argument or block definition required: found ${this.describe(t)}; expected an argument (name = value) or a block (type "label" { … }).`);
      } catch (e) {
        if (!(e instanceof Bail)) throw e;
        if (this.resumeAt !== undefined && this.resumeAt > start) {
          this.pos = this.resumeAt;
          this.resumeAt = undefined;
          continue;
        }
        if (this.pos === start) this.pos = Math.max(this.pos, this.peekEnd());
        const pending = this.openAtFail.slice(base).reverse();
        this.openAtFail = [];
        if (pending.length) {
          this.skipPending(pending);
          this.skipLine();
          continue;
        }
        // an error in a block header: still read the block's body, so the brace nesting after it stays right
        const brace = this.headerBrace(start);
        if (brace !== undefined && brace >= this.pos && this.depth < MAX_DEPTH) {
          this.pos = brace;
          const open = this.read(true);
          try {
            this.nest(open, () => this.body(open));
          } catch (inner) {
            if (!(inner instanceof Bail)) throw inner;
          }
          continue;
        }
        this.skipLine();
      }
    }
  }

  /** Where the token at pos ends, without failing on it (error recovery must move forward). */
  private peekEnd(): number {
    return scanToken(this.text, this.pos, true).end;
  }

  private item(): void {
    const name = this.read(true);
    const t = this.peek(true);
    if (t.text === '=' && t.kind === 'punct') {
      this.read(true);
      this.expr(true);
      const end = this.peek(true);
      if (end.kind === 'nl' || end.kind === 'eof') return;
      if (end.text === ',')
        this.fail(end, 'Unexpected comma after argument: arguments are separated by newlines, not commas. An argument definition must end with a newline.');
      if (end.kind === 'punct' && (end.text === ']' || end.text === ')'))
        this.fail(end, `Unexpected "${end.text}" after the value of "${name.text}": no "${end.text === ']' ? '[' : '('}" is open here.`);
      this.fail(
        end,
        `Missing newline after argument: an argument definition must end with a newline; found ${this.describe(end)} after the value of "${name.text}".`,
      );
    }
    if (t.kind === 'string' || t.kind === 'ident' || (t.text === '{' && t.kind === 'punct')) {
      this.block(name);
      return;
    }
    if (t.kind !== 'nl' && t.kind !== 'eof' && this.headerBrace(t.start) !== undefined) this.fail(t, this.badLabel(name, t));
    const where = t.kind === 'nl' || t.kind === 'eof' ? name : t;
    this.fail(where, `Missing "=" after "${name.text}": an argument is written ${name.text} = value; a block is written ${name.text} "label" { … }.`);
  }

  private block(type: Tok): void {
    const labels: Tok[] = [];
    for (;;) {
      const t = this.peek(true);
      if (t.kind === 'string') {
        labels.push(t);
        this.string(this.read(true));
        continue;
      }
      if (t.kind === 'ident') {
        labels.push(this.read(true));
        continue;
      }
      if (t.text === '{' && t.kind === 'punct') break;
      if (t.text === '=' && t.kind === 'punct')
        this.fail(t, `Invalid block definition: "=" defines an argument and cannot follow the block labels of "${type.text}".`);
      if (t.kind === 'nl' || t.kind === 'eof') {
        const after = scanToken(this.text, t.end, false);
        if (after.text === '{' && after.kind === 'punct') {
          this.report(labels[labels.length - 1] ?? type, `Invalid block definition: the "{" of block "${type.text}" must be on the same line as its header.`);
          this.pos = after.start;
          break;
        }
        if (labels.length === 1 && t.kind === 'nl')
          this.fail(labels[0], `Missing "=" between "${type.text}" and its value (or "{" after the label, for a block).`);
        this.fail(
          labels[labels.length - 1] ?? type,
          `Invalid block definition: block "${type.text}" needs its content in "{" … "}", opened on the header line.`,
        );
      }
      this.fail(t, this.badLabel(type, t));
    }
    const open = this.read(true);
    const first = this.peek(true);
    if (first.kind === 'nl' || first.kind === 'eof' || first.text === '}') this.nest(open, () => this.body(open));
    else this.oneLineBody(open);
    const eol = this.peek(true);
    if (eol.kind !== 'nl' && eol.kind !== 'eof')
      this.fail(eol, `Missing newline after block definition: found ${this.describe(eol)} after the "}" of block "${type.text}".`);
  }

  private badLabel(type: Tok, t: Tok): string {
    return `Invalid block definition: a label of block "${type.text}" must be a quoted string (or a name), found ${this.describe(t)}; expected a label or "{".`;
  }

  /** `name "label" { arg = value }`: a one-line block holds exactly one argument. */
  private oneLineBody(open: Tok): void {
    const name = this.peek(true);
    if (name.kind !== 'ident') this.fail(name, `Argument or block definition required: found ${this.describe(name)} after "{".`);
    this.read(true);
    const eq = this.peek(true);
    if (eq.text !== '=' || eq.kind !== 'punct')
      this.fail(
        eq.kind === 'nl' || eq.kind === 'eof' ? name : eq,
        `Invalid single-argument block definition: a one-line block holds one argument written ${name.text} = value; put a nested block on a line of its own.`,
      );
    this.read(true);
    this.nest(open, () => this.expr(true));
    const end = this.peek(true);
    if (end.text === '}' && end.kind === 'punct') {
      this.read(true);
      return;
    }
    if (end.kind === 'eof') this.fail(open, 'Unclosed configuration block: there is no closing "}" for this block before the end of the file.');
    if (end.kind === 'nl')
      this.fail(
        end,
        'Invalid single-argument block definition: an argument on the line of its block\'s "{" makes a one-line block, which must be closed with "}" on the same line.',
      );
    this.fail(
      end,
      `Invalid single-argument block definition: a one-line block holds only one argument (missing newline after argument "${name.text}"); use one line per argument.`,
    );
  }
}
