// Atlas's `migrate lint` outputs: the default text layout (migratelint DefaultTemplate as the CLI prints it)
// and the `{{ json . }}` SummaryReport shape.
import { lineOfPos } from '../migrate/splitter';
import type { FileResult } from './engine';
import type { PreparedFile } from './prepare';
import { projectUrl } from '../version';

export const docsUrl = (code: string): string =>
  code.startsWith('AW') ? `${projectUrl}/blob/main/docs/lint-rules.md#${code.toLowerCase()}` : `https://atlasgo.io/lint/analyzers#${code}`;

export interface LintRun {
  base: PreparedFile[];
  news: PreparedFile[];
  results: FileResult[];
  /** milliseconds per analysed file (by name) and in total */
  durations: Map<string, number>;
  totalMs: number;
}

/** Greedy word wrap at `width` characters (a word longer than the width stays on its own line). */
export function wrap(text: string, width = 85): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line === '') line = w;
    else if (line.length + 1 + w.length <= width) line += ' ' + w;
    else {
      out.push(line);
      line = w;
    }
  }
  out.push(line);
  return out;
}

/** Go's time.Duration.String for a millisecond value. */
export function goDuration(ms: number): string {
  const ns = Math.round(ms * 1e6);
  const trim = (v: number, digits: number) => v.toFixed(digits).replace(/\.?0+$/, '');
  if (ns < 1000) return `${ns}ns`;
  if (ns < 1e6) return `${trim(ns / 1e3, 3)}µs`;
  if (ns < 1e9) return `${trim(ns / 1e6, 6)}ms`;
  const s = ns / 1e9;
  if (s < 60) return `${trim(s, 9)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${trim(s - m * 60, 9)}s`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function status(r: FileResult): 'ok' | 'warnings' | 'errors' {
  if (r.error || r.problems.length) return 'errors';
  return r.reports.length ? 'warnings' : 'ok';
}

/** Problems (syntax / content) as Atlas-like file error text. */
export function problemText(r: FileResult, file: PreparedFile | undefined): string {
  return r.problems.map((p) => `L${file ? lineOfPos(file.bytes, p.byte) : 1}: ${p.message}`).join('; ');
}

export function renderText(run: LintRun): string {
  const shown = run.results.filter((r) => !r.ignored);
  const files = new Map(run.news.map((f) => [f.name, f]));
  const last = run.news[run.news.length - 1]?.version ?? '';
  const from = run.base[run.base.length - 1]?.version;
  let out = `Analyzing changes ${from !== undefined ? `from version ${from} to ${last}` : `until version ${last}`} (${plural(run.news.length, 'migration')} in total):\n\n`;
  let diagnostics = 0;
  let changes = 0;
  const counts = { ok: 0, warnings: 0, errors: 0 };
  for (const r of shown) {
    const f = files.get(r.name);
    out += `  -- analyzing version ${r.version}\n`;
    changes += r.changes;
    counts[status(r)]++;
    if (!r.reports.length && !r.problems.length) out += '    -- no diagnostics found\n';
    for (const rep of r.reports) {
      out += `    -- ${rep.Text}:\n`;
      const fixes: string[] = [];
      for (const d of rep.Diagnostics) {
        diagnostics++;
        const line = f ? lineOfPos(f.bytes, d.Pos) : 1;
        const [first, ...rest] = wrap(`${d.Text} ${docsUrl(d.Code)}`);
        out += `      -- L${line}: ${first}\n` + rest.map((l) => `         ${l}\n`).join('');
        for (const x of d.SuggestedFixes ?? []) fixes.push(x.Message);
      }
      if (fixes.length) {
        out += '    -- suggested fix:\n';
        for (const m of fixes) {
          const [first, ...rest] = wrap(m);
          out += `      -> ${first}\n` + rest.map((l) => `         ${l}\n`).join('');
        }
      }
    }
    if (r.problems.length) out += `    -- Error: ${problemText(r, f)}\n`;
    out += `  -- ok (${goDuration(run.durations.get(r.name) ?? 0)})\n\n`;
  }
  const parts: Array<[number, string]> = [
    [counts.ok, 'ok'],
    [counts.warnings, 'with warnings'],
    [counts.errors, 'with errors'],
  ];
  const versions = parts.filter(([n]) => n > 0).map(([n, what], i) => (i === 0 ? `${plural(n, 'version')} ${what}` : `${n} ${what}`));
  out += '  -------------------------\n';
  out += `  -- ${goDuration(run.totalMs)}\n`;
  if (versions.length) out += `  -- ${versions.join(', ')}\n`;
  out += `  -- ${plural(changes, 'schema change')}\n`;
  if (diagnostics) out += `  -- ${plural(diagnostics, 'diagnostic')}\n`;
  return out;
}

export interface SummaryExtras {
  driver: string;
  url?: Record<string, unknown>;
  dir: string;
  steps: Array<{ Name: string; Text?: string; Error?: string }>;
}

/** The SummaryReport JSON (Go's encoding/json field names, omitempty honoured). */
export function summaryJson(run: LintRun, extra: SummaryExtras): Record<string, unknown> {
  const files = new Map(run.news.map((f) => [f.name, f]));
  return {
    Env: { Driver: extra.driver, ...(extra.url ? { URL: extra.url } : {}), Dir: extra.dir },
    Schema: {},
    Steps: extra.steps,
    Files: run.results
      .filter((r) => !r.ignored)
      .map((r) => {
        const f = files.get(r.name);
        const error = [r.error, r.problems.length ? problemText(r, f) : undefined].filter(Boolean).join('; ');
        return {
          Name: r.name,
          Text: f?.text ?? '',
          ...(r.reports.length ? { Reports: r.reports } : {}),
          ...(error ? { Error: error } : {}),
        };
      }),
  };
}
