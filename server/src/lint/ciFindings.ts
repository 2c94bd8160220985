// The findings of a `migrate lint` run flattened for CI reports (SARIF, GitHub annotations): one entry per
// diagnostic, file problem or dev-replay failure, with the file's path for the CI, a 1-based line and column
// and the level the run gives it (error analyzers → error, the others → warning).
import type { ReplayFailure } from './devReplay';
import type { PreparedFile } from './prepare';
import type { LintRun } from './report';

export type CiLevel = 'error' | 'warning';

export interface CiFinding {
  /** lint code (DS103 …), or `syntax` / `replay` for file problems and dev database failures */
  ruleId: string;
  /** analyzer name (destructive …), `syntax` or `replay` */
  analyzer: string;
  level: CiLevel;
  message: string;
  /** the report header this diagnostic was listed under (e.g. "destructive changes detected") */
  header?: string;
  fixes: string[];
  /** path of the file as the CI sees it (relative to the working directory, `/` separators) */
  uri: string;
  line: number;
  /** 1-based column in UTF-16 code units */
  column: number;
}

/** 1-based line and UTF-16 column of a byte offset (lines end at `\n`). */
export function lineColumn(bytes: Uint8Array, pos: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(pos, bytes.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++)
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  const prefix = Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, end - lineStart).toString('utf8');
  return { line, column: prefix.length + 1 };
}

export function ciFindings(run: LintRun, uriOf: (file: string) => string, failure?: ReplayFailure): CiFinding[] {
  const files = new Map<string, PreparedFile>(run.news.map((f) => [f.name, f]));
  const at = (name: string, pos: number) => {
    const f = files.get(name);
    return { uri: uriOf(name), ...(f ? lineColumn(f.bytes, pos) : { line: 1, column: 1 }) };
  };
  const out: CiFinding[] = [];
  for (const r of run.results) {
    if (r.ignored) continue;
    for (const rep of r.reports)
      for (const d of rep.Diagnostics) {
        const analyzer = r.findings.find((f) => f.code === d.Code && f.pos === d.Pos)?.analyzer ?? '';
        out.push({
          ruleId: d.Code,
          analyzer,
          level: r.errors.includes(analyzer) ? 'error' : 'warning',
          message: d.Text,
          header: rep.Text,
          fixes: (d.SuggestedFixes ?? []).map((x) => x.Message),
          ...at(r.name, d.Pos),
        });
      }
    for (const p of r.problems) out.push({ ruleId: 'syntax', analyzer: 'syntax', level: 'error', message: p.message, fixes: [], ...at(r.name, p.byte) });
  }
  if (failure) out.push({ ruleId: 'replay', analyzer: 'replay', level: 'error', message: failure.message, fixes: [], ...at(failure.file, failure.pos) });
  return out;
}
