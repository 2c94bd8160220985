// Small readers over libpg-query DDL nodes: column definitions, constraints, defaults, index parts.
import type { ColumnDef, Constraint, IndexStmt, Node, RangeVar } from 'libpg-query';
import { nodeAs, nodeKind, strings } from '../sql/parser';
import { columnType } from './types';
import type { ColumnState, ConstraintKind, ConstraintState } from './state';
import { defaultConstraintName } from './state';

export function constraintsOf(nodes: Node[] | undefined): Constraint[] {
  return (nodes ?? []).map((n) => nodeAs(n, 'Constraint')).filter((c): c is Constraint => !!c);
}

export function columnFromDef(def: ColumnDef): ColumnState {
  const cons = constraintsOf(def.constraints);
  const type = columnType(def.typeName);
  const has = (t: Constraint['contype']) => cons.some((c) => c.contype === t);
  return {
    name: def.colname ?? '',
    type,
    nullable: !(def.is_not_null || has('CONSTR_NOTNULL') || has('CONSTR_PRIMARY') || has('CONSTR_IDENTITY')),
    hasDefault: type.serial || has('CONSTR_DEFAULT') || has('CONSTR_IDENTITY') || has('CONSTR_GENERATED') || !!def.raw_default,
    generated: has('CONSTR_GENERATED'),
  };
}

/** The DEFAULT expression of a column definition, if any. */
export function defaultExpr(def: ColumnDef): Node | undefined {
  return def.raw_default ?? constraintsOf(def.constraints).find((c) => c.contype === 'CONSTR_DEFAULT')?.raw_expr;
}

const kinds: Partial<Record<NonNullable<Constraint['contype']>, ConstraintKind>> = {
  CONSTR_PRIMARY: 'p',
  CONSTR_UNIQUE: 'u',
  CONSTR_FOREIGN: 'f',
  CONSTR_CHECK: 'c',
  CONSTR_EXCLUSION: 'x',
};

/** A table-level or column-level constraint as state (`column` given for column constraints). */
export function constraintState(c: Constraint, table: string, defaultSchema: string, column?: string): ConstraintState | undefined {
  const kind = c.contype ? kinds[c.contype] : undefined;
  if (!kind) return undefined;
  const columns = column ? [column] : kind === 'f' ? strings(c.fk_attrs) : kind === 'c' ? checkColumns(c.raw_expr) : strings(c.keys);
  return {
    name: c.conname ?? defaultConstraintName(table, columns, kind),
    kind,
    columns,
    references: kind === 'f' && c.pktable ? `${c.pktable.schemaname ?? defaultSchema}.${c.pktable.relname}` : undefined,
    notValid: !!c.skip_validation,
    provesNotNull: kind === 'c' ? notNullColumns(c.raw_expr) : [],
  };
}

/** Column names referenced by an expression (first field of each ColumnRef), in order of appearance. */
export function checkColumns(expr: Node | undefined): string[] {
  const out: string[] = [];
  walk(expr, (n) => {
    const ref = nodeAs(n, 'ColumnRef');
    const name = ref && strings(ref.fields).pop();
    if (name && !out.includes(name)) out.push(name);
  });
  return out;
}

/** Columns `expr` proves NOT NULL: `c IS NOT NULL` alone or AND-ed. */
export function notNullColumns(expr: Node | undefined): string[] {
  const test = nodeAs(expr, 'NullTest');
  if (test) {
    const name = test.nulltesttype === 'IS_NOT_NULL' ? strings(nodeAs(test.arg, 'ColumnRef')?.fields).pop() : undefined;
    return name ? [name] : [];
  }
  const bool = nodeAs(expr, 'BoolExpr');
  if (bool?.boolop === 'AND_EXPR') return (bool.args ?? []).flatMap(notNullColumns);
  return [];
}

/** Visits every node of a tree (objects and arrays of protobuf-JSON). */
export function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const kind = nodeKind(node as Node);
  if (kind && /^[A-Z]/.test(kind)) visit(node as Node);
  for (const v of Object.values(node as Record<string, unknown>)) if (v && typeof v === 'object') walk(v, visit);
}

/** Names of the columns an index is built on (expressions contribute the columns they reference). */
export function indexColumns(stmt: IndexStmt): string[] {
  return (stmt.indexParams ?? []).flatMap((p) => {
    const e = nodeAs(p, 'IndexElem');
    if (!e) return [];
    return e.name ? [e.name] : checkColumns(e.expr);
  });
}

export function relName(r: RangeVar | undefined, defaultSchema: string): { schema: string; name: string } {
  return { schema: r?.schemaname ?? defaultSchema, name: r?.relname ?? '' };
}

const volatileFunctions = new Set([
  'random',
  'gen_random_uuid',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'random_normal',
  'gen_random_bytes',
  'txid_current',
  'setseed',
]);

/**
 * True when a DEFAULT expression is volatile, so ADD COLUMN must rewrite the table (PG 11+ stores
 * non-volatile defaults in the catalog). Unknown user functions count as volatile (PostgreSQL's default).
 */
export function isVolatileDefault(expr: Node | undefined): boolean {
  let volatile = false;
  walk(expr, (n) => {
    const f = nodeAs(n, 'FuncCall');
    if (!f) return;
    const name = strings(f.funcname).pop()?.toLowerCase() ?? '';
    if (volatileFunctions.has(name)) volatile = true;
    else if (!stableOrImmutable.has(name)) volatile = true;
  });
  return volatile;
}

const stableOrImmutable = new Set([
  'now',
  'current_timestamp',
  'statement_timestamp',
  'transaction_timestamp',
  'lower',
  'upper',
  'coalesce',
  'to_jsonb',
  'to_json',
  'jsonb_build_object',
  'json_build_object',
  'jsonb_build_array',
  'array',
  'concat',
  'length',
  'abs',
  'round',
  'md5',
  'timezone',
  'make_interval',
  'to_timestamp',
  'date_trunc',
  'btrim',
  'trim',
]);
