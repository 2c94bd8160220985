// `table` blocks of an Atlas HCL schema → SQL: columns (types as Atlas spells them, defaults, identity, `as`
// generated, collate, comment), primary key (include), `unique` constraints, checks, exclusions, `partition`,
// then (after every table exists) foreign keys, indexes and comments.
import type { Expr } from '../config/ast';
import { isUnknown } from '../config/functions';
import { lit, q } from './sqlText';
import { ref, type HclCtx, type Inst } from './hclSchemaEval';

/** Qualifies a name for the SQL being built (unqualified in schema scope). */
export type Namer = (schema: string, name: string) => string;

export interface TableSql {
  create: string;
  /** foreign keys (ALTER TABLE … ADD CONSTRAINT) run once every table exists */
  fks: string[];
  /** indexes, RLS, comments */
  after: string[];
}

const INTERVAL_FIELDS =
  /^(year|month|day|hour|minute|second|year_to_month|day_to_hour|day_to_minute|day_to_second|hour_to_minute|hour_to_second|minute_to_second)$/;
const KEEP_UNDERSCORE = new Set(['pg_lsn', 'txid_snapshot', 'pg_snapshot']);

/** Atlas's spelling of a type (`character_varying`, `varchar(255)`, `day_to_second(4)`, `sql("int[]")`, `enum.e`) → SQL. */
export function sqlType(ctx: HclCtx, i: Inst, e: Expr | undefined, typeName: (kind: string, name: string) => string): string {
  if (!e) throw ctx.error(i.file, i.block, 'column without a type');
  if (e.kind === 'call' && e.name === 'sql') {
    const v = ctx.ev.eval(e.args[0], i.scope);
    return typeof v === 'string' ? v : '';
  }
  const r = ref(e);
  if (r && ['enum', 'domain', 'composite'].includes(r[0])) return typeName(r[0], r[r.length - 1]);
  let base: string;
  let args: string[] = [];
  if (e.kind === 'call') {
    base = e.name;
    args = e.args.map((a) => {
      const v = ctx.ev.eval(a, i.scope);
      return isUnknown(v) ? '' : String(v);
    });
  } else if (r && r.length === 1) base = r[0];
  else throw ctx.error(i.file, e, 'unsupported column type expression');
  const lower = base.toLowerCase();
  if (/^(time|timetz|timestamp|timestamptz)$/.test(lower) && args.length === 1 && args[0] === '6') args = [];
  const params = args.length ? `(${args.join(',')})` : '';
  if (INTERVAL_FIELDS.test(lower)) return `interval ${lower.replace(/_/g, ' ')}${params}`;
  return `${KEEP_UNDERSCORE.has(lower) ? lower : lower.replace(/_/g, ' ')}${params}`;
}

/** A column default: literals are quoted, numbers and booleans kept, `sql("…")` raw. */
export function sqlDefault(ctx: HclCtx, i: Inst, e: Expr): string {
  if (e.kind === 'call' && e.name === 'sql') return String(ctx.ev.eval(e.args[0], i.scope));
  const v = ctx.ev.eval(e, i.scope);
  if (isUnknown(v)) throw ctx.error(i.file, e, `default: ${v.reason}`);
  if (typeof v === 'string') return lit(v);
  if (v === null) return 'NULL';
  return String(v);
}

const colName = (r: string[]) => q(r[r.length - 1]);

function columnDef(ctx: HclCtx, c: Inst, typeName: (kind: string, name: string) => string): string {
  const parts = [q(c.name), sqlType(ctx, c, ctx.expr(c, 'type'), typeName)];
  const collate = ctx.str(c, 'collate');
  if (collate !== undefined) parts.push(`COLLATE ${q(collate)}`);
  parts.push(ctx.bool(c, 'null') === true ? 'NULL' : 'NOT NULL');
  const d = ctx.expr(c, 'default');
  if (d) parts.push(`DEFAULT ${sqlDefault(ctx, c, d)}`);
  const id = ctx.nested(c, 'identity')[0];
  if (id) {
    const opts = [
      ['start', 'START WITH'],
      ['increment', 'INCREMENT BY'],
    ].flatMap(([k, kw]) => (ctx.value(id, k) !== undefined ? [`${kw} ${ctx.value(id, k)}`] : []));
    parts.push(`GENERATED ${ctx.str(id, 'generated') === 'ALWAYS' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`);
  }
  const as = ctx.nested(c, 'as')[0];
  const asExpr = as ? ctx.str(as, 'expr') : ctx.str(c, 'as');
  if (asExpr !== undefined) parts.push(`GENERATED ALWAYS AS (${asExpr}) STORED`);
  return parts.join(' ');
}

function deferral(ctx: HclCtx, i: Inst): string {
  const d = ctx.value(i, 'deferrable');
  if (d === undefined || d === false) return '';
  return d === 'INITIALLY_DEFERRED' || ctx.bool(i, 'initially_deferred') ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
}

function indexPart(ctx: HclCtx, o: Inst): string {
  const col = ctx.ref(o, 'column');
  const expr = ctx.str(o, 'expr');
  let s = col ? colName(col) : `(${expr})`;
  const collate = ctx.str(o, 'collate');
  if (collate !== undefined) s += ` COLLATE ${q(collate)}`;
  const opsE = ctx.expr(o, 'ops');
  if (opsE) s += ` ${opsE.kind === 'call' && opsE.name === 'sql' ? String(ctx.ev.eval(opsE.args[0], o.scope)) : ctx.str(o, 'ops')}`;
  if (ctx.bool(o, 'desc')) s += ' DESC';
  const nf = ctx.bool(o, 'nulls_first');
  const nl = ctx.bool(o, 'nulls_last');
  if (nf !== undefined || nl !== undefined) s += nf === true || nl === false ? ' NULLS FIRST' : ' NULLS LAST';
  return s;
}

/** `CREATE [UNIQUE] INDEX` of an `index` block. */
export function indexSql(ctx: HclCtx, ix: Inst, tn: string, kind: 'TABLE' | 'MATERIALIZED VIEW' = 'TABLE'): string[] {
  void kind;
  const method = ctx.str(ix, 'type');
  const on = ctx.nested(ix, 'on');
  const parts = on.length ? on.map((o) => indexPart(ctx, o)) : ctx.refs(ix, 'columns').map(colName);
  const include = ctx.refs(ix, 'include').map(colName);
  const where = ctx.str(ix, 'where');
  const nd = ctx.bool(ix, 'nulls_distinct') === false ? ' NULLS NOT DISTINCT' : '';
  const out = [
    `CREATE ${ctx.bool(ix, 'unique') ? 'UNIQUE ' : ''}INDEX ${q(ix.name)} ON ${tn}${method && method.toUpperCase() !== 'BTREE' ? ` USING ${method.toLowerCase()}` : ''} (${parts.join(', ')})${include.length ? ` INCLUDE (${include.join(', ')})` : ''}${nd}${where ? ` WHERE ${where}` : ''}`,
  ];
  const comment = ctx.str(ix, 'comment');
  if (comment !== undefined) out.push(`COMMENT ON INDEX ${tn.replace(/"[^"]*"$/, q(ix.name))} IS ${lit(comment)}`);
  return out;
}

export function tableSql(ctx: HclCtx, t: Inst, schema: string, name: Namer, typeName: (kind: string, name: string) => string): TableSql {
  const tn = name(schema, t.name);
  const cols = ctx.nested(t, 'column');
  const defs = cols.map((c) => columnDef(ctx, c, typeName));
  const pk = ctx.nested(t, 'primary_key')[0];
  if (pk) {
    const inc = ctx.refs(pk, 'include').map(colName);
    const pkName = pk.block.labels[0]?.value;
    defs.push(
      `${pkName ? `CONSTRAINT ${q(pkName)} ` : ''}PRIMARY KEY (${ctx.refs(pk, 'columns').map(colName).join(', ')})${inc.length ? ` INCLUDE (${inc.join(', ')})` : ''}${deferral(ctx, pk)}`,
    );
  }
  for (const u of ctx.nested(t, 'unique')) {
    const inc = ctx.refs(u, 'include').map(colName);
    const nd = ctx.bool(u, 'nulls_distinct') === false ? ' NULLS NOT DISTINCT' : '';
    defs.push(
      `CONSTRAINT ${q(u.name)} UNIQUE${nd} (${ctx.refs(u, 'columns').map(colName).join(', ')})${inc.length ? ` INCLUDE (${inc.join(', ')})` : ''}${deferral(ctx, u)}`,
    );
  }
  for (const ch of ctx.nested(t, 'check'))
    defs.push(
      `${ch.block.labels[0] ? `CONSTRAINT ${q(ch.name)} ` : ''}CHECK (${ctx.str(ch, 'expr') ?? 'true'})${ctx.bool(ch, 'no_inherit') ? ' NO INHERIT' : ''}`,
    );
  for (const x of ctx.nested(t, 'exclude')) defs.push(`CONSTRAINT ${q(x.name)} ${ctx.str(x, 'as') ?? ''}`);
  let suffix = '';
  const inherits = ctx.refs(t, 'inherits').map((r) => tableRef(ctx, r, schema, name));
  if (inherits.length) suffix += ` INHERITS (${inherits.join(', ')})`;
  const part = ctx.nested(t, 'partition')[0];
  if (part) {
    const by = ctx.nested(part, 'by').map((b) => {
      const c = ctx.ref(b, 'column');
      return c ? colName(c) : `(${ctx.str(b, 'expr')})`;
    });
    const keys = by.length ? by : ctx.refs(part, 'columns').map(colName);
    suffix += ` PARTITION BY ${(ctx.str(part, 'type') ?? 'RANGE').toUpperCase()} (${keys.join(', ')})`;
  }
  const partOf = ctx.ref(t, 'partition_of');
  const create = partOf
    ? `CREATE TABLE ${tn} PARTITION OF ${tableRef(ctx, partOf, schema, name)} ${ctx.str(t, 'partition_bound') ?? 'DEFAULT'}${suffix}`
    : `CREATE ${ctx.bool(t, 'unlogged') ? 'UNLOGGED ' : ''}TABLE ${tn} (${defs.join(', ')})${suffix}`;
  const fks: string[] = [];
  for (const fk of ctx.nested(t, 'foreign_key')) {
    const refs = ctx.refs(fk, 'ref_columns');
    const first = refs[0] ?? [];
    const ci = first.lastIndexOf('column');
    const refTable = first[0] === 'table' && ci > 1 ? tableRef(ctx, first.slice(0, ci), schema, name) : tn;
    const action = (a: string, kw: string) => {
      const v = ctx.str(fk, a);
      return v ? ` ${kw} ${v.replace(/_/g, ' ')}` : '';
    };
    fks.push(
      `ALTER TABLE ${tn} ADD CONSTRAINT ${q(fk.name)} FOREIGN KEY (${ctx.refs(fk, 'columns').map(colName).join(', ')}) REFERENCES ${refTable} (${refs.map(colName).join(', ')})${action('on_update', 'ON UPDATE')}${action('on_delete', 'ON DELETE')}${deferral(ctx, fk)}`,
    );
  }
  const after: string[] = [];
  for (const ix of ctx.nested(t, 'index')) after.push(...indexSql(ctx, ix, tn));
  const rls = ctx.nested(t, 'row_security')[0];
  if (rls) {
    if (ctx.bool(rls, 'enabled') !== false) after.push(`ALTER TABLE ${tn} ENABLE ROW LEVEL SECURITY`);
    if (ctx.bool(rls, 'enforced')) after.push(`ALTER TABLE ${tn} FORCE ROW LEVEL SECURITY`);
  }
  const comment = ctx.str(t, 'comment');
  if (comment !== undefined) after.push(`COMMENT ON TABLE ${tn} IS ${lit(comment)}`);
  for (const c of cols) {
    const cc = ctx.str(c, 'comment');
    if (cc !== undefined) after.push(`COMMENT ON COLUMN ${tn}.${q(c.name)} IS ${lit(cc)}`);
  }
  return { create, fks, after };
}

/** `table.t` / `table.s.t` (optionally followed by more steps) → the qualified table name. */
export function tableRef(ctx: HclCtx, r: string[], schema: string, name: Namer): string {
  const parts = r[0] === 'table' || r[0] === 'view' || r[0] === 'materialized' ? r.slice(1) : r;
  return parts.length >= 2 ? name(parts[0], parts[1]) : name(ctx.relSchema.get(parts[0]) ?? schema, parts[0]);
}
