// Lint results → LSP diagnostics: one per finding on its statement, codes linking to their documentation,
// syntax and content problems at their position. Pure.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { LintStatement } from '../lint/analyzer';
import { analyzers } from '../lint/analyzers';
import { isErrorAnalyzer, type FileResult, type LintOptions } from '../lint/engine';
import type { PreparedFile } from '../lint/prepare';
import { docsUrl } from '../lint/report';
import { positionAt } from '../sql/offsets';

export const LINT_SOURCE = 'atlas lint';

/** What a lint diagnostic carries for its quick fixes. */
export interface LintDiagnosticData {
  kind: 'lint';
  code: string;
  analyzer: string;
  /** UTF-16 range of the statement in the document */
  stmtStart: number;
  stmtEnd: number;
}

/** UTF-16 index just past a statement in its document. */
export function statementEnd(s: Pick<LintStatement, 'index' | 'text' | 'endIndex'>): number {
  return s.endIndex ?? s.index + s.text.length;
}

export function statementRange(text: string, s: Pick<LintStatement, 'index' | 'text' | 'endIndex'>): Range {
  return { start: positionAt(text, s.index), end: positionAt(text, statementEnd(s)) };
}

function statementAt(file: PreparedFile, pos: number): LintStatement | undefined {
  return file.stmts.find((s) => s.pos === pos);
}

/** Word (or single character) at a UTF-16 index, for syntax error ranges. */
function tokenEnd(text: string, index: number): number {
  const m = /^(?:[A-Za-z_0-9$]+|"[^"\n]*"|'[^'\n]*'|\S)/.exec(text.slice(index, index + 200));
  return index + (m ? m[0].length : 0);
}

export function lintDiagnostics(file: PreparedFile, result: FileResult, opts: LintOptions = {}): Diagnostic[] {
  const text = file.text;
  const out: Diagnostic[] = [];
  for (const p of result.problems) {
    out.push({
      range: { start: positionAt(text, p.index), end: positionAt(text, Math.max(p.index + 1, tokenEnd(text, p.index))) },
      severity: DiagnosticSeverity.Error,
      source: LINT_SOURCE,
      message: p.message,
    });
  }
  if (result.ignored) return out;
  const severity = new Map(analyzers.map((a) => [a.name, isErrorAnalyzer(a, opts) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning]));
  for (const f of result.findings) {
    const stmt = f.pos === 0 && f.code === 'PG103' ? undefined : statementAt(file, f.pos);
    const range = stmt
      ? statementRange(text, stmt)
      : { start: { line: 0, character: 0 }, end: positionAt(text, Math.max(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'))) };
    const fixes = f.fixes?.length ? `\nSuggested fix: ${f.fixes.join('; ')}` : '';
    const data: LintDiagnosticData = {
      kind: 'lint',
      code: f.code,
      analyzer: f.analyzer,
      stmtStart: stmt?.index ?? 0,
      stmtEnd: stmt ? statementEnd(stmt) : 0,
    };
    out.push({
      range,
      severity: severity.get(f.analyzer) ?? DiagnosticSeverity.Warning,
      source: LINT_SOURCE,
      code: f.code,
      codeDescription: { href: docsUrl(f.code) },
      message: f.text + fixes,
      data,
    });
  }
  return out;
}
