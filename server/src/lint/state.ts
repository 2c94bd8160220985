// The lightweight schema state lint reads as "the database before this statement": built by interpreting
// parsed DDL (no database needed), cheap to copy, and shared by the CLI and the editor. Copies share what was
// there before them (layeredMap.ts): a copy costs what is written after it, not the size of the schema, so
// the editor can keep one state per migration file of a large folder.
import { LayeredMap } from './layeredMap';
import type { ColumnType } from './types';

export interface ColumnState {
  name: string;
  type: ColumnType;
  nullable: boolean;
  hasDefault: boolean;
  /** generated (virtual or stored) column */
  generated: boolean;
}

export type ConstraintKind = 'p' | 'u' | 'f' | 'c' | 'x';

export interface ConstraintState {
  name: string;
  kind: ConstraintKind;
  columns: string[];
  /** foreign-key target "schema.table" */
  references?: string;
  notValid: boolean;
  /** columns a CHECK proves NOT NULL (`CHECK (c IS NOT NULL)`) */
  provesNotNull: string[];
}

export interface IndexState {
  schema: string;
  name: string;
  table: string;
  columns: string[];
  unique: boolean;
  /** file that created it */
  origin?: string;
}

export interface TableState {
  schema: string;
  name: string;
  columns: Map<string, ColumnState>;
  constraints: Map<string, ConstraintState>;
  /** file that created it (undefined: unknown / pre-existing) */
  origin?: string;
}

export interface SchemaEntry {
  name: string;
  origin?: string;
}

/** A user type: an enum (with its labels), a domain (with its base type) or a type an extension brings. */
export interface TypeState {
  schema: string;
  name: string;
  kind: 'enum' | 'domain' | 'composite' | 'extension';
  labels: string[];
  /** domain: base type display name; extension: the extension */
  base?: string;
  origin?: string;
}

/** Key of a table or index: "schema.name". */
export const qualify = (schema: string, name: string): string => `${schema}.${name}`;

export class SchemaState {
  schemas = new LayeredMap<SchemaEntry>();
  tables = new LayeredMap<TableState>(cloneTable);
  indexes = new LayeredMap<IndexState>((i) => ({ ...i, columns: [...i.columns] }));
  views = new LayeredMap<{ schema: string; name: string; from: string[] }>();
  types = new LayeredMap<TypeState>((t) => ({ ...t, labels: [...t.labels] }));
  extensions = new LayeredMap<SchemaEntry>();
  /** first schema of search_path */
  defaultSchema = 'public';
  /**
   * Why the state may miss objects (a DO block, a function call, an extension, a statement that did not parse
   * was applied before): set once, kept by copies. Editor checks downgrade "no such object" to a hint then.
   */
  uncertain?: string;

  constructor() {
    this.schemas.set('public', { name: 'public' });
  }

  /**
   * A copy that shares this state's entries (O(1)): analysers keep "before" states while the interpreter moves
   * on. Entries are copied when read through get/table/index; those that iterate (tablesIn, indexesOn, values)
   * must not mutate what they get.
   */
  clone(): SchemaState {
    const s = Object.create(SchemaState.prototype) as SchemaState;
    s.defaultSchema = this.defaultSchema;
    s.uncertain = this.uncertain;
    s.types = this.types.copy();
    s.extensions = this.extensions.copy();
    s.schemas = this.schemas.copy();
    s.tables = this.tables.copy();
    s.indexes = this.indexes.copy();
    s.views = this.views.copy();
    return s;
  }

  table(schema: string | undefined, name: string): TableState | undefined {
    return this.tables.get(qualify(schema ?? this.defaultSchema, name));
  }

  index(schema: string | undefined, name: string): IndexState | undefined {
    return this.indexes.get(qualify(schema ?? this.defaultSchema, name));
  }

  tablesIn(schema: string): TableState[] {
    return [...this.tables.values()].filter((t) => t.schema === schema);
  }

  indexesOn(table: TableState): IndexState[] {
    return [...this.indexes.values()].filter((i) => i.schema === table.schema && i.table === table.name);
  }

  /** Removes a table with its indexes. */
  dropTable(t: TableState): void {
    this.tables.delete(qualify(t.schema, t.name));
    for (const i of this.indexesOn(t)) this.indexes.delete(qualify(i.schema, i.name));
  }

  renameTable(t: TableState, to: string): void {
    this.tables.delete(qualify(t.schema, t.name));
    for (const i of this.indexesOn(t)) this.indexes.set(qualify(i.schema, i.name), { ...i, table: to });
    t.name = to;
    this.tables.set(qualify(t.schema, to), t);
  }
}

function cloneTable(t: TableState): TableState {
  return {
    ...t,
    columns: new Map([...t.columns].map(([k, c]) => [k, { ...c }])),
    constraints: new Map([...t.constraints].map(([k, c]) => [k, { ...c, columns: [...c.columns] }])),
  };
}

/** PostgreSQL's default constraint / index names (ChooseRelationName, without the 63-byte truncation rules). */
export function defaultConstraintName(table: string, columns: string[], kind: ConstraintKind): string {
  const suffix = { p: 'pkey', u: 'key', f: 'fkey', c: 'check', x: 'excl' }[kind];
  if (kind === 'p') return truncateName(`${table}_pkey`);
  // a CHECK is named after its column only when it references exactly one
  const named = kind === 'c' ? (columns.length === 1 ? columns : []) : columns;
  return truncateName([table, ...named, suffix].join('_'));
}

export function defaultIndexName(table: string, columns: string[]): string {
  return truncateName([table, ...columns, 'idx'].join('_'));
}

function truncateName(n: string): string {
  return Buffer.byteLength(n) > 63 ? Buffer.from(n).subarray(0, 63).toString() : n;
}
