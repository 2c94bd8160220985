// The lint engine: replays base files into a SchemaState, then analyses each new file statement by statement
// against the state before it, applying Atlas's nolint rules. Pure and synchronous: the CLI and the editor share it.
import type { AnalyzerConfig } from '../config/types';
import type { Analyzer, Finding, StmtContext } from './analyzer';
import { analyzers as allAnalyzers } from './analyzers';
import { applyStatement } from './interpret';
import type { FileProblem, PreparedFile } from './prepare';
import { SchemaState } from './state';

export interface Diagnostic {
  Pos: number;
  Text: string;
  Code: string;
  SuggestedFixes?: Array<{ Message: string }>;
}

export interface Report {
  Text: string;
  Diagnostics: Diagnostic[];
}

export interface FileResult {
  name: string;
  version: string;
  /** file ignored by a bare `-- atlas:nolint` header */
  ignored: boolean;
  reports: Report[];
  /** analyzer names whose reports are errors */
  errors: string[];
  /** Atlas's FileReport.Error ("destructive changes detected; …") */
  error?: string;
  problems: FileProblem[];
  /** statements counted as changes */
  changes: number;
  /** findings with their analyzer (editor use) */
  findings: Array<Finding & { analyzer: string }>;
  /** milliseconds this file's analysis took (measured per file by lintFolder) */
  durationMs: number;
}

export interface LintOptions {
  /** per analyzer settings from atlas.hcl (`error = true|false`) */
  analyzers?: Record<string, AnalyzerConfig>;
  /**
   * Which tables count as holding no data yet: created by the file itself ('file', Atlas's own check) or by
   * any file of the new set linted so far ('new-set', the default: nothing in the new set has run anywhere).
   */
  freshScope?: 'file' | 'new-set';
  /** run only these analyzers (by name); all when absent */
  only?: string[];
}

/** Moves `state` forward over every statement of a file (base files, and after a file is analysed). */
export function applyFile(state: SchemaState, file: PreparedFile): void {
  for (const s of file.stmts) {
    if (s.node) applyStatement(state, s.node, file.name);
    else state.uncertain ??= `a statement that did not parse (${file.name})`;
  }
}

export function isErrorAnalyzer(a: Analyzer, opts: LintOptions): boolean {
  const e = opts.analyzers?.[a.name]?.error;
  return typeof e === 'boolean' ? e : a.defaultError;
}

/** Atlas's nolintRules: rules per statement position; `ignored` for a bare file-level nolint. */
function nolintRules(file: PreparedFile): { ignored: boolean; rules: Map<number, string[]> } {
  const rules = new Map<number, string[]>();
  if (file.nolint.length === 1 && file.nolint[0] === '') return { ignored: true, rules };
  const add = (pos: number, d: string) => rules.set(pos, [...(rules.get(pos) ?? []), ...d.split(' ')]);
  // One entry per split statement (a statement the parser splits further shares its position).
  const unique = file.stmts.filter((s, i) => i === 0 || file.stmts[i - 1].pos !== s.pos);
  for (const d of file.nolint) for (const s of unique) add(s.pos, d);
  for (const s of unique) for (const d of s.nolint ?? []) add(s.pos, d);
  return { ignored: false, rules };
}

function suppressed(rules: string[] | undefined, f: Finding, analyzer: string): boolean {
  if (!rules) return false;
  return (rules.length === 1 && rules[0] === '') || rules.includes(f.code) || rules.includes(analyzer);
}

/**
 * Analyses one file against `state` (the state before it) and moves `state` past the file.
 * `fresh` holds the names of files whose tables hold no data yet (this file is added to it).
 */
export function lintFile(file: PreparedFile, state: SchemaState, fresh: Set<string>, opts: LintOptions = {}): FileResult {
  const result: FileResult = {
    name: file.name,
    version: file.version,
    ignored: false,
    reports: [],
    errors: [],
    problems: file.problems,
    changes: file.changeCount,
    findings: [],
    durationMs: 0,
  };
  const scope = opts.freshScope ?? 'new-set';
  const freshNames = scope === 'file' ? new Set([file.name]) : new Set([...fresh, file.name]);
  fresh.add(file.name);
  const { ignored, rules } = nolintRules(file);
  if (ignored) {
    result.ignored = true;
    applyFile(state, file);
    return result;
  }
  const fileStart = state.clone();
  const settings = opts.analyzers ?? {};
  const active = opts.only ? allAnalyzers.filter((a) => opts.only!.includes(a.name)) : allAnalyzers;
  const found = new Map<Analyzer, Finding[]>(active.map((a) => [a, []]));
  file.stmts.forEach((stmt, at) => {
    if (stmt.node) {
      const ctx: StmtContext = {
        file: file.name,
        stmt,
        at,
        stmts: file.stmts,
        before: state,
        fileStart,
        isFresh: (t) => !!t?.origin && freshNames.has(t.origin),
        txmodeNone: file.txmodeNone,
        settings,
      };
      for (const a of active) found.get(a)!.push(...a.check(ctx));
      applyStatement(state, stmt.node, file.name);
    }
  });
  const errs: string[] = [];
  for (const a of active) {
    let fs = found.get(a)!;
    if (a.finish) fs = a.finish({ file: file.name, stmts: file.stmts, txmodeNone: file.txmodeNone }, fs);
    const kept = fs.filter((f) => !suppressed(rules.get(f.pos), f, a.name));
    if (!kept.length) continue;
    result.findings.push(...kept.map((f) => ({ ...f, analyzer: a.name })));
    result.reports.push({
      Text: a.header,
      Diagnostics: kept.map((f) => ({
        Pos: f.pos,
        Text: f.text,
        Code: f.code,
        ...(f.fixes?.length ? { SuggestedFixes: f.fixes.map((m) => ({ Message: m })) } : {}),
      })),
    });
    if (isErrorAnalyzer(a, opts)) {
      result.errors.push(a.name);
      errs.push(a.header);
    }
  }
  if (errs.length) result.error = errs.join('; ');
  return result;
}

export interface FolderLint {
  base: PreparedFile[];
  files: FileResult[];
  /** state after all files */
  state: SchemaState;
}

/**
 * Lints `files[newFrom..]` after replaying `files[..newFrom]` (from the last checkpoint among them).
 * Checkpoint files among the new ones are analysed last, from an empty state, as Atlas does.
 */
export function lintFolder(files: PreparedFile[], newFrom: number, opts: LintOptions = {}): FolderLint {
  return lintSets(files.slice(0, newFrom), files.slice(newFrom), opts);
}

/**
 * Lints `news` (in order) against the state `base` leaves (replayed from its last checkpoint): the files of a
 * folder after a point, one chosen file, or the files a `migrate apply` is about to run.
 */
export function lintSets(base: PreparedFile[], news: PreparedFile[], opts: LintOptions = {}): FolderLint {
  let start = 0;
  for (let i = base.length - 1; i >= 0; i--)
    if (base[i].checkpoint) {
      start = i;
      break;
    }
  const state = new SchemaState();
  for (const f of base.slice(start)) applyFile(state, f);
  const fresh = new Set<string>();
  const results: FileResult[] = [];
  const checkpoints: PreparedFile[] = [];
  for (const f of news) {
    if (f.checkpoint) {
      checkpoints.push(f);
      continue;
    }
    const t0 = performance.now();
    const r = lintFile(f, state, fresh, opts);
    r.durationMs = performance.now() - t0;
    // Atlas loads a first file with more than 10 statements (and no base) as one batch: one change.
    if (base.length === 0 && results.length === 0 && f.statementCount > 10) r.changes = Math.min(r.changes, 1);
    results.push(r);
  }
  for (const f of checkpoints) {
    const t0 = performance.now();
    const r = lintFile(f, new SchemaState(), new Set(), opts);
    r.durationMs = performance.now() - t0;
    results.push(r);
  }
  return { base, files: results, state };
}
