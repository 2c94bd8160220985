// The one schema model: what inspect produces, what diff compares, what plan renders and the ERD draws.
// Names are stored unquoted, exactly as in the catalog. Expressions are stored as PostgreSQL prints them
// (pg_get_expr / pg_get_*def), so two models inspected on the same server compare by text.

export interface Realm {
  schemas: Schema[];
  extensions: Extension[];
  /** Set when the model was inspected with schema scope (a search_path on the URL). */
  scope?: string;
  /** major version of the server it was inspected on (15, 18, ...) */
  serverMajor?: number;
}

export interface Extension {
  name: string;
  version: string;
  schema: string;
}

/**
 * A user object another object depends on, as pg_depend records it on the server the model was inspected on:
 * a function (with its identity arguments), a type (enum, domain, composite) or a relation (sequence).
 */
export interface ObjRef {
  kind: 'fn' | 'type' | 'rel';
  schema: string;
  name: string;
  args?: string;
}

/** Ordering id of an object: `fn:s.f(int4)`, `type:s.t`, `rel:s.t`. */
export const refId = (r: ObjRef): string => `${r.kind}:${r.schema}.${r.name}${r.kind === 'fn' ? `(${r.args ?? ''})` : ''}`;

export interface Schema {
  name: string;
  comment?: string;
  enums: EnumType[];
  domains: Domain[];
  composites: CompositeType[];
  sequences: Sequence[];
  tables: Table[];
  views: View[];
  functions: Func[];
}

export interface EnumType {
  schema: string;
  name: string;
  values: string[];
  comment?: string;
}

export interface Domain {
  schema: string;
  name: string;
  /** canonical SQL of the base type */
  type: string;
  notNull: boolean;
  default?: string;
  collation?: string;
  checks: { name: string; expr: string }[];
  comment?: string;
  /** functions and types its default and checks use (pg_depend) */
  uses?: ObjRef[];
}

export interface CompositeType {
  schema: string;
  name: string;
  fields: { name: string; type: string }[];
  comment?: string;
}

export interface Sequence {
  schema: string;
  name: string;
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  /** OWNED BY table.column (serial columns own theirs) */
  ownedBy?: { table: string; column: string };
  comment?: string;
}

/** A reference to a user-defined type (enum, domain, composite) used by a column. */
export interface TypeRef {
  schema: string;
  name: string;
  array: number;
}

export interface Column {
  name: string;
  /** canonical SQL type (`integer`, `character varying(10)`, `timestamptz`); user types keep their catalog name */
  type: string;
  typeRef?: TypeRef;
  notNull: boolean;
  default?: string;
  /** `serial`, `bigserial` or `smallserial` when the column is a serial column (its default and sequence are implied) */
  serial?: 'serial' | 'bigserial' | 'smallserial';
  identity?: { always: boolean; start: string; increment: string };
  /** expression of a STORED generated column */
  generated?: string;
  collation?: string;
  comment?: string;
  /** inherited from a parent table or partitioned table, not declared locally */
  inherited?: boolean;
}

export type FkAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

export interface Deferral {
  deferrable: boolean;
  initiallyDeferred: boolean;
}

export interface PrimaryKey extends Deferral {
  name: string;
  columns: string[];
  /** INCLUDE columns of its index (absent when none) */
  include?: string[];
}
export interface UniqueConstraint extends Deferral {
  name: string;
  columns: string[];
  nullsNotDistinct: boolean;
  def: string;
}
export interface CheckConstraint {
  name: string;
  expr: string;
  noInherit: boolean;
  validated: boolean;
}
export interface ExclusionConstraint extends Deferral {
  name: string;
  def: string;
}

export interface ForeignKey extends Deferral {
  name: string;
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
  onUpdate: FkAction;
  onDelete: FkAction;
  match: 'SIMPLE' | 'FULL' | 'PARTIAL';
  validated: boolean;
}

export interface IndexPart {
  /** a plain column, or an expression (as pg_get_indexdef prints it) */
  column?: string;
  expr?: string;
  desc: boolean;
  nullsFirst: boolean;
  /** non-default operator class, e.g. gin_trgm_ops */
  opclass?: string;
  collation?: string;
}

export interface Index {
  name: string;
  unique: boolean;
  method: string;
  parts: IndexPart[];
  include: string[];
  where?: string;
  nullsNotDistinct: boolean;
  comment?: string;
  /** functions and types its expressions and predicate use (pg_depend) */
  uses?: ObjRef[];
}

export interface Trigger {
  name: string;
  def: string;
  comment?: string;
  uses?: ObjRef[];
}

export interface Policy {
  name: string;
  permissive: boolean;
  command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  roles: string[];
  using?: string;
  withCheck?: string;
}

export interface Table {
  schema: string;
  name: string;
  columns: Column[];
  primaryKey?: PrimaryKey;
  uniques: UniqueConstraint[];
  checks: CheckConstraint[];
  exclusions: ExclusionConstraint[];
  foreignKeys: ForeignKey[];
  indexes: Index[];
  triggers: Trigger[];
  policies: Policy[];
  rls: { enabled: boolean; forced: boolean };
  unlogged: boolean;
  /** PARTITION BY clause body, e.g. `RANGE (logdate)` */
  partitionBy?: string;
  /** this table is a partition of `parent`, with bound `FOR VALUES ...` */
  partitionOf?: { schema: string; table: string; bound: string };
  inherits: { schema: string; table: string }[];
  comment?: string;
  /** functions, types and sequences its column types, defaults, generated columns and checks use (pg_depend) */
  uses?: ObjRef[];
}

export interface View {
  schema: string;
  name: string;
  materialized: boolean;
  def: string;
  /** relations and functions this view reads (qualified names "schema.name") */
  deps: string[];
  indexes: Index[];
  triggers: Trigger[];
  comment?: string;
}

export interface Func {
  schema: string;
  name: string;
  /** identity arguments (pg_get_function_identity_arguments) */
  args: string;
  kind: 'function' | 'procedure';
  /** full CREATE OR REPLACE statement (pg_get_functiondef), without the trailing newline */
  def: string;
  result: string;
  language: string;
  comment?: string;
  /** types of its arguments and result (pg_depend) */
  uses?: ObjRef[];
}

export function emptySchema(name: string): Schema {
  return { name, enums: [], domains: [], composites: [], sequences: [], tables: [], views: [], functions: [] };
}

export function emptyTable(schema: string, name: string): Table {
  return {
    schema,
    name,
    columns: [],
    uniques: [],
    checks: [],
    exclusions: [],
    foreignKeys: [],
    indexes: [],
    triggers: [],
    policies: [],
    rls: { enabled: false, forced: false },
    unlogged: false,
    inherits: [],
  };
}

export const funcKey = (f: Func): string => `${f.schema}.${f.name}(${f.args})`;
