// "References to nothing": a statement that names a table, column, index, constraint, type or enum label that
// does not exist at that point of the migration history. Errors only where the state is certain (tables, columns,
// indexes, labels with nothing opaque before them); a DO block, function call, extension or unparsable statement
// before makes them hints, and names the state tracks only approximately (constraints, types) are warnings.
// A did-you-mean suggestion comes with a quick fix replacing the name token. Pure: (document) → diagnostics.
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { SqlRef } from '../lint/sqlRefs';
import type { SchemaState } from '../lint/state';
import { positionAt } from '../sql/offsets';
import { candidates, closest, enumOf, resolveRef } from './sqlObjects';
import { backwards } from './sqlNavigation';
import { lineOf, refKey, relKey, walkFile, type SqlDoc } from './sqlIntelModel';

export const SQLREF_SOURCE = 'atlas sql';

export interface SqlRefData {
  kind: 'sqlref';
  replacement?: string;
}

const what: Record<SqlRef['kind'], string> = {
  table: 'table',
  column: 'column',
  index: 'index',
  constraint: 'constraint',
  type: 'type',
  schema: 'schema',
  label: 'enum label',
};

const systemName = (r: SqlRef) => r.name.startsWith('pg_') || r.schema === 'pg_catalog' || r.schema === 'information_schema';

export function sqlRefDiagnostics(doc: SqlDoc): Diagnostic[] {
  const text = doc.point.file.text;
  const out: Diagnostic[] = [];
  walkFile(doc.point.file, doc.point.state).forEach((w, index) => {
    if (w.stmt.error || !w.stmt.nodes.length) return;
    const made = new Set<string>();
    for (const r of w.stmt.refs) {
      if (r.role === 'create' || r.role === 'rename') {
        made.add(refKey(r));
        continue;
      }
      if (r.guarded || r.name === '' || systemName(r) || r.kind === 'schema') continue;
      if (r.kind === 'label' ? !enumOf(r, w.before) : false) continue;
      if (resolveRef(r, w.before) || made.has(refKey(r))) continue;
      if ((r.kind === 'column' || r.kind === 'constraint') && !tableKnown(r, w.before, made)) continue;
      if (r.kind === 'table' && w.before.views.has(`${r.schema ?? w.before.defaultSchema}.${r.name}`)) continue;
      if (r.kind === 'type' && r.name.includes('(')) continue;
      const approximate = r.kind === 'constraint' || r.kind === 'type';
      const severity = r.loose || w.before.uncertain ? DiagnosticSeverity.Hint : approximate ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
      const owner = r.table ? ` of table "${r.table.name}"` : '';
      const en = r.kind === 'label' ? enumOf(r, w.before) : undefined;
      let message = en ? `"${r.name}" is not a label of enum ${en.name} (${en.labels.join(', ')})` : `${what[r.kind]} "${r.name}"${owner} does not exist here`;
      const gone = droppedAt(doc, index, r);
      if (gone) message += ` (${gone})`;
      const suggestion = closest(r.name, candidates(r, w.before));
      if (suggestion) message += `; did you mean "${suggestion}"?`;
      if (severity === DiagnosticSeverity.Hint && w.before.uncertain) message += ` (not certain: ${w.before.uncertain} ran before)`;
      const data: SqlRefData = { kind: 'sqlref', ...(suggestion ? { replacement: suggestion } : {}) };
      out.push({
        range: { start: positionAt(text, r.start), end: positionAt(text, r.end) },
        severity,
        source: SQLREF_SOURCE,
        code: `missing-${r.kind}`,
        message,
        data,
      });
    }
  });
  return out;
}

function tableKnown(r: SqlRef, state: SchemaState, made: Set<string>): boolean {
  if (!r.table) return false;
  return !!state.table(r.table.schema, r.table.name) || made.has(`table:${relKey(r.table, state.defaultSchema)}`);
}

/** "file:line" of the statement that dropped the object a reference names, searching back from statement `index`. */
function droppedAt(doc: SqlDoc, index: number, r: SqlRef): string | undefined {
  const key = refKey(r);
  let n = 0;
  for (const h of backwards(doc, index - 1)) {
    if (++n > 5000) return undefined;
    const where = `${h.file.name}:${lineOf(h.file.text, h.stmt.index) + 1}`;
    if (h.stmt.refs.some((x) => x.role === 'drop' && refKey(x) === key)) return `dropped in ${where}`;
    const renamed = h.stmt.refs.find((x) => x.role === 'rename' && x.kind === r.kind);
    if (renamed && h.stmt.refs.some((x) => x.role === 'alter' && refKey(x) === key)) return `renamed to "${renamed.name}" in ${where}`;
    if (h.stmt.refs.some((x) => x.role === 'create' && refKey(x) === key)) return undefined;
  }
  return undefined;
}

/** Quick fixes: replace a name with the did-you-mean suggestion. */
export function sqlRefCodeActions(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = d.data as SqlRefData | undefined;
    if (data?.kind !== 'sqlref' || !data.replacement) continue;
    out.push({
      title: `Change to "${data.replacement}"`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [uri]: [{ range: d.range, newText: data.replacement }] } },
    });
  }
  return out;
}
