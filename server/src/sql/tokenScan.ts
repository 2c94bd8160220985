// Index-based helpers over a token list for tolerant scans (keywords, punctuation, parentheses, top-level parts).
import type { Token } from './tokens';

export class TokenScan {
  constructor(readonly t: Token[]) {}

  kw(j: number, ...words: string[]): boolean {
    const x = this.t[j];
    return !!x && x.kind === 'word' && words.includes(x.value);
  }

  punct(j: number, p: string): boolean {
    const x = this.t[j];
    return !!x && (x.kind === 'punct' || x.kind === 'op') && x.value === p;
  }

  /** skips IF [NOT] EXISTS at j; returns [next, found] */
  ifExists(j: number): [number, boolean] {
    if (this.kw(j, 'if') && this.kw(j + 1, 'exists')) return [j + 2, true];
    if (this.kw(j, 'if') && this.kw(j + 1, 'not') && this.kw(j + 2, 'exists')) return [j + 3, true];
    return [j, false];
  }

  /** index after the `)` matching the `(` at j (tokens.length when unclosed) */
  close(j: number): number {
    let depth = 0;
    for (let k = j; k < this.t.length; k++) {
      if (this.punct(k, '(')) depth++;
      else if (this.punct(k, ')') && --depth === 0) return k + 1;
    }
    return this.t.length;
  }

  /** top-level comma-separated parts of [a, b) */
  parts(a: number, b: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let depth = 0;
    let from = a;
    for (let k = a; k < b; k++) {
      if (this.punct(k, '(')) depth++;
      else if (this.punct(k, ')')) depth--;
      else if (depth === 0 && this.punct(k, ',')) {
        out.push([from, k]);
        from = k + 1;
      }
    }
    if (from < b || from === a) out.push([from, b]);
    return out;
  }
}
