// Completion in PostgreSQL HCL schema files: block kinds and attributes of the enclosing block (snippets), column
// types with their parameters, keyword values, enum values in a default, and references in scope (`column.`,
// `table.<t>.column.`, `enum.`, `schema.`). Pure.
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver';
import { attr, attributes, contains, staticString, type Block, type Body } from '../config/ast';
import { defsOf, enclosingTable, findObj, segments, type Def, type ObjKind, type SchemaModel } from './schemaHclModel';
import { childSpec, COLUMN_TYPES, TOP_BLOCKS, type BlockSpec } from '../schema/hclSpec';

const TYPED = new Set(['column', 'domain', 'field', 'arg']);

/** The blocks whose braces enclose pos (outermost first) with their specs. */
function enclosing(body: Body, pos: Position): Array<{ block: Block; spec?: BlockSpec }> {
  const out: Array<{ block: Block; spec?: BlockSpec }> = [];
  let spec: BlockSpec | undefined;
  for (;;) {
    const b = body.items.find((i): i is Block => i.kind === 'block' && contains(i.innerRange, pos));
    if (!b) return out;
    spec = out.length && !spec ? undefined : childSpec(spec, b.type);
    out.push({ block: b, spec });
    body = b.body;
  }
}

const item = (label: string, kind: CompletionItemKind, detail?: string, snippet?: string, sortText?: string): CompletionItem => ({
  label,
  kind,
  detail,
  ...(snippet ? { insertText: snippet, insertTextFormat: InsertTextFormat.Snippet } : {}),
  ...(sortText ? { sortText } : {}),
});

const defItems = (defs: Def[], kind: CompletionItemKind) =>
  [...new Map(defs.map((d) => [d.name, d])).values()].map((d) => item(d.name, kind, `${d.kind}${d.schema && d.kind !== 'schema' ? ` in ${d.schema}` : ''}`));

export function complete(m: SchemaModel, uri: string, text: string, pos: Position): CompletionItem[] {
  const f = m.files.find((x) => x.uri === uri);
  if (!f) return [];
  const line = text.split('\n')[pos.line] ?? '';
  const prefix = line.slice(0, pos.character);
  const chain = enclosing(f.file.body, pos);
  const here = chain[chain.length - 1];
  let r: RegExpExecArray | null;

  // enum values inside the default string of an enum-typed column
  if ((r = /^\s*default\s*=\s*"([^"]*)$/.exec(prefix)) && here?.block.type === 'column') {
    const t = attr(here.block.body, 'type')?.expr;
    if (t?.kind === 'traversal' && t.root === 'enum') {
      const segs = segments(t);
      const e = findObj(m, 'enum', segs[segs.length - 1]?.name ?? '', segs.length > 1 ? segs[0].name : undefined);
      const v = e && attr(e.block.body, 'values')?.expr;
      if (v?.kind === 'tuple')
        return v.items
          .map((x) => staticString(x))
          .filter((x): x is string => x !== undefined)
          .map((x) => item(x, CompletionItemKind.EnumMember, `enum ${e!.name}`));
    }
    return [];
  }
  if (/"[^"]*$/.test(prefix.replace(/"[^"]*"/g, ''))) return [];
  const table = () =>
    enclosingTable(
      m,
      uri,
      chain.map((c) => c.block),
    );
  if (/(?:^|[^\w.])column\.\w*$/.test(prefix)) {
    const t = table();
    return t ? m.defs.filter((d) => d.parent === t).map((d) => item(d.name, CompletionItemKind.Field, typeOf(d))) : [];
  }
  if ((r = /(?:^|[^\w.])table\.(\w+)(?:\.(\w+))?\.column\.\w*$/.exec(prefix))) {
    const t = r[2] ? findObj(m, 'table', r[2], r[1]) : findObj(m, 'table', r[1]);
    return t ? m.defs.filter((d) => d.parent === t).map((d) => item(d.name, CompletionItemKind.Field, typeOf(d))) : [];
  }
  if ((r = /(?:^|[^\w.])table\.(\w+)\.\w*$/.exec(prefix))) {
    const inSchema = defsOf(m, 'table').filter((d) => d.schema === r![1]);
    return [item('column', CompletionItemKind.Keyword, `columns of table ${r[1]}`), ...defItems(inSchema, CompletionItemKind.Struct)];
  }
  if ((r = /(?:^|[^\w.])(table|enum|domain|composite|schema|sequence|view|materialized|function)\.\w*$/.exec(prefix))) {
    const kind = r[1] as ObjKind;
    return defItems(defsOf(m, kind), kind === 'table' ? CompletionItemKind.Struct : kind === 'enum' ? CompletionItemKind.Enum : CompletionItemKind.Reference);
  }
  // attribute values
  if ((r = /^\s*([A-Za-z_]\w*)\s*=\s*\w*$/.exec(prefix))) {
    const name = r[1];
    if (name === 'type' && here && TYPED.has(here.block.type)) return typeItems(m);
    const spec = here?.spec?.attrs.find((a) => a.name === name);
    if (spec?.keywords) return spec.keywords.map((k) => item(k, CompletionItemKind.EnumMember, spec.doc));
    if (name === 'schema')
      return defItems(defsOf(m, 'schema'), CompletionItemKind.Module).map((i) => ({ ...i, insertText: `schema.${i.label}`, filterText: `schema.${i.label}` }));
    return [];
  }
  // a new block or attribute at the start of a line
  if (/^\s*\w*$/.test(prefix)) {
    if (!here) return TOP_BLOCKS.map((b, i) => item(b.name, CompletionItemKind.Class, b.doc, blockSnippet(b), String(i).padStart(2, '0')));
    if (!here.spec) return [];
    const present = new Set(attributes(here.block.body).map((a) => a.name));
    return [
      ...here.spec.attrs
        .filter((a) => !present.has(a.name))
        .map((a) => item(a.name, CompletionItemKind.Property, a.doc, `${a.name} = ${a.snippet ?? '$1'}`, `0${a.name}`)),
      ...here.spec.blocks.map((b) => item(b.name, CompletionItemKind.Class, b.doc, blockSnippet(b), `1${b.name}`)),
    ];
  }
  return [];
}

function blockSnippet(b: BlockSpec): string {
  const label = b.labels > 0 && !b.optionalLabel ? ' "${1:name}"' : '';
  const first =
    b.name === 'column'
      ? '\n  type = ${2:text}\n  null = ${3:false}'
      : b.name === 'table'
        ? '\n  schema = schema.${2:public}\n  column "${3:id}" {\n    type = ${4:integer}\n  }'
        : '\n  $0';
  return `${b.name}${label} {${first}\n}`;
}

function typeOf(d: Def): string {
  const t = attr(d.block.body, 'type')?.expr;
  return t ? `column ${d.name}` : d.kind;
}

function typeItems(m: SchemaModel): CompletionItem[] {
  const out: CompletionItem[] = COLUMN_TYPES.filter(
    (t) =>
      t.family !== 'any' &&
      !['any', 'anyelement', 'anyarray', 'anynonarray', 'anyenum', 'internal', 'record', 'trigger', 'event_trigger', 'void', 'unknown'].includes(t.name),
  ).map((t) =>
    t.params.length
      ? item(
          `${t.name}(${t.params.map((p) => p.name).join(', ')})`,
          CompletionItemKind.TypeParameter,
          `${t.name} with ${t.params.map((p) => p.name).join(' and ')}`,
          `${t.name}(${t.params.map((p, i) => `\${${i + 1}:${p.name === 'size' ? 255 : p.name === 'scale' ? 2 : p.name === 'precision' && t.family === 'numeric' ? 10 : 6}}`).join(', ')})`,
        )
      : item(t.name, CompletionItemKind.TypeParameter, 'PostgreSQL type'),
  );
  for (const k of ['enum', 'domain', 'composite'] as const)
    for (const d of defsOf(m, k)) out.push(item(`${k}.${d.name}`, CompletionItemKind.Enum, `${k} type`));
  out.push(item('sql("…")', CompletionItemKind.Function, 'any type as PostgreSQL spells it (arrays: sql("int[]"))', 'sql("$1")'));
  return out;
}
