// Renames in a diff. Comparing two states cannot tell a rename from a drop and an add, so the diff engine
// offers candidates (a dropped and an added column of one table, or a dropped and an added table, with the same
// definition) and the caller confirms them (Atlas's "Did you rename …?" question). Confirmed renames are applied
// to the current model before the diff, which then plans only what is left, and become ALTER … RENAME
// statements; constraints and indexes that only changed name with them are renamed too.
import { Phase, type Change } from './change';
import type { Column, Realm, Table } from './model';
import type { Namer } from './render';
import { goq, q } from './sqlText';

export interface Rename {
  kind: 'column' | 'table';
  schema: string;
  /** the table holding the column (column renames); the old table name (table renames) */
  table: string;
  from: string;
  to: string;
}

/** The question Atlas asks for a candidate (prompt text without the `? ` marker). */
export function renameQuestion(r: Rename): string {
  return r.kind === 'column'
    ? `Did you rename ${goq(r.table)} column from ${goq(r.from)} to ${goq(r.to)}`
    : `Did you rename ${goq(r.schema)} table from ${goq(r.from)} to ${goq(r.to)}`;
}

/** `column:users.name:full_name`, `table:users:accounts` (schema-qualified when not public): the CLI's --rename spelling. */
export function renameSpec(r: Rename): string {
  const prefix = r.schema === 'public' ? '' : `${r.schema}.`;
  return r.kind === 'column' ? `column:${prefix}${r.table}.${r.from}:${r.to}` : `table:${prefix}${r.from}:${r.to}`;
}

const columnShape = (c: Column) => JSON.stringify({ ...c, name: undefined, comment: undefined });
const tableShape = (t: Table) => JSON.stringify(t.columns.map((c) => ({ ...c, comment: undefined })));

/**
 * Rename candidates between the current and the desired state: per table present on both sides, each dropped
 * column paired with each added column of the same definition; per schema, each dropped table paired with each
 * added table of the same columns. `skip` is atlas.hcl's `diff { skip { … } }` (rename_column, rename_table).
 */
export function renameCandidates(current: Realm, desired: Realm, skip: Record<string, boolean> = {}): Rename[] {
  const out: Rename[] = [];
  for (const s of current.schemas) {
    const d = desired.schemas.find((x) => x.name === s.name);
    if (!d) continue;
    if (!skip.rename_column && !skip.drop_column && !skip.add_column)
      for (const t of s.tables) {
        const dt = d.tables.find((x) => x.name === t.name);
        if (!dt) continue;
        const dropped = t.columns.filter((c) => !c.inherited && !dt.columns.some((x) => x.name === c.name));
        const added = dt.columns.filter((c) => !c.inherited && !t.columns.some((x) => x.name === c.name));
        for (const a of dropped)
          for (const b of added) if (columnShape(a) === columnShape(b)) out.push({ kind: 'column', schema: s.name, table: t.name, from: a.name, to: b.name });
      }
    if (!skip.rename_table && !skip.drop_table && !skip.add_table) {
      const dropped = s.tables.filter((t) => !d.tables.some((x) => x.name === t.name));
      const added = d.tables.filter((t) => !s.tables.some((x) => x.name === t.name));
      for (const a of dropped)
        for (const b of added)
          if (a.columns.length && tableShape(a) === tableShape(b)) out.push({ kind: 'table', schema: s.name, table: a.name, from: a.name, to: b.name });
    }
  }
  return out;
}

/** Replaces an identifier in a PostgreSQL-printed expression (bare or double-quoted, not inside a longer word). */
function renameIdent(expr: string | undefined, from: string, to: string): string | undefined {
  if (expr === undefined) return undefined;
  const bare = /^[a-z_][a-z0-9_$]*$/.test(from);
  const esc = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let out = expr.split(`"${from.replace(/"/g, '""')}"`).join(/^[a-z_][a-z0-9_$]*$/.test(to) ? to : q(to));
  if (bare) out = out.replace(new RegExp(`(?<![\\w$."])${esc}(?![\\w$"])`, 'g'), /^[a-z_][a-z0-9_$]*$/.test(to) ? to : q(to));
  return out;
}

function renameColumnIn(t: Table, from: string, to: string): void {
  const swap = (cols: string[]) => cols.map((c) => (c === from ? to : c));
  for (const c of t.columns) {
    if (c.name === from) c.name = to;
    c.generated = renameIdent(c.generated, from, to);
  }
  if (t.primaryKey) t.primaryKey.columns = swap(t.primaryKey.columns);
  for (const u of t.uniques) {
    u.columns = swap(u.columns);
    u.def = renameIdent(u.def, from, to)!;
  }
  for (const x of t.exclusions) x.def = renameIdent(x.def, from, to)!;
  for (const f of t.foreignKeys) f.columns = swap(f.columns);
  for (const k of t.checks) k.expr = renameIdent(k.expr, from, to)!;
  for (const i of t.indexes) {
    i.parts = i.parts.map((p) => ({ ...p, column: p.column === from ? to : p.column, expr: renameIdent(p.expr, from, to) }));
    i.include = swap(i.include);
    i.where = renameIdent(i.where, from, to);
  }
}

/** Constraint and index names that changed along with a rename (same definition, new name on the desired side). */
function nameOnlyChanges(t: Table, want: Table, n: Namer): Change[] {
  const out: Change[] = [];
  const tableName = n.name(t.schema, t.name);
  const strip = (o: object) => JSON.stringify({ ...o, name: undefined, comment: undefined, def: undefined });
  type Named = { name: string };
  const pairs: Array<[Named[], Named[], 'constraint' | 'index']> = [
    [t.primaryKey ? [t.primaryKey] : [], want.primaryKey ? [want.primaryKey] : [], 'constraint'],
    [t.uniques, want.uniques, 'constraint'],
    [t.checks, want.checks, 'constraint'],
    [t.foreignKeys, want.foreignKeys, 'constraint'],
    [t.indexes, want.indexes, 'index'],
  ];
  for (const [have, wanted, kind] of pairs)
    for (const h of have) {
      if (wanted.some((w) => w.name === h.name)) continue;
      const match = wanted.find((w) => !have.some((x) => x.name === w.name) && strip(w) === strip(h));
      if (!match) continue;
      out.push(
        kind === 'index'
          ? {
              phase: Phase.Top,
              cmd: `ALTER INDEX ${n.name(t.schema, h.name)} RENAME TO ${q(match.name)}`,
              comment: `rename an index from ${goq(h.name)} to ${goq(match.name)}`,
            }
          : {
              phase: Phase.Top,
              cmd: `ALTER TABLE ${tableName} RENAME CONSTRAINT ${q(h.name)} TO ${q(match.name)}`,
              comment: `rename a constraint from ${goq(h.name)} to ${goq(match.name)}`,
            },
      );
      h.name = match.name;
    }
  return out;
}

/**
 * Applies confirmed renames to a copy of `current`: returns the renamed model (to diff against the desired one)
 * and the RENAME statements, which run before everything else the diff plans.
 */
export function applyRenames(current: Realm, desired: Realm, renames: Rename[], n: Namer): { realm: Realm; changes: Change[] } {
  const realm = structuredClone(current);
  const changes: Change[] = [];
  const touched = new Set<Table>();
  for (const r of renames) {
    const s = realm.schemas.find((x) => x.name === r.schema);
    const t = s?.tables.find((x) => x.name === r.table);
    if (!s || !t) continue;
    if (r.kind === 'column') {
      if (!t.columns.some((c) => c.name === r.from)) continue;
      changes.push({
        phase: Phase.Top,
        cmd: `ALTER TABLE ${n.name(t.schema, t.name)} RENAME COLUMN ${q(r.from)} TO ${q(r.to)}`,
        comment: `rename a column from ${goq(r.from)} to ${goq(r.to)}`,
      });
      renameColumnIn(t, r.from, r.to);
    } else {
      changes.push({
        phase: Phase.Top,
        cmd: `ALTER TABLE ${n.name(t.schema, t.name)} RENAME TO ${q(r.to)}`,
        comment: `rename a table from ${goq(r.from)} to ${goq(r.to)}`,
      });
      t.name = r.to;
      for (const other of realm.schemas.flatMap((x) => x.tables))
        for (const f of other.foreignKeys) if (f.refSchema === r.schema && f.refTable === r.from) f.refTable = r.to;
      for (const seq of s.sequences) if (seq.ownedBy?.table === r.from) seq.ownedBy = { ...seq.ownedBy, table: r.to };
    }
    touched.add(t);
  }
  for (const t of touched) {
    const want = desired.schemas.find((x) => x.name === t.schema)?.tables.find((x) => x.name === t.name);
    if (want) changes.push(...nameOnlyChanges(t, want, n));
  }
  return { realm, changes };
}

/** Parses the CLI's `--rename` spelling (see renameSpec); a message saying what is wrong otherwise. */
export function parseRenameSpec(spec: string): Rename | string {
  const m = /^(column|table):([^:]+):([^:]+)$/.exec(spec);
  if (!m) return `invalid --rename ${JSON.stringify(spec)}: expected column:[schema.]table.column:new_name or table:[schema.]table:new_name`;
  const path = m[2].split('.');
  if (m[1] === 'column') {
    if (path.length < 2 || path.length > 3) return `invalid --rename ${JSON.stringify(spec)}: name the column as [schema.]table.column`;
    const [schema, table, from] = path.length === 3 ? path : ['public', ...path];
    return { kind: 'column', schema, table, from, to: m[3] };
  }
  if (path.length > 2) return `invalid --rename ${JSON.stringify(spec)}: name the table as [schema.]table`;
  const [schema, from] = path.length === 2 ? path : ['public', path[0]];
  return { kind: 'table', schema, table: from, from, to: m[3] };
}
