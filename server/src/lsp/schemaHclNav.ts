// Hover (the SQL a block produces), definition, references, rename and document symbols for PostgreSQL HCL
// schema files, across every file of the schema (the model holds them all). Pure functions of the model + position.
import { SymbolKind, type DocumentSymbol, type Hover, type Location, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import { blocks, contains, type Block } from '../config/ast';
import type { ParsedDocument } from '../config/parser';
import { defAt, refAt, type Def, type SchemaModel } from './schemaHclModel';
import { renderDef } from './schemaHclRender';
import { childSpec, TOP_BLOCKS } from '../schema/hclSpec';

/** One open schema file: its URI and parse. */
export interface SchemaDoc {
  uri: string;
  parsed: ParsedDocument;
}

/** The object under the cursor: a reference's segment or a declaration's name label. */
export function symbolAt(m: SchemaModel, uri: string, pos: Position): { def: Def; range: Range } | undefined {
  const r = refAt(m, uri, pos);
  if (r?.hit) {
    const d = m.byId.get(r.hit.id)?.[0];
    return d ? { def: d, range: r.hit.seg.range } : undefined;
  }
  const d = defAt(m, uri, pos);
  return d ? { def: d, range: d.nameRange } : undefined;
}

const md = (value: string, range?: Range): Hover => ({ contents: { kind: 'markdown', value }, range });

export function hover(m: SchemaModel, uri: string, pos: Position): Hover | null {
  const s = symbolAt(m, uri, pos);
  if (s) {
    const sql = renderDef(m, s.def);
    return md(`**${s.def.kind} ${s.def.name}**${sql ? `\n\n\`\`\`sql\n${sql}\n\`\`\`` : ''}`, s.range);
  }
  // on a block keyword: a table's keyword shows its CREATE TABLE; other keywords their documentation
  const f = m.files.find((x) => x.uri === uri);
  if (!f) return null;
  let body = f.file.body;
  let spec: ReturnType<typeof childSpec>;
  for (;;) {
    const b = body.items.find((i): i is Block => i.kind === 'block' && contains(i.range, pos));
    if (!b) return null;
    spec = childSpec(spec, b.type);
    if (contains(b.typeRange, pos)) {
      const d = m.defs.find((x) => x.block === b);
      const sql = d && renderDef(m, d);
      if (sql) return md(`\`\`\`sql\n${sql}\n\`\`\``, b.typeRange);
      return spec ? md(`**${b.type}**\n\n${spec.doc}`, b.typeRange) : null;
    }
    const a = b.body.items.find((i) => i.kind === 'attribute' && contains(i.nameRange, pos));
    if (a?.kind === 'attribute') {
      const as = spec?.attrs.find((x) => x.name === a.name);
      return as ? md(`**${a.name}**\n\n${as.doc}`, a.nameRange) : null;
    }
    if (!spec) return null;
    body = b.body;
  }
}

export function definition(m: SchemaModel, uri: string, pos: Position): Location[] | null {
  const s = symbolAt(m, uri, pos);
  if (!s) return null;
  return (m.byId.get(s.def.id) ?? []).map((d) => ({ uri: d.uri, range: d.nameRange }));
}

export function references(m: SchemaModel, uri: string, pos: Position, includeDeclaration: boolean): Location[] {
  const s = symbolAt(m, uri, pos);
  if (!s) return [];
  const out: Location[] = includeDeclaration ? (m.byId.get(s.def.id) ?? []).map((d) => ({ uri: d.uri, range: d.nameRange })) : [];
  for (const u of m.refs) for (const h of u.hits) if (h.id === s.def.id) out.push({ uri: u.uri, range: h.seg.range });
  return out;
}

export function prepareRename(m: SchemaModel, uri: string, pos: Position): { range: Range; placeholder: string } | null {
  const s = symbolAt(m, uri, pos);
  return s ? { range: s.range, placeholder: s.def.name } : null;
}

/** Renames the declaration(s) and every reference in every file of the schema. */
export function rename(m: SchemaModel, uri: string, pos: Position, newName: string): WorkspaceEdit | null {
  const s = symbolAt(m, uri, pos);
  if (!s) return null;
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(newName);
  const changes: Record<string, Array<{ range: Range; newText: string }>> = {};
  const edit = (u: string, range: Range, newText: string) => (changes[u] ??= []).push({ range, newText });
  // labels are quoted strings: replace their inside
  for (const d of m.byId.get(s.def.id) ?? [])
    edit(
      d.uri,
      inner(d.nameRange),
      newName.replace(/["\\]/g, (c) => `\\${c}`),
    );
  for (const u of m.refs)
    for (const h of u.hits) {
      if (h.id !== s.def.id) continue;
      if (h.seg.quoted || plain) edit(u.uri, h.seg.range, h.seg.quoted ? newName.replace(/["\\]/g, (c) => `\\${c}`) : newName);
      // `.name` that becomes a name needing quotes: `["new name"]` in place of `.name`
      else
        edit(
          u.uri,
          { start: { line: h.seg.range.start.line, character: h.seg.range.start.character - 1 }, end: h.seg.range.end },
          `[${JSON.stringify(newName)}]`,
        );
    }
  return { changes };
}

const inner = (r: Range): Range => ({
  start: { line: r.start.line, character: r.start.character + 1 },
  end: { line: r.end.line, character: r.end.character - 1 },
});

const KIND: Record<string, SymbolKind> = {
  schema: SymbolKind.Namespace,
  table: SymbolKind.Struct,
  view: SymbolKind.Interface,
  materialized: SymbolKind.Interface,
  enum: SymbolKind.Enum,
  column: SymbolKind.Field,
  index: SymbolKind.Key,
  primary_key: SymbolKind.Key,
  foreign_key: SymbolKind.Key,
  unique: SymbolKind.Key,
  check: SymbolKind.Boolean,
  function: SymbolKind.Function,
  procedure: SymbolKind.Function,
  trigger: SymbolKind.Event,
  sequence: SymbolKind.Number,
};

/** Outline: every top-level object, tables with their columns, keys, indexes and constraints. */
export function documentSymbols(m: SchemaModel, uri: string): DocumentSymbol[] {
  const f = m.files.find((x) => x.uri === uri);
  if (!f) return [];
  const sym = (b: Block, depth: number): DocumentSymbol => {
    const label = b.labels[b.labels.length - 1];
    const kids = depth === 0 ? blocks(b.body).filter((c) => KIND[c.type] !== undefined) : [];
    return {
      name: label?.value || b.type,
      detail: b.type + (b.labels.length > 1 ? ` (${b.labels[0].value})` : ''),
      kind: KIND[b.type] ?? SymbolKind.Object,
      range: b.range,
      selectionRange: label?.range ?? b.typeRange,
      children: kids.map((c) => sym(c, depth + 1)),
    };
  };
  return blocks(f.file.body)
    .filter((b) => TOP_BLOCKS.some((s) => s.name === b.type))
    .map((b) => sym(b, 0));
}
