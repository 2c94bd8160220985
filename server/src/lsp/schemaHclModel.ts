// The model of an Atlas PostgreSQL HCL schema spread over one or more files: every named object (schema, table,
// column, enum, …) with where it is declared, and every reference (`table.t.column.c`, `column.x`, `enum.e`,
// `schema.s`) with what it resolves to. Checks, completion, hover, navigation and the ERD read this. Pure.
import { attr, blocks, staticString, walkExpr, type Attribute, type Block, type Expr, type HclFile, type Range } from '../config/ast';
import { REF_ROOTS } from '../schema/hclSpec';

export interface SchemaFile {
  uri: string;
  file: HclFile;
}

export type ObjKind = 'schema' | 'table' | 'column' | 'enum' | 'domain' | 'composite' | 'sequence' | 'view' | 'materialized' | 'function' | 'procedure';

export interface Def {
  id: string;
  kind: ObjKind;
  /** schema name ('' when the object names none) */
  schema: string;
  name: string;
  uri: string;
  /** the name label (what rename edits) */
  nameRange: Range;
  block: Block;
  /** the table (or view) of a column */
  parent?: Def;
}

export interface Seg {
  name: string;
  range: Range;
  /** written as `["name"]` (an index step): rename keeps the quotes */
  quoted: boolean;
}

export interface RefUse {
  uri: string;
  range: Range;
  root: string;
  segs: Seg[];
  /** the Def ids resolved along the way: the last one is the target */
  hits: Array<{ id: string; seg: Seg }>;
  target?: string;
  error?: { message: string; range: Range; name: string; candidates: string[] };
  /** the attribute holding it and the blocks around it */
  attribute: Attribute;
  parents: Block[];
}

export interface SchemaModel {
  files: SchemaFile[];
  defs: Def[];
  byId: Map<string, Def[]>;
  refs: RefUse[];
  /** kinds that have blocks created by for_each (names unknown statically: no "not found" reports for them) */
  dynamic: Set<ObjKind>;
}

export const idOf = (kind: ObjKind, schema: string, name: string, parent?: Def): string =>
  kind === 'column' && parent ? `column:${parent.schema}.${parent.name}.${name}` : kind === 'schema' ? `schema:${name}` : `${kind}:${schema}.${name}`;

const TOP_KINDS = new Set<string>(['schema', 'table', 'enum', 'domain', 'composite', 'sequence', 'view', 'materialized', 'function', 'procedure']);

/** Segments of a traversal: the root's steps (`.name` or `["name"]`); stops at the first dynamic step. */
export function segments(e: Extract<Expr, { kind: 'traversal' }>): Seg[] {
  const out: Seg[] = [];
  for (const s of e.steps) {
    if (s.kind === 'attr') out.push({ name: s.name, range: s.range, quoted: false });
    else if (s.kind === 'index' && staticString(s.index) !== undefined) {
      const r = s.index.range;
      out.push({
        name: staticString(s.index)!,
        range: { start: { line: r.start.line, character: r.start.character + 1 }, end: { line: r.end.line, character: r.end.character - 1 } },
        quoted: true,
      });
    } else break;
  }
  return out;
}

/** The schema an object block names (`schema = schema.x`, or the qualifier label). */
function schemaOfBlock(b: Block): string {
  const s = attr(b.body, 'schema')?.expr;
  if (s?.kind === 'traversal' && s.root === 'schema') return segments(s)[0]?.name ?? '';
  return b.labels.length > 1 ? b.labels[0].value : '';
}

export function buildModel(files: SchemaFile[]): SchemaModel {
  const m: SchemaModel = { files, defs: [], byId: new Map(), refs: [], dynamic: new Set() };
  const add = (d: Def) => {
    m.defs.push(d);
    const list = m.byId.get(d.id) ?? [];
    list.push(d);
    m.byId.set(d.id, list);
  };
  for (const f of files) {
    for (const b of blocks(f.file.body)) {
      if (!TOP_KINDS.has(b.type)) continue;
      const kind = b.type as ObjKind;
      const label = b.labels[b.labels.length - 1];
      if (attr(b.body, 'for_each') || !label || !label.value) {
        if (attr(b.body, 'for_each')) m.dynamic.add(kind);
        continue;
      }
      const schema = kind === 'schema' ? label.value : schemaOfBlock(b);
      const d: Def = { id: idOf(kind, schema, label.value), kind, schema, name: label.value, uri: f.uri, nameRange: label.range, block: b };
      add(d);
      if (kind === 'table' || kind === 'view' || kind === 'materialized') {
        for (const c of blocks(b.body, 'column')) {
          const cl = c.labels[0];
          if (cl?.value)
            add({ id: idOf('column', schema, cl.value, d), kind: 'column', schema, name: cl.value, uri: f.uri, nameRange: cl.range, block: c, parent: d });
        }
      }
    }
  }
  for (const f of files) collectRefs(m, f);
  return m;
}

function collectRefs(m: SchemaModel, f: SchemaFile): void {
  const visit = (b: Block, parents: Block[]) => {
    const chain = [...parents, b];
    for (const it of b.body.items) {
      if (it.kind === 'block') visit(it, chain);
      else
        walkExpr(it.expr, (e) => {
          if (e.kind !== 'traversal' || !REF_ROOTS.has(e.root)) return;
          const segs = segments(e);
          if (!segs.length) return;
          const use: RefUse = { uri: f.uri, range: e.range, root: e.root, segs, hits: [], attribute: it, parents: chain };
          resolve(m, use);
          m.refs.push(use);
        });
    }
  };
  for (const b of blocks(f.file.body)) visit(b, []);
}

/** All defs of a kind, optionally in one schema. */
export function defsOf(m: SchemaModel, kind: ObjKind, schema?: string): Def[] {
  return m.defs.filter((d) => d.kind === kind && (schema === undefined || d.schema === schema || d.schema === '' || schema === ''));
}

export function findObj(m: SchemaModel, kind: ObjKind, name: string, schema?: string): Def | undefined {
  return defsOf(m, kind, schema).find((d) => d.name === name);
}

/** The table/view (Def) whose block encloses `parents` (innermost). */
export function enclosingTable(m: SchemaModel, uri: string, parents: Block[]): Def | undefined {
  for (let i = parents.length - 1; i >= 0; i--) {
    const b = parents[i];
    if (b.type === 'table' || b.type === 'view' || b.type === 'materialized') return m.defs.find((d) => d.block === b && d.uri === uri);
    if (b.type === 'trigger' || b.type === 'policy') {
      const on = attr(b.body, 'on')?.expr;
      if (on?.kind === 'traversal' && on.root === 'table') return tableOfRef(m, segments(on));
    }
  }
  return undefined;
}

function tableOfRef(m: SchemaModel, segs: Seg[]): Def | undefined {
  const qualified = segs.length >= 2 && segs[1].name !== 'column';
  return qualified ? findObj(m, 'table', segs[1].name, segs[0].name) : segs[0] && findObj(m, 'table', segs[0].name);
}

function fail(use: RefUse, seg: Seg, what: string, candidates: string[]): void {
  use.error = { message: what, range: seg.range, name: seg.name, candidates };
}

function resolve(m: SchemaModel, use: RefUse): void {
  const s = use.segs;
  const names = (kind: ObjKind, schema?: string) => defsOf(m, kind, schema).map((d) => d.name);
  const column = (table: Def, seg: Seg | undefined) => {
    if (!seg) return;
    const id = idOf('column', table.schema, seg.name, table);
    if (m.byId.has(id)) {
      use.hits.push({ id, seg });
      use.target = id;
    } else if (!m.dynamic.has('column'))
      fail(
        use,
        seg,
        `${table.kind} "${table.name}" has no column "${seg.name}"`,
        m.defs.filter((d) => d.parent === table).map((d) => d.name),
      );
  };
  const object = (kind: ObjKind, nameSeg: Seg, schemaSeg?: Seg): Def | undefined => {
    if (schemaSeg && !findObj(m, 'schema', schemaSeg.name) && !m.dynamic.has('schema')) {
      fail(use, schemaSeg, `schema "${schemaSeg.name}" is not defined`, names('schema'));
      return undefined;
    }
    const d = findObj(m, kind, nameSeg.name, schemaSeg?.name);
    if (!d) {
      if (!m.dynamic.has(kind))
        fail(use, nameSeg, `${kind} "${schemaSeg ? `${schemaSeg.name}.` : ''}${nameSeg.name}" is not defined`, names(kind, schemaSeg?.name));
      return undefined;
    }
    if (schemaSeg) use.hits.push({ id: idOf('schema', '', schemaSeg.name), seg: schemaSeg });
    use.hits.push({ id: d.id, seg: nameSeg });
    use.target = d.id;
    return d;
  };
  switch (use.root) {
    case 'column': {
      const t = enclosingTable(m, use.uri, use.parents);
      if (t) column(t, s[0]);
      return;
    }
    case 'schema':
      object('schema', s[0]);
      return;
    case 'table': {
      const qualified = s.length >= 2 && s[1].name !== 'column';
      const t = qualified ? object('table', s[1], s[0]) : object('table', s[0]);
      const rest = s.slice(qualified ? 2 : 1);
      if (t && rest[0]?.name === 'column') column(t, rest[1]);
      return;
    }
    default: {
      const kind = use.root as ObjKind;
      if (s.length >= 2) object(kind, s[1], s[0]);
      else object(kind, s[0]);
    }
  }
}

/** The reference (and the segment) under a position, if any. */
export function refAt(m: SchemaModel, uri: string, pos: { line: number; character: number }): { use: RefUse; hit?: { id: string; seg: Seg } } | undefined {
  const inR = (r: Range) =>
    (r.start.line < pos.line || (r.start.line === pos.line && r.start.character <= pos.character)) &&
    (pos.line < r.end.line || (pos.line === r.end.line && pos.character <= r.end.character));
  const use = m.refs.find((u) => u.uri === uri && inR(u.range));
  if (!use) return undefined;
  const hit = use.hits.find((h) => inR(h.seg.range)) ?? (use.target ? use.hits[use.hits.length - 1] : undefined);
  return { use, hit };
}

/** The def whose name label is under a position. */
export function defAt(m: SchemaModel, uri: string, pos: { line: number; character: number }): Def | undefined {
  return m.defs.find(
    (d) => d.uri === uri && d.nameRange.start.line === pos.line && d.nameRange.start.character <= pos.character && pos.character <= d.nameRange.end.character,
  );
}
