// Quick fixes for lint diagnostics: CONCURRENTLY + `-- atlas:txmode none`, NOT VALID + VALIDATE, and
// `-- atlas:nolint CODE` for the statement or the file. Pure: (document text, uri, diagnostics) → code actions.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { fileComments, fileDirectives } from '../migrate/directives';
import { positionAt } from '../sql/offsets';
import { nodeAs, parseSql, sqlParserReady } from '../sql/parser';
import { defaultConstraintName } from '../lint/state';
import { checkColumns } from '../lint/ddl';
import type { LintDiagnosticData } from './lintDiagnostics';

const ident = (s: string) => (/^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);

function insertAt(text: string, index: number, newText: string): TextEdit {
  const p = positionAt(text, index);
  return { range: { start: p, end: p }, newText };
}

function replace(text: string, start: number, end: number, newText: string): TextEdit {
  return { range: { start: positionAt(text, start), end: positionAt(text, end) }, newText };
}

/** Edit adding `atlas:<name> <arg>` to the file header (extends an existing directive line of that name). */
export function headerEdit(text: string, name: string, arg: string): TextEdit | undefined {
  const header = fileComments(text);
  const existing = fileDirectives(text)[name as 'nolint'] as string[] | undefined;
  if (header.length && existing?.length && existing[0] !== '') {
    if (existing[0].split(' ').includes(arg)) return undefined;
    // extend the first directive line of that name
    let offset = 0;
    for (const line of text.split('\n')) {
      if (new RegExp(`atlas:${name}(\\s|$)`).test(line)) return insertAt(text, offset + line.replace(/\s+$/, '').length, ` ${arg}`);
      offset += line.length + 1;
    }
  }
  if (name === 'txmode' && existing?.length) return undefined;
  return insertAt(text, 0, `-- atlas:${name} ${arg}\n${header.length ? '' : '\n'}`);
}

function action(title: string, uri: string, diagnostic: Diagnostic, edits: Array<TextEdit | undefined>, preferred = false): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred,
    edit: { changes: { [uri]: edits.filter((e): e is TextEdit => !!e) } },
  };
}

function concurrently(text: string, d: LintDiagnosticData): TextEdit | undefined {
  const stmt = text.slice(d.stmtStart, d.stmtEnd);
  const m = /^(CREATE\s+(?:UNIQUE\s+)?INDEX|DROP\s+INDEX)\b/i.exec(stmt);
  return m ? insertAt(text, d.stmtStart + m[0].length, ' CONCURRENTLY') : undefined;
}

/** ADD CONSTRAINT … CHECK/FOREIGN KEY → NOT VALID + VALIDATE; SET NOT NULL → CHECK NOT VALID, VALIDATE, SET NOT NULL. */
function splitValidate(text: string, d: LintDiagnosticData): string | undefined {
  if (!sqlParserReady()) return undefined;
  const stmt = text.slice(d.stmtStart, d.stmtEnd);
  const parsed = parseSql(stmt);
  if (!parsed.ok || parsed.stmts.length !== 1) return undefined;
  const alter = nodeAs(parsed.stmts[0].node, 'AlterTableStmt');
  const cmd = alter?.cmds?.length === 1 ? nodeAs(alter.cmds[0], 'AlterTableCmd') : undefined;
  if (!alter?.relation?.relname || !cmd) return undefined;
  const table = alter.relation.relname;
  const rel = [alter.relation.schemaname, table]
    .filter(Boolean)
    .map((x) => ident(x!))
    .join('.');
  const body = stmt.replace(/;\s*$/, '');
  if (cmd.subtype === 'AT_AddConstraint') {
    const c = nodeAs(cmd.def, 'Constraint');
    if (!c || (c.contype !== 'CONSTR_CHECK' && c.contype !== 'CONSTR_FOREIGN')) return undefined;
    const cols = c.contype === 'CONSTR_CHECK' ? checkColumns(c.raw_expr) : (c.fk_attrs ?? []).map((n) => nodeAs(n, 'String')?.sval ?? '');
    const name = c.conname ?? defaultConstraintName(table, cols, c.contype === 'CONSTR_CHECK' ? 'c' : 'f');
    return `${body} NOT VALID;\nALTER TABLE ${rel} VALIDATE CONSTRAINT ${ident(name)};`;
  }
  if (cmd.subtype === 'AT_SetNotNull' && cmd.name) {
    const name = `${table}_${cmd.name}_not_null`;
    return (
      `ALTER TABLE ${rel} ADD CONSTRAINT ${ident(name)} CHECK (${ident(cmd.name)} IS NOT NULL) NOT VALID;\n` +
      `ALTER TABLE ${rel} VALIDATE CONSTRAINT ${ident(name)};\n${body};`
    );
  }
  return undefined;
}

export function lintCodeActions(text: string, uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const diag of diagnostics) {
    const d = diag.data as LintDiagnosticData | undefined;
    if (d?.kind !== 'lint') continue;
    if (d.code === 'PG101' || d.code === 'PG102') {
      out.push(
        action('Use CONCURRENTLY and add the `-- atlas:txmode none` header', uri, diag, [headerEdit(text, 'txmode', 'none'), concurrently(text, d)], true),
      );
    } else if (d.code === 'PG103') {
      out.push(action('Add the `-- atlas:txmode none` header', uri, diag, [headerEdit(text, 'txmode', 'none')], true));
    } else if (d.code === 'PG305' || d.code === 'PG306' || d.code === 'PG303') {
      const split = splitValidate(text, d);
      if (split) out.push(action('Split into NOT VALID + VALIDATE', uri, diag, [replace(text, d.stmtStart, d.stmtEnd, split)], true));
    }
    if (d.stmtEnd > d.stmtStart) {
      const lineStart = text.lastIndexOf('\n', d.stmtStart - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart, d.stmtStart))?.[0] ?? '';
      const at = text.slice(lineStart, d.stmtStart).trim() === '' ? lineStart : d.stmtStart;
      out.push(
        action(`Ignore ${d.code} for this statement (atlas:nolint)`, uri, diag, [
          insertAt(text, at, `${at === lineStart ? indent : '\n'}-- atlas:nolint ${d.code}\n${at === lineStart ? '' : indent}`),
        ]),
      );
    }
    const fileEdit = headerEdit(text, 'nolint', d.code);
    if (fileEdit) out.push(action(`Ignore ${d.code} in this file (atlas:nolint)`, uri, diag, [fileEdit]));
  }
  return out;
}
