// SQL fragments in Atlas's style (sql/postgres/migrate.go): columns, constraints, indexes, types, sequences.
import type {
  CheckConstraint,
  Column,
  Deferral,
  Domain,
  EnumType,
  ExclusionConstraint,
  ForeignKey,
  Index,
  Policy,
  PrimaryKey,
  Sequence,
  Table,
  TypeRef,
  UniqueConstraint,
} from './model';
import { includeOf, lit, q, stripParens } from './sqlText';

/** How names are printed: realm scope qualifies with the schema, schema scope does not. */
export interface Namer {
  qualify: boolean;
  name(schema: string, name: string): string;
}

/** `qualifier` (schema scope with Atlas's --qualifier): every name is qualified with that schema instead. */
export function namer(qualify: boolean, qualifier?: string): Namer {
  if (qualifier) return { qualify: true, name: (_schema, name) => `${q(qualifier)}.${q(name)}` };
  return { qualify, name: (schema, name) => (qualify ? `${q(schema)}.${q(name)}` : q(name)) };
}

export function typeSql(c: { type: string; typeRef?: TypeRef }, n: Namer): string {
  if (!c.typeRef) return c.type;
  return n.name(c.typeRef.schema, c.typeRef.name) + '[]'.repeat(c.typeRef.array);
}

export function columnSql(c: Column, n: Namer, asSerial: boolean): string {
  const parts = [q(c.name), asSerial && c.serial ? c.serial : typeSql(c, n)];
  parts.push(c.notNull ? 'NOT NULL' : 'NULL');
  if (c.default !== undefined && !(asSerial && c.serial)) parts.push(`DEFAULT ${c.default}`);
  if (c.collation) parts.push(`COLLATE ${q(c.collation)}`);
  if (c.identity) parts.push(identitySql(c.identity));
  if (c.generated !== undefined) parts.push(`GENERATED ALWAYS AS (${stripParens(c.generated)}) STORED`);
  return parts.join(' ');
}

export function identitySql(id: NonNullable<Column['identity']>): string {
  const opts = [id.start !== '1' ? `START WITH ${id.start}` : '', id.increment !== '1' ? `INCREMENT BY ${id.increment}` : ''].filter(Boolean);
  return `GENERATED ${id.always ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${opts.length ? ` (${opts.join(' ')})` : ''}`;
}

const cols = (names: string[]) => names.map(q).join(', ');

function deferralSql(d: Deferral): string {
  if (!d.deferrable) return '';
  return d.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
}

export function primaryKeySql(t: Table, pk: PrimaryKey): string {
  const named = pk.name !== `${t.name}_pkey` ? `CONSTRAINT ${q(pk.name)} ` : '';
  return `${named}PRIMARY KEY (${cols(pk.columns)})${pk.include?.length ? ` INCLUDE (${cols(pk.include)})` : ''}${deferralSql(pk)}`;
}

export function uniqueSql(u: UniqueConstraint): string {
  const include = includeOf(u.def);
  return `CONSTRAINT ${q(u.name)} UNIQUE${u.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${cols(u.columns)})${include.length ? ` INCLUDE (${cols(include)})` : ''}${deferralSql(u)}`;
}

export function checkSql(c: CheckConstraint): string {
  return `CONSTRAINT ${q(c.name)} CHECK (${stripParens(c.expr)})${c.noInherit ? ' NO INHERIT' : ''}`;
}

export function exclusionSql(x: ExclusionConstraint): string {
  return `CONSTRAINT ${q(x.name)} ${x.def}`;
}

export function foreignKeySql(t: Table, fk: ForeignKey, n: Namer): string {
  const ref = n.qualify ? n.name(fk.refSchema, fk.refTable) : fk.refSchema !== t.schema ? `${q(fk.refSchema)}.${q(fk.refTable)}` : q(fk.refTable);
  const match = fk.match !== 'SIMPLE' ? ` MATCH ${fk.match}` : '';
  return `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${cols(fk.columns)}) REFERENCES ${ref} (${cols(fk.refColumns)})${match} ON UPDATE ${fk.onUpdate} ON DELETE ${fk.onDelete}${deferralSql(fk)}`;
}

export function indexSql(idx: Index, schema: string, table: string, n: Namer): string {
  const parts = idx.parts.map((p) => {
    let s = p.column !== undefined ? q(p.column) : `(${p.expr})`;
    if (p.opclass) s += ` ${p.opclass}`;
    if (p.desc) s += ' DESC';
    if (p.desc && !p.nullsFirst) s += ' NULLS LAST';
    if (!p.desc && p.nullsFirst) s += ' NULLS FIRST';
    return s;
  });
  let sql = `CREATE ${idx.unique ? 'UNIQUE ' : ''}INDEX ${q(idx.name)} ON ${n.name(schema, table)}`;
  if (idx.method !== 'btree') sql += ` USING ${idx.method}`;
  sql += ` (${parts.join(', ')})`;
  if (idx.include.length) sql += ` INCLUDE (${cols(idx.include)})`;
  if (idx.nullsNotDistinct) sql += ' NULLS NOT DISTINCT';
  if (idx.where !== undefined) sql += ` WHERE ${idx.where}`;
  return sql;
}

/** A comparable signature of an index (everything but its name and comment). */
export const indexSignature = (i: Index): string => JSON.stringify([i.unique, i.method, i.parts, i.include, i.where ?? null, i.nullsNotDistinct]);

export function enumSql(e: EnumType, n: Namer): string {
  return `CREATE TYPE ${n.name(e.schema, e.name)} AS ENUM (${e.values.map(lit).join(', ')})`;
}

export function domainSql(d: Domain, n: Namer): string {
  let sql = `CREATE DOMAIN ${n.name(d.schema, d.name)} AS ${d.type}`;
  if (d.collation) sql += ` COLLATE ${q(d.collation)}`;
  if (d.default !== undefined) sql += ` DEFAULT ${d.default}`;
  if (d.notNull) sql += ' NOT NULL';
  for (const c of d.checks) sql += ` CONSTRAINT ${q(c.name)} CHECK (${c.expr})`;
  return sql;
}

const seqDefaults = (type: string) => ({
  max: type === 'smallint' ? '32767' : type === 'integer' ? '2147483647' : '9223372036854775807',
});

export function sequenceOptions(s: Sequence): string {
  const opts: string[] = [];
  if (s.type !== 'bigint') opts.push(`AS ${s.type}`);
  if (s.increment !== '1') opts.push(`INCREMENT BY ${s.increment}`);
  if (s.min !== '1') opts.push(`MINVALUE ${s.min}`);
  if (s.max !== seqDefaults(s.type).max) opts.push(`MAXVALUE ${s.max}`);
  if (s.start !== s.min) opts.push(`START WITH ${s.start}`);
  if (s.cache !== '1') opts.push(`CACHE ${s.cache}`);
  if (s.cycle) opts.push('CYCLE');
  return opts.join(' ');
}

export function policySql(p: Policy, schema: string, table: string, n: Namer): string {
  let sql = `CREATE POLICY ${q(p.name)} ON ${n.name(schema, table)}`;
  if (!p.permissive) sql += ' AS RESTRICTIVE';
  if (p.command !== 'ALL') sql += ` FOR ${p.command}`;
  if (p.roles.length && !(p.roles.length === 1 && p.roles[0] === 'public')) sql += ` TO ${p.roles.map((r) => (r === 'public' ? 'PUBLIC' : q(r))).join(', ')}`;
  if (p.using !== undefined) sql += ` USING (${p.using})`;
  if (p.withCheck !== undefined) sql += ` WITH CHECK (${p.withCheck})`;
  return sql;
}

/** `RANGE (a, ((b * 2)))` (pg_get_partkeydef) → `PARTITION BY RANGE ("a", (b * 2))`, as Atlas prints a partition key. */
export function atlasPartitionKey(def: string): string {
  const m = /^(\w+) \((.*)\)$/s.exec(def);
  if (!m) return `PARTITION BY ${def}`;
  const keys: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < m[2].length; i++) {
    const c = m[2][i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      keys.push(m[2].slice(start, i).trim());
      start = i + 1;
    }
  }
  keys.push(m[2].slice(start).trim());
  const key = (k: string) => (/^[a-z_][a-z0-9_$]*$/.test(k) ? q(k) : /^".*"$/.test(k) ? k : /^\(\(.*\)\)$/s.test(k) ? k.slice(1, -1) : `(${k})`);
  return `PARTITION BY ${m[1]} (${keys.map(key).join(', ')})`;
}
