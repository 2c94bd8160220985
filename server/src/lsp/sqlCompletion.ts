// Completion in migration files and desired-state SQL: the statement being typed is scanned tolerantly up to the
// cursor (a placeholder stands for the word not typed yet); what the scan expects there (a table, a column of
// that table, a type, an index, a constraint, an enum label, a schema) is offered from the state at that point.
// Atlas directives are offered in comments. Pure: (model, document path, params) → items.
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { analyzers } from '../lint/analyzers';
import { extensionFunctions } from '../lint/interpretTypes';
import type { SqlRef } from '../lint/sqlRefs';
import { statementRefs } from '../lint/sqlStatementRefs';
import type { SchemaState } from '../lint/state';
import { qualify } from '../lint/state';
import { positionAt } from '../sql/offsets';
import { tokenize, type Token } from '../sql/tokens';
import { builtinTypes, enumOf } from './sqlObjects';
import { fileStatements, offsetAt, stateAt, type SqlDoc } from './sqlIntelModel';

const directives: Array<{ label: string; detail: string; header: boolean }> = [
  { label: 'atlas:txmode none', detail: 'run this file outside a transaction (CREATE INDEX CONCURRENTLY)', header: true },
  { label: 'atlas:txmode file', detail: 'run this file in its own transaction', header: true },
  { label: 'atlas:nolint', detail: 'skip lint checks (all, or the analyzers / codes named after it)', header: false },
  { label: 'atlas:delimiter', detail: 'statements of this file are separated by the given delimiter', header: true },
  { label: 'atlas:checkpoint', detail: 'this file is a checkpoint: the whole schema up to this version', header: true },
];

export function sqlCompletion(doc: SqlDoc, pos: Position): CompletionItem[] {
  const text = doc.point.file.text;
  const off = offsetAt(text, pos);
  const from = fileStatements(doc.point.file).reduce((m, s) => (s.index <= off && s.index > m ? s.index : m), 0);
  const tokens = tokenize(text, from, off);
  const last = tokens[tokens.length - 1];
  if (last?.kind === 'comment' && last.end >= off) return directiveItems(text, last, off, from === 0 && tokens.every((t) => t.kind === 'comment'));
  let stmt = tokens;
  const semi = tokens.map((t) => t.kind === 'punct' && t.value === ';').lastIndexOf(true);
  if (semi >= 0) stmt = tokens.slice(semi + 1);
  const { state } = stateAt(doc, stmt.length ? stmt[0].start : off);
  if (last?.kind === 'string' && last.open) {
    const ref = statementRefs(stmt).find((r) => r.kind === 'label' && r.start === last.start);
    const type = ref && enumOf(ref, state);
    if (!type) return [];
    const quote = text.indexOf("'", last.start);
    const range = { start: positionAt(text, quote + 1), end: pos };
    return type.labels.map((l) => ({ label: l, kind: CompletionItemKind.EnumMember, detail: `${type.name} label`, textEdit: { range, newText: l } }));
  }
  const partial = last && (last.kind === 'word' || last.kind === 'quoted') && last.end === off ? last : undefined;
  const placeholder: Token = partial ?? { kind: 'word', start: off, end: off, value: '' };
  const withPh = partial ? stmt : [...stmt, placeholder];
  const refs = statementRefs(withPh);
  const ref = refs.find((r) => r.start === placeholder.start && r.kind !== 'schema');
  const prev = withPh[withPh.length - 2];
  const items = ref ? refItems(ref, refs, state) : [];
  if (prev?.kind === 'word' && prev.value === 'default' && (!ref || ref.kind !== 'label')) items.push(...defaultItems(state));
  if (ref?.kind === 'column' && ref.role === 'drop' && prev?.value === 'drop')
    for (const k of ['COLUMN', 'CONSTRAINT']) items.push({ label: k, kind: CompletionItemKind.Keyword });
  return items;
}

function refItems(ref: SqlRef, refs: SqlRef[], state: SchemaState): CompletionItem[] {
  if (ref.role === 'create' || ref.role === 'rename') return [];
  const schema = ref.schema ?? state.defaultSchema;
  switch (ref.kind) {
    case 'table': {
      const out: CompletionItem[] = [];
      for (const t of [...state.tables.values()].sort((a, b) => (a.name < b.name ? -1 : 1)))
        if (ref.schema ? t.schema === ref.schema : true)
          out.push({
            label: ref.schema || t.schema === state.defaultSchema ? t.name : `${t.schema}.${t.name}`,
            kind: CompletionItemKind.Class,
            detail: `table (${t.columns.size} columns)`,
            sortText: `0${t.name}`,
          });
      if (ref.role === 'use')
        for (const v of state.views.values()) if (v.schema === schema) out.push({ label: v.name, kind: CompletionItemKind.Interface, detail: 'view' });
      if (!ref.schema) for (const s of schemaNames(state)) out.push({ label: s, kind: CompletionItemKind.Module, detail: 'schema', sortText: `1${s}` });
      return out;
    }
    case 'column': {
      const t = ref.table && state.tables.get(qualify(ref.table.schema ?? state.defaultSchema, ref.table.name));
      if (t)
        return [...t.columns.values()].map((c, i) => ({
          label: c.name,
          kind: CompletionItemKind.Field,
          detail: `${c.type.display}${c.nullable ? '' : ' NOT NULL'}`,
          sortText: String(i).padStart(4, '0'),
        }));
      // the table is created by this statement: its columns so far
      const key = ref.table ? `${ref.table.schema ?? ''}.${ref.table.name}` : '';
      return refs
        .filter((r) => r.kind === 'column' && r.role === 'create' && r.table && `${r.table.schema ?? ''}.${r.table.name}` === key && r.name)
        .map((r) => ({ label: r.name, kind: CompletionItemKind.Field }));
    }
    case 'type': {
      const user = [...state.types.values()]
        .filter((t) => t.schema === schema)
        .map((t) => ({
          label: t.name,
          kind: t.kind === 'enum' ? CompletionItemKind.Enum : CompletionItemKind.TypeParameter,
          detail: typeDetail(t),
          sortText: `0${t.name}`,
        }));
      return [...user, ...builtinTypes.map((t) => ({ label: t, kind: CompletionItemKind.TypeParameter, detail: 'built-in type', sortText: `1${t}` }))];
    }
    case 'index':
      return [...state.indexes.values()]
        .filter((i) => i.schema === schema)
        .map((i) => ({ label: i.name, kind: CompletionItemKind.Reference, detail: `index on ${i.table} (${i.columns.join(', ')})` }));
    case 'constraint': {
      const t = ref.table && state.tables.get(qualify(ref.table.schema ?? state.defaultSchema, ref.table.name));
      return t
        ? [...t.constraints.values()].map((c) => ({ label: c.name, kind: CompletionItemKind.Constant, detail: constraintDetail(c.kind, c.columns) }))
        : [];
    }
    case 'schema':
      return schemaNames(state).map((s) => ({ label: s, kind: CompletionItemKind.Module }));
    default:
      return [];
  }
}

const schemaNames = (state: SchemaState): string[] => [...state.schemas.keys()];

function typeDetail(t: { kind: string; labels: string[]; base?: string }): string {
  if (t.kind === 'enum') return `enum (${t.labels.join(', ')})`;
  if (t.kind === 'domain') return `domain over ${t.base ?? '?'}`;
  if (t.kind === 'extension') return `type from extension ${t.base ?? '?'}`;
  return 'composite type';
}

function constraintDetail(kind: string, columns: string[]): string {
  const names: Record<string, string> = { p: 'primary key', u: 'unique', f: 'foreign key', c: 'check', x: 'exclusion' };
  return `${names[kind] ?? kind} (${columns.join(', ')})`;
}

/** Functions for a DEFAULT: common built-ins and those of the extensions created so far. */
function defaultItems(state: SchemaState): CompletionItem[] {
  const fns = ['now()', 'current_timestamp', 'gen_random_uuid()'];
  for (const e of state.extensions.keys()) for (const f of extensionFunctions[e] ?? []) fns.push(`${f}()`);
  return [...new Set(fns)].map((f) => ({ label: f, kind: CompletionItemKind.Function, detail: 'function' }));
}

function directiveItems(text: string, comment: Token, off: number, header: boolean): CompletionItem[] {
  const typed = text.slice(comment.start, off);
  const m = /^--\s*(atlas:nolint\s+(?:[\w-]+\s+)*)([\w-]*)$/.exec(typed);
  if (m) {
    const range = { start: positionAt(text, off - m[2].length), end: positionAt(text, off) };
    const names = analyzers.flatMap((a) => [{ label: a.name, detail: 'analyzer' }, ...a.codes.map((c) => ({ label: c, detail: a.name }))]);
    return names.map((n) => ({ ...n, kind: CompletionItemKind.Value, textEdit: { range, newText: n.label } }));
  }
  const d = /^--\s*([\w:]*)$/.exec(typed);
  if (!d) return [];
  const range = { start: positionAt(text, off - d[1].length), end: positionAt(text, off) };
  return directives
    .filter((x) => header || !x.header)
    .map((x) => ({ label: x.label, kind: CompletionItemKind.Keyword, detail: x.detail, textEdit: { range, newText: x.label } }));
}
