// The SQL a PostgreSQL HCL block stands for (hover): CREATE TABLE with its columns, keys, checks and foreign keys,
// then its CREATE INDEX statements; CREATE TYPE for an enum; CREATE SCHEMA. Rendered from the block itself. Pure.
import { attr, blocks, staticString, type Block, type Expr } from '../config/ast';
import { segments, type Def, type SchemaModel } from './schemaHclModel';
import { columnList } from './schemaHclCheck';
import { readType } from './schemaHclTypes';

const q = (s: string) => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const qualified = (d: Def) => (d.schema ? `${q(d.schema)}.${q(d.name)}` : q(d.name));

/** A default value: literals as SQL literals, `sql("…")` as written. */
function sqlValue(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'literal') return e.value === null ? 'NULL' : typeof e.value === 'string' ? lit(e.value) : String(e.value);
  if (e.kind === 'call' && e.name === 'sql' && e.args[0]) return staticString(e.args[0]);
  const s = staticString(e);
  if (s !== undefined) return lit(s);
  if (e.kind === 'traversal' && e.steps.length === 0) return e.root;
  return undefined;
}

const str = (e: Expr | undefined) => (e ? staticString(e) : undefined);
const keyword = (e: Expr | undefined) => (e?.kind === 'traversal' && e.steps.length === 0 ? e.root.replace(/_/g, ' ') : undefined);
const cols = (b: Block, name = 'columns') => (columnList(b.body, name) ?? []).map(q).join(', ');

function refTable(m: SchemaModel, fk: Block): string {
  const e = attr(fk.body, 'ref_columns')?.expr;
  const first = e?.kind === 'tuple' ? e.items[0] : undefined;
  if (first?.kind !== 'traversal') return '?';
  const segs = segments(first);
  const qualifiedRef = segs.length >= 2 && segs[1].name !== 'column';
  const name = qualifiedRef ? segs[1].name : segs[0]?.name;
  const d = m.defs.find((x) => x.kind === 'table' && x.name === name && (!qualifiedRef || x.schema === segs[0].name));
  return d ? qualified(d) : q(name ?? '?');
}

export function renderTable(m: SchemaModel, t: Def): string {
  const lines: string[] = [];
  for (const c of blocks(t.block.body, 'column')) {
    const name = c.labels[0]?.value ?? '?';
    const type = readType(m, attr(c.body, 'type')?.expr)?.sql ?? '?';
    let line = `${q(name)} ${type}`;
    const ident = blocks(c.body, 'identity')[0];
    const gen = blocks(c.body, 'as')[0];
    if (attr(c.body, 'null')?.expr.kind !== 'literal' || (attr(c.body, 'null')!.expr as { value: unknown }).value !== true) line += ' NOT NULL';
    const def = sqlValue(attr(c.body, 'default')?.expr);
    if (def !== undefined) line += ` DEFAULT ${def}`;
    if (ident) line += ` GENERATED ${keyword(attr(ident.body, 'generated')?.expr) ?? 'BY DEFAULT'} AS IDENTITY`;
    if (gen) line += ` GENERATED ALWAYS AS (${str(attr(gen.body, 'expr')?.expr) ?? '?'}) STORED`;
    lines.push(line);
  }
  const pk = blocks(t.block.body, 'primary_key')[0];
  if (pk) lines.push(`${pk.labels[0] ? `CONSTRAINT ${q(pk.labels[0].value)} ` : ''}PRIMARY KEY (${cols(pk)})`);
  for (const u of blocks(t.block.body, 'unique')) lines.push(`CONSTRAINT ${q(u.labels[0]?.value ?? '?')} UNIQUE (${cols(u)})`);
  for (const ch of blocks(t.block.body, 'check'))
    lines.push(`${ch.labels[0] ? `CONSTRAINT ${q(ch.labels[0].value)} ` : ''}CHECK (${str(attr(ch.body, 'expr')?.expr) ?? '?'})`);
  for (const fk of blocks(t.block.body, 'foreign_key')) {
    const refCols = cols(fk, 'ref_columns');
    let line = `CONSTRAINT ${q(fk.labels[0]?.value ?? '?')} FOREIGN KEY (${cols(fk)}) REFERENCES ${refTable(m, fk)} (${refCols})`;
    const upd = keyword(attr(fk.body, 'on_update')?.expr);
    const del = keyword(attr(fk.body, 'on_delete')?.expr);
    if (upd && upd !== 'NO ACTION') line += ` ON UPDATE ${upd}`;
    if (del && del !== 'NO ACTION') line += ` ON DELETE ${del}`;
    lines.push(line);
  }
  const out = [`CREATE TABLE ${qualified(t)} (\n  ${lines.join(',\n  ')}\n);`];
  for (const i of blocks(t.block.body, 'index')) {
    const unique = attr(i.body, 'unique')?.expr;
    const method = keyword(attr(i.body, 'type')?.expr);
    const parts = columnList(i.body)?.map(q) ?? blocks(i.body, 'on').map(indexPart);
    const w = attr(i.body, 'where')?.expr;
    out.push(
      `CREATE ${unique?.kind === 'literal' && unique.value === true ? 'UNIQUE ' : ''}INDEX ${q(i.labels[0]?.value ?? '?')} ON ${qualified(t)}${method && method !== 'BTREE' ? ` USING ${method}` : ''} (${parts.join(', ')})${w && staticString(w) ? ` WHERE (${staticString(w)})` : ''};`,
    );
  }
  const comment = str(attr(t.block.body, 'comment')?.expr);
  if (comment !== undefined) out.push(`COMMENT ON TABLE ${qualified(t)} IS ${lit(comment)};`);
  return out.join('\n');
}

function indexPart(p: Block): string {
  const c = attr(p.body, 'column')?.expr;
  const e = attr(p.body, 'expr')?.expr;
  let s = c?.kind === 'traversal' ? q(segments(c)[0]?.name ?? '?') : e ? `(${staticString(e) ?? '?'})` : '?';
  const desc = attr(p.body, 'desc')?.expr;
  if (desc?.kind === 'literal' && desc.value === true) s += ' DESC';
  return s;
}

/** The SQL of any named object block (hover), or undefined for kinds not rendered. */
export function renderDef(m: SchemaModel, d: Def): string | undefined {
  switch (d.kind) {
    case 'table':
      return renderTable(m, d);
    case 'schema':
      return `CREATE SCHEMA ${q(d.name)};`;
    case 'enum': {
      const v = attr(d.block.body, 'values')?.expr;
      const values = v?.kind === 'tuple' ? v.items.map((x) => lit(staticString(x) ?? '?')) : [];
      return `CREATE TYPE ${qualified(d)} AS ENUM (${values.join(', ')});`;
    }
    case 'column': {
      const type = readType(m, attr(d.block.body, 'type')?.expr)?.sql ?? '?';
      const n = attr(d.block.body, 'null')?.expr;
      return `-- column of ${qualified(d.parent!)}\n${q(d.name)} ${type}${n?.kind === 'literal' && n.value === true ? '' : ' NOT NULL'}`;
    }
    default:
      return undefined;
  }
}
