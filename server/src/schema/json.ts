// `{{ json . }}` of `schema inspect`: the shape of Atlas's SchemaInspect.MarshalJSON.
import type { Realm } from './model';

export interface InspectJson {
  schemas: Array<{
    name: string;
    tables?: Array<{
      name: string;
      columns?: Array<{ name: string; type: string; null?: boolean }>;
      indexes?: Array<{ name: string; unique?: boolean; parts: Array<{ column?: string; expr?: string; desc?: boolean }> }>;
      primary_key?: { parts: Array<{ column: string }> };
      foreign_keys?: Array<{ name: string; columns: string[]; references: { table: string; columns: string[] } }>;
    }>;
  }>;
}

export function inspectJson(realm: Realm): InspectJson {
  return {
    schemas: realm.schemas.map((s) => ({
      name: s.name,
      ...(s.tables.length
        ? {
            tables: s.tables.map((t) => ({
              name: t.name,
              ...(t.columns.length
                ? {
                    columns: t.columns.map((c) => ({
                      name: c.name,
                      type: c.typeRef ? c.typeRef.name + '[]'.repeat(c.typeRef.array) : c.type,
                      ...(c.notNull ? {} : { null: true }),
                    })),
                  }
                : {}),
              ...(t.indexes.length || t.uniques.length
                ? {
                    indexes: [
                      ...t.uniques.map((u) => ({ name: u.name, unique: true, parts: u.columns.map((c) => ({ column: c })) })),
                      ...t.indexes.map((i) => ({
                        name: i.name,
                        ...(i.unique ? { unique: true } : {}),
                        parts: i.parts.map((p) => ({
                          ...(p.column !== undefined ? { column: p.column } : { expr: p.expr }),
                          ...(p.desc ? { desc: true } : {}),
                        })),
                      })),
                    ],
                  }
                : {}),
              ...(t.primaryKey ? { primary_key: { parts: t.primaryKey.columns.map((c) => ({ column: c })) } } : {}),
              ...(t.foreignKeys.length
                ? {
                    foreign_keys: t.foreignKeys.map((f) => ({ name: f.name, columns: f.columns, references: { table: f.refTable, columns: f.refColumns } })),
                  }
                : {}),
            })),
          }
        : {}),
    })),
  };
}
