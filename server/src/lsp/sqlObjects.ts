// Objects of the schema state as the SQL features show them: what a reference names in a given state, a compact
// CREATE statement for hovers and "table as of this file", and the built-in type names.
import type { SqlRef } from '../lint/sqlRefs';
import type { ConstraintState, IndexState, SchemaState, TableState, TypeState } from '../lint/state';
import { qualify } from '../lint/state';

/** Built-in type names offered by completion and accepted by the reference check. */
export const builtinTypes = [
  'bigint',
  'bigserial',
  'bit',
  'boolean',
  'bool',
  'bytea',
  'char',
  'character',
  'character varying',
  'cidr',
  'citext',
  'date',
  'decimal',
  'double precision',
  'float4',
  'float8',
  'inet',
  'int',
  'int2',
  'int4',
  'int8',
  'integer',
  'interval',
  'json',
  'jsonb',
  'macaddr',
  'money',
  'numeric',
  'oid',
  'real',
  'regclass',
  'serial',
  'smallint',
  'smallserial',
  'text',
  'time',
  'timestamp',
  'timestamptz',
  'timetz',
  'tsquery',
  'tsvector',
  'uuid',
  'varbit',
  'varchar',
  'xml',
  'int4range',
  'int8range',
  'numrange',
  'tsrange',
  'tstzrange',
  'daterange',
  'point',
  'line',
  'box',
  'circle',
  'polygon',
  'path',
  'lseg',
  'pg_lsn',
  'macaddr8',
  'name',
  'record',
  'void',
  'trigger',
];
const builtinSet = new Set([...builtinTypes, 'double', 'character', 'bit varying', 'float', 'smallint', 'regtype', 'regproc', 'anyelement']);

export const isBuiltinType = (name: string): boolean => builtinSet.has(name.toLowerCase());

export const ident = (s: string): string => (/^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);
export const relDisplay = (schema: string, name: string): string => (schema === 'public' ? ident(name) : `${ident(schema)}.${ident(name)}`);

export type Resolved =
  | { kind: 'table'; table: TableState }
  | { kind: 'column'; table: TableState; column: string }
  | { kind: 'index'; index: IndexState }
  | { kind: 'constraint'; table: TableState; constraint: ConstraintState }
  | { kind: 'type'; type?: TypeState; builtin: boolean; name: string }
  | { kind: 'schema'; name: string }
  | { kind: 'label'; type: TypeState; label: string };

/** What `ref` names in `state`, or undefined when nothing of that name exists there. */
export function resolveRef(ref: SqlRef, state: SchemaState): Resolved | undefined {
  const table = (r = ref.table) => (r ? state.tables.get(qualify(r.schema ?? state.defaultSchema, r.name)) : undefined);
  switch (ref.kind) {
    case 'table': {
      const t = state.tables.get(qualify(ref.schema ?? state.defaultSchema, ref.name));
      return t && { kind: 'table', table: t };
    }
    case 'column': {
      const t = table();
      return t?.columns.has(ref.name) ? { kind: 'column', table: t, column: ref.name } : undefined;
    }
    case 'constraint': {
      const t = table();
      const c = t?.constraints.get(ref.name);
      return t && c ? { kind: 'constraint', table: t, constraint: c } : undefined;
    }
    case 'index': {
      const i = state.indexes.get(qualify(ref.schema ?? state.defaultSchema, ref.name));
      return i && { kind: 'index', index: i };
    }
    case 'type': {
      const t = state.types.get(qualify(ref.schema ?? state.defaultSchema, ref.name));
      if (t) return { kind: 'type', type: t, builtin: false, name: ref.name };
      return isBuiltinType(ref.name) ? { kind: 'type', builtin: true, name: ref.name } : undefined;
    }
    case 'schema':
      return state.schemas.has(ref.name) || ['pg_catalog', 'information_schema'].includes(ref.name) ? { kind: 'schema', name: ref.name } : undefined;
    case 'label': {
      const type = enumOf(ref, state);
      return type?.labels.includes(ref.name) ? { kind: 'label', type, label: ref.name } : undefined;
    }
  }
}

/** The enum type whose label a label reference would be (the named type, or the column's type). */
export function enumOf(ref: SqlRef, state: SchemaState): TypeState | undefined {
  let typeName = ref.typeName;
  if (!typeName && ref.column && ref.table)
    typeName = state.tables.get(qualify(ref.table.schema ?? state.defaultSchema, ref.table.name))?.columns.get(ref.column)?.type.base;
  const t = typeName ? state.types.get(qualify(state.defaultSchema, typeName)) : undefined;
  return t?.kind === 'enum' ? t : undefined;
}

function constraintSql(c: ConstraintState): string {
  const cols = c.columns.map(ident).join(', ');
  const body =
    c.kind === 'p'
      ? `PRIMARY KEY (${cols})`
      : c.kind === 'u'
        ? `UNIQUE (${cols})`
        : c.kind === 'f'
          ? `FOREIGN KEY (${cols}) REFERENCES ${c.references?.replace(/^public\./, '') ?? '?'}`
          : c.kind === 'c'
            ? `CHECK (…${cols ? ` ${cols} ` : ''}…)`
            : 'EXCLUDE (…)';
  return `CONSTRAINT ${ident(c.name)} ${body}${c.notValid ? ' NOT VALID' : ''}`;
}

export function indexSql(i: IndexState): string {
  return `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${ident(i.name)} ON ${relDisplay(i.schema, i.table)} (${i.columns.map(ident).join(', ')});`;
}

/** A compact CREATE TABLE for the table as the state has it (with its indexes that are not constraints). */
export function tableSql(t: TableState, state: SchemaState): string {
  const lines = [...t.columns.values()].map(
    (c) => `  ${ident(c.name)} ${c.type.display}${c.nullable ? '' : ' NOT NULL'}${c.generated ? ' GENERATED' : c.hasDefault ? ' DEFAULT …' : ''}`,
  );
  for (const c of t.constraints.values()) lines.push(`  ${constraintSql(c)}`);
  const out = [`CREATE TABLE ${relDisplay(t.schema, t.name)} (`, lines.join(',\n'), ');'];
  for (const i of state.indexesOn(t)) if (!t.constraints.has(i.name)) out.push(indexSql(i));
  return out.join('\n');
}

export function typeSql(t: TypeState): string {
  const name = relDisplay(t.schema, t.name);
  if (t.kind === 'enum') return `CREATE TYPE ${name} AS ENUM (${t.labels.map((l) => `'${l.replace(/'/g, "''")}'`).join(', ')});`;
  if (t.kind === 'domain') return `CREATE DOMAIN ${name} AS ${t.base ?? '?'};`;
  if (t.kind === 'extension') return `-- type ${name} from extension ${t.base ?? '?'}`;
  return `CREATE TYPE ${name} AS (…);`;
}

/** The SQL shown for a resolved object. */
export function objectSql(o: Resolved, state: SchemaState): string {
  switch (o.kind) {
    case 'table':
    case 'column':
      return tableSql(o.table, state);
    case 'constraint':
      return `ALTER TABLE ${relDisplay(o.table.schema, o.table.name)} ADD ${constraintSql(o.constraint)};`;
    case 'index':
      return indexSql(o.index);
    case 'type':
      return o.type ? typeSql(o.type) : `-- built-in type ${o.name}`;
    case 'schema':
      return `CREATE SCHEMA ${ident(o.name)};`;
    case 'label':
      return typeSql(o.type);
  }
}

/** Edit distance with adjacent transpositions counted as one edit (did-you-mean: "usres" → "users"). */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** The closest candidate within a small edit distance. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const dd = distance(name.toLowerCase(), c.toLowerCase());
    if (dd < bestD) {
      best = c;
      bestD = dd;
    }
  }
  return best;
}

/** Names of the objects of a reference's kind in `state` (did-you-mean candidates). */
export function candidates(ref: SqlRef, state: SchemaState): string[] {
  const schema = ref.schema ?? state.defaultSchema;
  const table = ref.table ? state.tables.get(qualify(ref.table.schema ?? state.defaultSchema, ref.table.name)) : undefined;
  switch (ref.kind) {
    case 'table':
      return state.tablesIn(schema).map((t) => t.name);
    case 'column':
      return table ? [...table.columns.keys()] : [];
    case 'constraint':
      return table ? [...table.constraints.keys()] : [];
    case 'index':
      return [...state.indexes.values()].filter((i) => i.schema === schema).map((i) => i.name);
    case 'type':
      return [...[...state.types.values()].filter((t) => t.schema === schema).map((t) => t.name), ...builtinTypes];
    case 'label':
      return enumOf(ref, state)?.labels ?? [];
    case 'schema':
      return [...state.schemas.keys()];
  }
}
