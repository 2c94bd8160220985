// Hover, go to definition, find references and the outline of migration files and desired-state SQL. Each reads
// the references of the statements (cached per prepared file) and the state before/after the statement under
// the cursor. Pure: (model, document, position) → result.
import { SymbolKind, type DocumentSymbol, type Hover, type Location, type Position } from 'vscode-languageserver';
import type { PreparedFile } from '../lint/prepare';
import type { SqlRef } from '../lint/sqlRefs';
import { positionAt } from '../sql/offsets';
import { objectSql, resolveRef, type Resolved } from './sqlObjects';
import { fileStatements, lineOf, offsetAt, refKey, relKey, walkFile, type DocStatement, type SqlDoc, type SqlIntel, type StmtState } from './sqlIntelModel';
import { URI } from './uri';

export interface RefAt {
  ref: SqlRef;
  at: StmtState;
  /** index of the statement in the file */
  index: number;
}

/** The reference under an offset and its statement's states. */
export function refAt(doc: SqlDoc, offset: number): RefAt | undefined {
  const walk = walkFile(doc.point.file, doc.point.state);
  const index = walk.findIndex((w) => w.stmt.index <= offset && offset <= w.stmt.end);
  if (index < 0) return undefined;
  const at = walk[index];
  const ref =
    at.stmt.refs.find((r) => r.start <= offset && offset <= r.end && r.kind !== 'label') ?? at.stmt.refs.find((r) => r.start <= offset && offset <= r.end);
  return ref && { ref, at, index };
}

/** The object of a reference in the states around its statement (after it first: a CREATE shows what it made). */
export function resolveAt(r: RefAt): { obj: Resolved; afterwards: boolean } | undefined {
  const after = resolveRef(r.ref, r.at.after);
  if (after) return { obj: after, afterwards: true };
  const before = resolveRef(r.ref, r.at.before);
  return before && { obj: before, afterwards: false };
}

/** The key a reference's object is tracked by ("table:public.users", "column:public.users.email", …). */
function targetKey(r: SqlRef, obj?: Resolved): string {
  if (obj?.kind === 'label') return `type:${obj.type.schema}.${obj.type.name}`;
  return refKey(r);
}

/** True when the statement changes the object `key` names (a table also by its columns, constraints, indexes). */
export function changes(stmt: DocStatement, key: string): boolean {
  const table = key.startsWith('table:') ? key.slice(6) : undefined;
  return stmt.refs.some((r) => {
    if (r.role === 'use')
      return table !== undefined && r.kind === 'table' && relKey(r) === table && stmt.refs.some((x) => x.kind === 'index' && x.role === 'create');
    if (refKey(r) === key) return true;
    return table !== undefined && (r.kind === 'column' || r.kind === 'constraint') && relKey(r.table) === table;
  });
}

interface Hit {
  path: string;
  file: PreparedFile;
  stmt: DocStatement;
  ref?: SqlRef;
}

/** Walks statements backwards from statement `index` of the doc (inclusive) through the earlier files. */
export function* backwards(doc: SqlDoc, index: number): Generator<Hit> {
  const files = [...doc.point.earlier, doc.point.file];
  for (let f = files.length - 1; f >= 0; f--) {
    const stmts = fileStatements(files[f]);
    const path = `${doc.loc.folder}/${files[f].name}`;
    for (let i = f === files.length - 1 ? Math.min(index, stmts.length - 1) : stmts.length - 1; i >= 0; i--) yield { path, file: files[f], stmt: stmts[i] };
  }
}

const link = (h: Hit): string => {
  const line = lineOf(h.file.text, h.stmt.index) + 1;
  return `[${h.file.name}:${line}](${URI.fromPath(h.path)}#L${line})`;
};

export function sqlHover(doc: SqlDoc, pos: Position): Hover | undefined {
  const text = doc.point.file.text;
  const r = refAt(doc, offsetAt(text, pos));
  if (!r) return undefined;
  const found = resolveAt(r);
  if (!found) return undefined;
  const state = found.afterwards ? r.at.after : r.at.before;
  const key = targetKey(r.ref, found.obj);
  // the last change before this statement (this statement's own change is said separately)
  let last: Hit | undefined;
  for (const h of backwards(doc, r.index - 1))
    if (changes(h.stmt, key)) {
      last = h;
      break;
    }
  const here = changes(r.at.stmt, key) ? ' · changed by this statement' : '';
  const line = pos.line + 1;
  const title =
    found.obj.kind === 'column'
      ? `column **${found.obj.column}** of ${found.obj.table.name}: \`${found.obj.table.columns.get(found.obj.column)?.type.display}\`\n\n`
      : '';
  const parts = [
    `${title}\`\`\`sql\n${objectSql(found.obj, state)}\n\`\`\``,
    `As of line ${line} of ${doc.point.file.name}${last ? ` · last changed by ${link(last)}` : ''}${here}`,
  ];
  return { contents: { kind: 'markdown', value: parts.join('\n\n') }, range: { start: positionAt(text, r.ref.start), end: positionAt(text, r.ref.end) } };
}

const location = (path: string, file: PreparedFile, ref: SqlRef): Location => ({
  uri: URI.fromPath(path),
  range: { start: positionAt(file.text, ref.start), end: positionAt(file.text, ref.end) },
});

/** The statement that created the object under the cursor (the latest CREATE of that name before it). */
export function sqlDefinition(doc: SqlDoc, pos: Position): Location | undefined {
  const r = refAt(doc, offsetAt(doc.point.file.text, pos));
  if (!r) return undefined;
  const found = resolveAt(r);
  let key = targetKey(r.ref, found?.obj);
  let tableKey = r.ref.table ? `table:${relKey(r.ref.table)}` : undefined;
  let fallback: Location | undefined;
  for (const h of backwards(doc, r.index)) {
    for (const x of h.stmt.refs) {
      if ((x.role === 'create' || x.role === 'rename') && refKey(x) === key) return location(h.path, h.file, x);
      if (!fallback && tableKey && (x.role === 'create' || x.role === 'rename') && `table:${relKey(x)}` === tableKey && x.kind === 'table')
        fallback = location(h.path, h.file, x);
    }
    // a column or constraint of a renamed table was created under the table's earlier name
    const renamed = tableKey && h.stmt.refs.find((x) => x.kind === 'table' && x.role === 'rename' && `table:${relKey(x)}` === tableKey);
    const old = renamed && h.stmt.refs.find((x) => x.kind === 'table' && x.role === 'alter');
    if (old && r.ref.table) {
      tableKey = `table:${relKey(old)}`;
      key = `${r.ref.kind}:${relKey(old)}.${r.ref.name}`;
      fallback = undefined;
    }
  }
  return fallback;
}

/** Every statement of the folder and the desired-state files that names the object under the cursor. */
export function sqlReferences(intel: SqlIntel, doc: SqlDoc, pos: Position): Location[] {
  const r = refAt(doc, offsetAt(doc.point.file.text, pos));
  if (!r) return [];
  const key = targetKey(r.ref, resolveAt(r)?.obj);
  const out: Location[] = [];
  for (const f of intel.files(doc))
    for (const s of fileStatements(f.file)) for (const x of s.refs) if (refKey(x) === key) out.push(location(f.path, f.file, x));
  return out;
}

const symbolKinds: Partial<Record<SqlRef['kind'], SymbolKind>> = {
  table: SymbolKind.Struct,
  index: SymbolKind.Key,
  type: SymbolKind.Enum,
  schema: SymbolKind.Namespace,
};

/** One symbol per statement that creates, alters or drops something; a CREATE TABLE lists its columns. */
export function sqlSymbols(file: PreparedFile): DocumentSymbol[] {
  const text = file.text;
  const out: DocumentSymbol[] = [];
  for (const s of fileStatements(file)) {
    const main =
      s.refs.find((r) => symbolKinds[r.kind] && r.role !== 'use' && r.kind !== 'schema') ??
      s.refs.find((r) => symbolKinds[r.kind] && r.role !== 'use') ??
      s.refs.find((r) => r.kind === 'table');
    if (!main) continue;
    const head = text
      .slice(s.index, main.start)
      .replace(/--[^\n]*|\s+/g, ' ')
      .trim()
      .toUpperCase()
      .slice(0, 40);
    const range = { start: positionAt(text, s.index), end: positionAt(text, s.end) };
    const sel = { start: positionAt(text, main.start), end: positionAt(text, main.end) };
    const children = s.refs
      .filter((r) => r.kind === 'column' && r.role === 'create')
      .map((r) => {
        const rr = { start: positionAt(text, r.start), end: positionAt(text, r.end) };
        return { name: r.name, kind: SymbolKind.Field, range: rr, selectionRange: rr };
      });
    out.push({
      name: main.schema ? `${main.schema}.${main.name}` : main.name,
      detail: head,
      kind: symbolKinds[main.kind] ?? SymbolKind.Object,
      range,
      selectionRange: sel,
      children,
    });
  }
  return out;
}
