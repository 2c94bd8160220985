// Atlas HCL schema files (`schema.hcl`: schema, enum, table blocks) → SQL DDL. Like Atlas, the desired
// state is normalised by running it on the dev database and inspecting the result, so this only has to
// produce valid PostgreSQL. Supported: schemas, enums, tables with columns (type, null, default, identity,
// generated `as`, comment), primary keys, indexes (columns / `on` parts, unique, type, where), foreign
// keys, checks, table comments. Unsupported blocks are reported, never silently dropped.
import { attr, blocks, type Block, type Body, type Expr } from '../config/ast';
import { parseHcl } from '../config/parser';
import { lit, q } from './sqlText';

export class HclSchemaError extends Error {}

const SUPPORTED = new Set(['schema', 'table', 'enum']);

/** `schemaScope`: the dev connection's schema; a single-schema file is then created unqualified in it. */
export async function hclSchemaToSql(text: string, file: string, schemaScope?: string): Promise<string> {
  const doc = await parseHcl(text);
  if (doc.file.syntaxErrors.length) {
    const e = doc.file.syntaxErrors[0];
    throw new HclSchemaError(`${file}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}`);
  }
  const body = doc.file.body;
  for (const b of body.items) {
    if (b.kind === 'block' && !SUPPORTED.has(b.type))
      throw new HclSchemaError(`${file}:${b.range.start.line + 1}: "${b.type}" blocks are not supported in HCL schemas by atlas-wb; use SQL schema files`);
  }
  const schemas = blocks(body, 'schema').map((b) => b.labels[0]?.value ?? 'public');
  const unqualified = schemaScope !== undefined && schemas.length <= 1;
  const name = (schema: string, n: string) => (unqualified ? q(n) : `${q(schema)}.${q(n)}`);
  const out: string[] = [];
  const late: string[] = [];
  if (!unqualified) for (const s of schemas) out.push(`CREATE SCHEMA IF NOT EXISTS ${q(s)}`);
  for (const b of blocks(body, 'schema')) {
    const c = str(attr(b.body, 'comment')?.expr);
    if (c !== undefined && !unqualified) late.push(`COMMENT ON SCHEMA ${q(b.labels[0].value)} IS ${lit(c)}`);
  }
  const schemaOf = (b: Body) => ref(attr(b, 'schema')?.expr)?.[1] ?? schemas[0] ?? 'public';
  for (const e of blocks(body, 'enum')) {
    const values = tuple(attr(e.body, 'values')?.expr).map((v) => str(v) ?? '');
    out.push(`CREATE TYPE ${name(schemaOf(e.body), e.labels[0].value)} AS ENUM (${values.map(lit).join(', ')})`);
  }
  for (const t of blocks(body, 'table')) {
    const schema = schemaOf(t.body);
    const tn = name(schema, t.labels[0].value);
    const defs = blocks(t.body, 'column').map((c) => columnDef(c, (s, n) => name(s, n), schema));
    const pk = blocks(t.body, 'primary_key')[0];
    if (pk) defs.push(`PRIMARY KEY (${colRefs(attr(pk.body, 'columns')?.expr).map(q).join(', ')})`);
    for (const ch of blocks(t.body, 'check'))
      defs.push(`${ch.labels[0] ? `CONSTRAINT ${q(ch.labels[0].value)} ` : ''}CHECK (${str(attr(ch.body, 'expr')?.expr) ?? 'true'})`);
    out.push(`CREATE TABLE ${tn} (${defs.join(', ')})`);
    for (const fk of blocks(t.body, 'foreign_key')) {
      const refs = tuple(attr(fk.body, 'ref_columns')?.expr)
        .map(ref)
        .filter((r): r is string[] => !!r);
      const refTable = refs[0]?.[0] === 'table' ? refs[0][1] : t.labels[0].value;
      const action = (a: string) => {
        const v = ref(attr(fk.body, a)?.expr)?.[0];
        return v ? ` ${a === 'on_update' ? 'ON UPDATE' : 'ON DELETE'} ${v.replace(/_/g, ' ')}` : '';
      };
      late.push(
        `ALTER TABLE ${tn} ADD CONSTRAINT ${q(fk.labels[0].value)} FOREIGN KEY (${colRefs(attr(fk.body, 'columns')?.expr).map(q).join(', ')}) REFERENCES ${name(schema, refTable)} (${refs.map((r) => q(r[r.length - 1])).join(', ')})${action('on_update')}${action('on_delete')}`,
      );
    }
    for (const ix of blocks(t.body, 'index')) late.push(indexDef(ix, tn));
    const comment = str(attr(t.body, 'comment')?.expr);
    if (comment !== undefined) late.push(`COMMENT ON TABLE ${tn} IS ${lit(comment)}`);
    for (const c of blocks(t.body, 'column')) {
      const cc = str(attr(c.body, 'comment')?.expr);
      if (cc !== undefined) late.push(`COMMENT ON COLUMN ${tn}.${q(c.labels[0].value)} IS ${lit(cc)}`);
    }
  }
  return [...out, ...late].map((s) => `${s};\n`).join('');
}

function columnDef(c: Block, name: (schema: string, n: string) => string, schema: string): string {
  const parts = [q(c.labels[0].value), typeOf(attr(c.body, 'type')?.expr, name, schema)];
  const nul = attr(c.body, 'null')?.expr;
  parts.push(nul?.kind === 'literal' && nul.value === true ? 'NULL' : 'NOT NULL');
  const d = attr(c.body, 'default')?.expr;
  if (d)
    parts.push(
      `DEFAULT ${d.kind === 'call' && d.name === 'sql' ? (str(d.args[0]) ?? '') : d.kind === 'literal' && typeof d.value === 'string' ? lit(d.value) : d.kind === 'literal' ? String(d.value) : str(d) !== undefined ? lit(str(d)!) : 'NULL'}`,
    );
  const id = blocks(c.body, 'identity')[0];
  if (id) {
    const gen = ref(attr(id.body, 'generated')?.expr)?.[0] ?? 'BY_DEFAULT';
    const opts = [
      ['start', 'START WITH'],
      ['increment', 'INCREMENT BY'],
    ].flatMap(([k, kw]) => {
      const v = attr(id.body, k)?.expr;
      return v?.kind === 'literal' ? [`${kw} ${v.value}`] : [];
    });
    parts.push(`GENERATED ${gen === 'ALWAYS' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`);
  }
  const as = blocks(c.body, 'as')[0];
  const asExpr = as ? str(attr(as.body, 'expr')?.expr) : str(attr(c.body, 'as')?.expr);
  if (asExpr !== undefined) parts.push(`GENERATED ALWAYS AS (${asExpr}) STORED`);
  return parts.join(' ');
}

function typeOf(e: Expr | undefined, name: (schema: string, n: string) => string, schema: string): string {
  if (!e) throw new HclSchemaError('column without a type');
  if (e.kind === 'call') {
    if (e.name === 'sql') return str(e.args[0]) ?? '';
    return `${e.name.replace(/_/g, ' ')}(${e.args.map((a) => (a.kind === 'literal' ? String(a.value) : '')).join(',')})`;
  }
  const r = ref(e);
  if (r && r[0] === 'enum') return name(schema, r[1]);
  if (r && r.length === 1) return r[0].replace(/_/g, ' ');
  throw new HclSchemaError(`unsupported column type expression`);
}

function indexDef(ix: Block, tn: string): string {
  const unique = attr(ix.body, 'unique')?.expr;
  const method = ref(attr(ix.body, 'type')?.expr)?.[0];
  let parts = colRefs(attr(ix.body, 'columns')?.expr).map(q);
  const on = blocks(ix.body, 'on');
  if (on.length) {
    parts = on.map((o) => {
      const col = ref(attr(o.body, 'column')?.expr);
      const expr = str(attr(o.body, 'expr')?.expr);
      const desc = attr(o.body, 'desc')?.expr;
      return `${col ? q(col[col.length - 1]) : `(${expr})`}${desc?.kind === 'literal' && desc.value === true ? ' DESC' : ''}`;
    });
  }
  const where = str(attr(ix.body, 'where')?.expr);
  return `CREATE ${unique?.kind === 'literal' && unique.value === true ? 'UNIQUE ' : ''}INDEX ${q(ix.labels[0].value)} ON ${tn}${method && method !== 'BTREE' ? ` USING ${method.toLowerCase()}` : ''} (${parts.join(', ')})${where ? ` WHERE ${where}` : ''}`;
}

/** A traversal as its path: `table.users.column.id` → ['table', 'users', 'column', 'id']. */
function ref(e: Expr | undefined): string[] | undefined {
  if (!e || e.kind !== 'traversal') return undefined;
  return [e.root, ...e.steps.map((s) => (s.kind === 'attr' ? s.name : s.kind === 'index' ? (str(s.index) ?? '') : '*'))];
}

const colRefs = (e: Expr | undefined): string[] =>
  tuple(e)
    .map((x) => ref(x))
    .filter((r): r is string[] => !!r)
    .map((r) => r[r.length - 1]);
const tuple = (e: Expr | undefined): Expr[] => (e?.kind === 'tuple' ? e.items : []);

function str(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'literal') return e.value === null ? undefined : String(e.value);
  if (e.kind === 'template' && e.parts.every((p) => typeof p === 'string')) return e.parts.join('');
  return undefined;
}
