// Diagnostics conversion, quick fixes ("did you mean") and formatting edits for atlas.hcl. Pure functions.
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { ConfigDiagnostic, Fix } from '../config/diagnostic';
import type { HclDocument } from '../config/document';
import { formatHcl } from '../config/format';
import { commentsOf } from '../config/parser';

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

/** `source`: what the problem list shows beside it (`atlas.hcl`, or `atlas schema` for HCL schema files). */
export function toLspDiagnostic(d: ConfigDiagnostic, source = 'atlas.hcl'): Diagnostic {
  return { range: d.range, severity: SEVERITY[d.severity], message: d.message, source, code: d.code, data: d.fix ? { fix: d.fix } : undefined };
}

function isFix(v: unknown): v is Fix {
  const f = v as Fix | undefined;
  return !!f && typeof f.title === 'string' && typeof f.newText === 'string' && !!f.range;
}

/** Quick fixes carried by the diagnostics the client sends back with the request. */
export function codeActions(doc: HclDocument, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const fix = (d.data as { fix?: unknown } | undefined)?.fix;
    if (!isFix(fix)) continue;
    out.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [doc.uri]: [{ range: fix.range, newText: fix.newText }] } },
    });
  }
  return out;
}

/** Line edits turning the document into its canonical layout ([] when already formatted or not parseable). */
export function formatEdits(doc: HclDocument): TextEdit[] {
  const text = doc.parsed.text;
  const formatted = formatHcl(text, doc.parsed.file, commentsOf(doc.parsed));
  if (formatted === text) return [];
  const a = text.split('\n');
  const b = formatted.split('\n');
  if (a.length !== b.length) {
    return [{ range: { start: { line: 0, character: 0 }, end: { line: a.length, character: 0 } }, newText: formatted }];
  }
  const edits: TextEdit[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) edits.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: a[i].length } }, newText: b[i] });
  }
  return edits;
}
