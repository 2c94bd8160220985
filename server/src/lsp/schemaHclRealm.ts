// The schema model (schema/model.ts Realm) of a PostgreSQL HCL schema as written, without a database: tables with
// their columns, primary keys, unique indexes/constraints and foreign keys, enough for the ERD. Pure.
import { attr, blocks, type Block } from '../config/ast';
import { emptySchema, emptyTable, type FkAction, type Realm, type Table } from '../schema/model';
import { columnList } from './schemaHclCheck';
import { findObj, segments, type ObjKind, type SchemaModel } from './schemaHclModel';
import { readType } from './schemaHclTypes';

const action = (b: Block, name: string): FkAction => {
  const e = attr(b.body, name)?.expr;
  return (e?.kind === 'traversal' && e.steps.length === 0 ? e.root.replace(/_/g, ' ') : 'NO ACTION') as FkAction;
};

const USER_TYPES = new Set(['enum', 'domain', 'composite']);

export function realmOf(m: SchemaModel): Realm {
  const realm: Realm = { schemas: [], extensions: [] };
  const schemaNamed = (name: string) => {
    let s = realm.schemas.find((x) => x.name === name);
    if (!s) realm.schemas.push((s = emptySchema(name)));
    return s;
  };
  for (const d of m.defs) if (d.kind === 'schema') schemaNamed(d.name);
  const fallback = m.defs.find((d) => d.kind === 'schema')?.name ?? 'public';
  for (const d of m.defs) {
    if (d.kind !== 'table') continue;
    const t: Table = emptyTable(d.schema || fallback, d.name);
    for (const c of blocks(d.block.body, 'column')) {
      const n = attr(c.body, 'null')?.expr;
      const te = attr(c.body, 'type')?.expr;
      const name = c.labels[0]?.value ?? '';
      const notNull = !(n?.kind === 'literal' && n.value === true);
      // a user type (enum.x, domain.x, composite.x) by name, as inspect stores it
      const user = te?.kind === 'traversal' && USER_TYPES.has(te.root) ? { kind: te.root as ObjKind, segs: segments(te) } : undefined;
      const typeName = user?.segs[user.segs.length - 1]?.name;
      if (user && typeName) {
        const schema = user.segs.length > 1 ? user.segs[0].name : findObj(m, user.kind, typeName)?.schema || fallback;
        t.columns.push({ name, type: typeName, typeRef: { schema, name: typeName, array: 0 }, notNull });
      } else t.columns.push({ name, type: readType(m, te)?.sql ?? '?', notNull });
    }
    const pk = blocks(d.block.body, 'primary_key')[0];
    const pkCols = pk && columnList(pk.body);
    if (pkCols) t.primaryKey = { name: pk.labels[0]?.value ?? `${d.name}_pkey`, columns: pkCols, deferrable: false, initiallyDeferred: false };
    for (const u of blocks(d.block.body, 'unique')) {
      const cols = columnList(u.body);
      if (cols)
        t.uniques.push({ name: u.labels[0]?.value ?? '', columns: cols, nullsNotDistinct: false, def: '', deferrable: false, initiallyDeferred: false });
    }
    for (const i of blocks(d.block.body, 'index')) {
      const cols = columnList(i.body);
      const u = attr(i.body, 'unique')?.expr;
      if (cols)
        t.indexes.push({
          name: i.labels[0]?.value ?? '',
          unique: u?.kind === 'literal' && u.value === true,
          method: 'btree',
          parts: cols.map((column) => ({ column, desc: false, nullsFirst: false })),
          include: [],
          where: attr(i.body, 'where') ? '?' : undefined,
          nullsNotDistinct: false,
        });
    }
    for (const fk of blocks(d.block.body, 'foreign_key')) {
      const refs = attr(fk.body, 'ref_columns')?.expr;
      const first = refs?.kind === 'tuple' && refs.items[0]?.kind === 'traversal' ? refs.items[0] : undefined;
      const use = first && m.refs.find((r) => r.range === first.range && r.uri === d.uri);
      const target = use?.hits.map((h) => m.byId.get(h.id)?.[0]).find((x) => x?.kind === 'table');
      const cols = columnList(fk.body);
      const refCols = columnList(fk.body, 'ref_columns');
      if (!target || !cols || !refCols) continue;
      t.foreignKeys.push({
        name: fk.labels[0]?.value ?? '',
        columns: cols,
        refSchema: target.schema || fallback,
        refTable: target.name,
        refColumns: refCols,
        onUpdate: action(fk, 'on_update'),
        onDelete: action(fk, 'on_delete'),
        match: 'SIMPLE',
        validated: true,
        deferrable: false,
        initiallyDeferred: false,
      });
    }
    schemaNamed(t.schema).tables.push(t);
  }
  return realm;
}
