// Moves a SchemaState forward by one parsed statement. Only what lint needs is tracked: schemas, tables,
// columns (type, nullability, default), constraints, indexes, views. Unknown statements leave it unchanged.
import type { AlterTableCmd, AlterTableStmt, CreateStmt, Node } from 'libpg-query';
import { nodeAs, strings } from '../sql/parser';
import { applyTypeStatement, opaqueReason } from './interpretTypes';
import { columnFromDef, constraintState, constraintsOf, indexColumns, relName } from './ddl';
import { columnType } from './types';
import type { SchemaState, TableState } from './state';
import { defaultIndexName, qualify } from './state';

export function applyStatement(state: SchemaState, node: Node, origin: string): void {
  const s = state.defaultSchema;
  state.uncertain ??= opaqueReason(node);
  if (applyTypeStatement(state, node, origin)) return;
  const create = nodeAs(node, 'CreateStmt');
  if (create) return createTable(state, create, origin);
  const alter = nodeAs(node, 'AlterTableStmt');
  if (alter) return alterTable(state, alter, origin);
  const idx = nodeAs(node, 'IndexStmt');
  if (idx) {
    const rel = relName(idx.relation, s);
    const columns = indexColumns(idx);
    const name = idx.idxname ?? defaultIndexName(rel.name, columns);
    state.indexes.set(qualify(rel.schema, name), { schema: rel.schema, name, table: rel.name, columns, unique: !!idx.unique, origin });
    return;
  }
  const ctas = nodeAs(node, 'CreateTableAsStmt');
  if (ctas?.into?.rel?.relname) {
    const rel = relName(ctas.into.rel, s);
    if (ctas.objtype === 'OBJECT_MATVIEW') state.views.set(qualify(rel.schema, rel.name), { ...rel, from: fromTables(ctas.query, s) });
    else if (!state.table(rel.schema, rel.name))
      state.tables.set(qualify(rel.schema, rel.name), { ...rel, columns: new Map(), constraints: new Map(), origin });
    return;
  }
  const schema = nodeAs(node, 'CreateSchemaStmt');
  if (schema?.schemaname) {
    if (!state.schemas.has(schema.schemaname)) state.schemas.set(schema.schemaname, { name: schema.schemaname, origin });
    for (const el of schema.schemaElts ?? []) applyStatement(state, withSchema(el, schema.schemaname), origin);
    return;
  }
  const drop = nodeAs(node, 'DropStmt');
  if (drop) return dropObjects(state, drop.removeType, drop.objects ?? []);
  const rename = nodeAs(node, 'RenameStmt');
  if (rename) return renameObject(state, rename);
  const view = nodeAs(node, 'ViewStmt');
  if (view?.view?.relname) {
    const rel = relName(view.view, s);
    state.views.set(qualify(rel.schema, rel.name), { ...rel, from: fromTables(view.query, s) });
    return;
  }
  const set = nodeAs(node, 'VariableSetStmt');
  if (set?.name === 'search_path' && set.kind === 'VAR_SET_VALUE') {
    const first = nodeAs(set.args?.[0], 'A_Const');
    const v = first?.sval?.sval;
    if (v) state.defaultSchema = v.replace(/^"|"$/g, '');
  }
}

/** Tables named in a query's FROM clause ("schema.table"). */
export function fromTables(query: Node | undefined, defaultSchema: string): string[] {
  const sel = nodeAs(query, 'SelectStmt');
  return (sel?.fromClause ?? []).flatMap((f) => {
    const r = nodeAs(f, 'RangeVar');
    return r?.relname ? [qualify(r.schemaname ?? defaultSchema, r.relname)] : [];
  });
}

function withSchema(el: Node, schema: string): Node {
  const c = nodeAs(el, 'CreateStmt');
  if (c?.relation && !c.relation.schemaname) return { CreateStmt: { ...c, relation: { ...c.relation, schemaname: schema } } };
  return el;
}

function createTable(state: SchemaState, stmt: CreateStmt, origin: string): void {
  const rel = relName(stmt.relation, state.defaultSchema);
  if (stmt.if_not_exists && state.table(rel.schema, rel.name)) return;
  const t: TableState = { schema: rel.schema, name: rel.name, columns: new Map(), constraints: new Map(), origin };
  for (const el of stmt.tableElts ?? []) {
    const def = nodeAs(el, 'ColumnDef');
    if (def?.colname) {
      t.columns.set(def.colname, columnFromDef(def));
      for (const c of constraintsOf(def.constraints)) addConstraint(state, t, constraintState(c, t.name, state.defaultSchema, def.colname), origin);
      continue;
    }
    const con = nodeAs(el, 'Constraint');
    if (con) addConstraint(state, t, constraintState(con, t.name, state.defaultSchema), origin);
  }
  state.tables.set(qualify(t.schema, t.name), t);
}

function addConstraint(state: SchemaState, t: TableState, c: ReturnType<typeof constraintState>, origin: string): void {
  if (!c) return;
  t.constraints.set(c.name, c);
  if (c.kind === 'p')
    for (const col of c.columns) {
      const x = t.columns.get(col);
      if (x) x.nullable = false;
    }
  if (c.kind === 'p' || c.kind === 'u') {
    // PRIMARY KEY / UNIQUE constraints are backed by an index of the same name.
    state.indexes.set(qualify(t.schema, c.name), { schema: t.schema, name: c.name, table: t.name, columns: c.columns, unique: true, origin });
  }
}

function alterTable(state: SchemaState, stmt: AlterTableStmt, origin: string): void {
  const rel = relName(stmt.relation, state.defaultSchema);
  if (stmt.objtype && stmt.objtype !== 'OBJECT_TABLE') return;
  const t = state.table(rel.schema, rel.name);
  if (!t) return;
  for (const n of stmt.cmds ?? []) {
    const cmd = nodeAs(n, 'AlterTableCmd');
    if (cmd) alterCmd(state, t, cmd, origin);
  }
}

function alterCmd(state: SchemaState, t: TableState, cmd: AlterTableCmd, origin: string): void {
  const col = cmd.name ? t.columns.get(cmd.name) : undefined;
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const def = nodeAs(cmd.def, 'ColumnDef');
      if (!def?.colname || (cmd.missing_ok && t.columns.has(def.colname))) return;
      t.columns.set(def.colname, columnFromDef(def));
      for (const c of constraintsOf(def.constraints)) addConstraint(state, t, constraintState(c, t.name, state.defaultSchema, def.colname), origin);
      return;
    }
    case 'AT_DropColumn':
      if (!cmd.name) return;
      t.columns.delete(cmd.name);
      for (const [k, c] of t.constraints) if (c.columns.includes(cmd.name)) t.constraints.delete(k);
      for (const i of state.indexesOn(t)) if (i.columns.includes(cmd.name)) state.indexes.delete(qualify(i.schema, i.name));
      return;
    case 'AT_AlterColumnType': {
      const def = nodeAs(cmd.def, 'ColumnDef');
      if (col && def?.typeName) col.type = columnType(def.typeName);
      return;
    }
    case 'AT_SetNotNull':
      if (col) col.nullable = false;
      return;
    case 'AT_DropNotNull':
      if (col) col.nullable = true;
      return;
    case 'AT_ColumnDefault':
      if (col) col.hasDefault = !!cmd.def;
      return;
    case 'AT_AddConstraint': {
      const c = nodeAs(cmd.def, 'Constraint');
      if (c) addConstraint(state, t, constraintState(c, t.name, state.defaultSchema), origin);
      return;
    }
    case 'AT_ValidateConstraint': {
      const c = cmd.name ? t.constraints.get(cmd.name) : undefined;
      if (c) c.notValid = false;
      return;
    }
    case 'AT_DropConstraint':
      if (cmd.name) {
        t.constraints.delete(cmd.name);
        state.indexes.delete(qualify(t.schema, cmd.name));
      }
      return;
    default:
  }
}

function dropObjects(state: SchemaState, type: string | undefined, objects: Node[]): void {
  for (const o of objects) {
    const parts = strings(nodeAs(o, 'List')?.items);
    const name = parts.pop();
    if (!name) {
      const schemaName = nodeAs(o, 'String')?.sval;
      if (type === 'OBJECT_SCHEMA' && schemaName) {
        state.schemas.delete(schemaName);
        for (const t of state.tablesIn(schemaName)) state.dropTable(t);
      }
      continue;
    }
    const schema = parts.pop() ?? state.defaultSchema;
    if (type === 'OBJECT_TABLE') {
      const t = state.table(schema, name);
      if (t) state.dropTable(t);
    } else if (type === 'OBJECT_INDEX') state.indexes.delete(qualify(schema, name));
    else if (type === 'OBJECT_VIEW') state.views.delete(qualify(schema, name));
  }
}

function renameObject(state: SchemaState, r: NonNullable<ReturnType<typeof nodeAs<'RenameStmt'>>>): void {
  const rel = relName(r.relation, state.defaultSchema);
  if (!r.newname) return;
  if (r.renameType === 'OBJECT_TABLE') {
    const t = state.table(rel.schema, rel.name);
    if (t) state.renameTable(t, r.newname);
  } else if (r.renameType === 'OBJECT_COLUMN' && r.subname) {
    const t = state.table(rel.schema, rel.name);
    const c = t?.columns.get(r.subname);
    if (t && c) {
      t.columns.delete(r.subname);
      c.name = r.newname;
      t.columns.set(r.newname, c);
      for (const con of t.constraints.values()) con.columns = con.columns.map((x) => (x === r.subname ? r.newname! : x));
      for (const i of state.indexesOn(t))
        state.indexes.set(qualify(i.schema, i.name), { ...i, columns: i.columns.map((x) => (x === r.subname ? r.newname! : x)) });
    }
  } else if (r.renameType === 'OBJECT_INDEX') {
    const i = state.index(rel.schema, rel.name);
    if (i) {
      state.indexes.delete(qualify(i.schema, i.name));
      i.name = r.newname;
      state.indexes.set(qualify(i.schema, i.name), i);
    }
  } else if (r.renameType === 'OBJECT_TABCONSTRAINT' && r.subname) {
    const t = state.table(rel.schema, rel.name);
    const c = t?.constraints.get(r.subname);
    if (t && c) {
      t.constraints.delete(r.subname);
      c.name = r.newname;
      t.constraints.set(c.name, c);
    }
  }
}
