// Diagnostics produced by the config checks (plain data: the LSP layer converts them), and "did you mean" helpers.
import type { Range } from './ast';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Fix {
  title: string;
  range: Range;
  newText: string;
}

export interface ConfigDiagnostic {
  range: Range;
  severity: Severity;
  message: string;
  /** stable id of the check, e.g. "unknown-attribute" */
  code: string;
  /** quick fix ("did you mean") */
  fix?: Fix;
}

/** Optimal string alignment distance (Levenshtein with transpositions). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 3) return Math.abs(m - n);
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/** The closest candidate within a small distance (case-insensitive), if any. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = name.length <= 3 ? 1 : name.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const dist = editDistance(name.toLowerCase(), c.toLowerCase());
    if (dist < bestD && dist <= limit) {
      best = c;
      bestD = dist;
    }
  }
  return best;
}

export function didYouMean(
  message: string,
  range: Range,
  name: string,
  candidates: Iterable<string>,
  code: string,
  severity: Severity = 'error',
  wrap = (s: string) => s,
): ConfigDiagnostic {
  const guess = closest(name, candidates);
  return {
    range,
    severity,
    code,
    message: guess ? `${message} Did you mean "${guess}"?` : message,
    fix: guess ? { title: `Change to "${guess}"`, range, newText: wrap(guess) } : undefined,
  };
}
