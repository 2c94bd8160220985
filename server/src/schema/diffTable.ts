// Table-level diff: create, drop and modify a table in Atlas's style (one ALTER TABLE with all clauses,
// separate DROP INDEX / CREATE INDEX / COMMENT statements around it).
import { Phase, type Change } from './change';
import { refId, type Column, type ObjRef, type Table } from './model';
import {
  checkSql,
  columnSql,
  exclusionSql,
  foreignKeySql,
  identitySql,
  indexSignature,
  indexSql,
  policySql,
  primaryKeySql,
  typeSql,
  uniqueSql,
  type Namer,
} from './render';
import { lit, q, goq } from './sqlText';

export interface TableContext {
  n: Namer;
  /** names of sequences that exist in the current state ("schema.name") */
  fromSequences: Set<string>;
  /** tables whose primary key or unique keys change in this plan: foreign keys to them are dropped first */
  keyChanged: Set<string>;
  /** atlas.hcl `diff { skip { … } }`: change kinds removed from the plan (Atlas filters them out) */
  skip?: Record<string, boolean>;
}

const key = (schema: string, name: string) => `${schema}.${name}`;
const deps = (t: Table) => [
  ...t.foreignKeys.map((f) => key(f.refSchema, f.refTable)),
  ...(t.partitionOf ? [key(t.partitionOf.schema, t.partitionOf.table)] : []),
  ...t.inherits.map((i) => key(i.schema, i.table)),
];
const ids = (uses?: ObjRef[]) => (uses ?? []).map(refId);
const ownCols = (t: Table) => t.columns.filter((c) => !c.inherited);
const serialOk = (t: Table, c: Column, ctx: TableContext) => !!c.serial && !ctx.fromSequences.has(key(t.schema, `${t.name}_${c.name}_seq`));

export function createTable(t: Table, ctx: TableContext, inlineFks: boolean): Change[] {
  const { n } = ctx;
  const tn = n.name(t.schema, t.name);
  const out: Change[] = [];
  let cmd: string;
  if (t.partitionOf) {
    cmd = `CREATE TABLE ${tn} PARTITION OF ${n.name(t.partitionOf.schema, t.partitionOf.table)} ${t.partitionOf.bound}`;
  } else {
    const defs = ownCols(t).map((c) => columnSql(c, n, serialOk(t, c, ctx)));
    if (t.primaryKey) defs.push(primaryKeySql(t, t.primaryKey));
    defs.push(...t.uniques.map(uniqueSql));
    if (inlineFks) defs.push(...t.foreignKeys.map((f) => foreignKeySql(t, f, n)));
    defs.push(...t.checks.map(checkSql), ...t.exclusions.map(exclusionSql));
    cmd = `CREATE ${t.unlogged ? 'UNLOGGED ' : ''}TABLE ${tn} (${defs.join(', ')})`;
    if (t.inherits.length) cmd += ` INHERITS (${t.inherits.map((i) => n.name(i.schema, i.table)).join(', ')})`;
    if (t.partitionBy) cmd += ` PARTITION BY ${t.partitionBy}`;
  }
  out.push({
    phase: Phase.Tables,
    cmd,
    comment: `create ${goq(t.name)} table`,
    key: key(t.schema, t.name),
    after: inlineFks ? deps(t) : deps(t).filter((d) => !t.foreignKeys.some((f) => key(f.refSchema, f.refTable) === d)),
    creates: `rel:${key(t.schema, t.name)}`,
    needs: ids(t.uses),
  });
  if (t.partitionOf) {
    const clauses = [
      ...(t.primaryKey ? [`ADD ${primaryKeySql(t, t.primaryKey)}`] : []),
      ...t.uniques.map((u) => `ADD ${uniqueSql(u)}`),
      ...t.checks.map((c) => `ADD ${checkSql(c)}`),
      ...t.exclusions.map((x) => `ADD ${exclusionSql(x)}`),
      ...(inlineFks ? t.foreignKeys.map((f) => `ADD ${foreignKeySql(t, f, n)}`) : []),
    ];
    if (clauses.length)
      out.push({ phase: Phase.Tables, cmd: `ALTER TABLE ${tn} ${clauses.join(', ')}`, comment: `modify ${goq(t.name)} table`, key: key(t.schema, t.name) });
  }
  if (!inlineFks) {
    for (const f of t.foreignKeys)
      out.push({ phase: Phase.Links, cmd: `ALTER TABLE ${tn} ADD ${foreignKeySql(t, f, n)}`, comment: `modify ${goq(t.name)} table` });
  }
  for (const i of t.indexes)
    out.push({
      phase: Phase.Tables,
      cmd: indexSql(i, t.schema, t.name, n),
      comment: `create index ${goq(i.name)} to table: ${goq(t.name)}`,
      key: key(t.schema, t.name),
      needs: ids(i.uses),
    });
  out.push(...tableExtras(t, ctx));
  return out;
}

/** Comments, RLS, policies and triggers of a newly created table. */
function tableExtras(t: Table, ctx: TableContext): Change[] {
  const { n } = ctx;
  const tn = n.name(t.schema, t.name);
  const out: Change[] = [];
  if (t.rls.enabled)
    out.push({ phase: Phase.Tables, cmd: `ALTER TABLE ${tn} ENABLE ROW LEVEL SECURITY`, comment: `modify ${goq(t.name)} table`, key: key(t.schema, t.name) });
  if (t.rls.forced)
    out.push({ phase: Phase.Tables, cmd: `ALTER TABLE ${tn} FORCE ROW LEVEL SECURITY`, comment: `modify ${goq(t.name)} table`, key: key(t.schema, t.name) });
  if (t.comment !== undefined)
    out.push({
      phase: Phase.Tables,
      cmd: `COMMENT ON TABLE ${tn} IS ${lit(t.comment)}`,
      comment: `set comment to table: ${goq(t.name)}`,
      key: key(t.schema, t.name),
    });
  for (const c of ownCols(t)) {
    if (c.comment !== undefined)
      out.push({
        phase: Phase.Tables,
        cmd: `COMMENT ON COLUMN ${tn}.${q(c.name)} IS ${lit(c.comment)}`,
        comment: `set comment to column: ${goq(c.name)} on table: ${goq(t.name)}`,
        key: key(t.schema, t.name),
      });
  }
  for (const i of t.indexes) {
    if (i.comment !== undefined)
      out.push({
        phase: Phase.Tables,
        cmd: `COMMENT ON INDEX ${n.name(t.schema, i.name)} IS ${lit(i.comment)}`,
        comment: `set comment to index: ${goq(i.name)} on table: ${goq(t.name)}`,
        key: key(t.schema, t.name),
      });
  }
  for (const p of t.policies)
    out.push({ phase: Phase.Attach, cmd: policySql(p, t.schema, t.name, n), comment: `create policy ${goq(p.name)} on table: ${goq(t.name)}` });
  for (const tr of t.triggers) out.push({ phase: Phase.Attach, cmd: tr.def, comment: `create trigger ${goq(tr.name)}`, needs: ids(tr.uses) });
  return out;
}

export function dropTable(t: Table, n: Namer): Change {
  return {
    phase: Phase.Drop,
    cmd: `DROP TABLE ${n.name(t.schema, t.name)}`,
    comment: `drop ${goq(t.name)} table`,
    destructive: true,
    key: key(t.schema, t.name),
    after: [],
    drops: `rel:${key(t.schema, t.name)}`,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const typeOf = (c: Column, n: Namer) => typeSql(c, n) + (c.collation ? ` COLLATE ${q(c.collation)}` : '');

/** Modifies `from` into `to` (same name); the caller decides whether the table must be recreated instead. */
export function modifyTable(from: Table, to: Table, ctx: TableContext): Change[] {
  const { n } = ctx;
  const skip = (kind: string) => !!ctx.skip?.[kind];
  if (skip('modify_table')) return [];
  const tn = n.name(to.schema, to.name);
  const k = key(to.schema, to.name);
  const out: Change[] = [];
  const drops: string[] = [];
  const clauses: string[] = [];
  const adds: string[] = [];
  let destructive = false;
  // Constraints: drops first (Atlas sorts them first), re-adds at the end.
  // `paired`: a modified constraint is dropped and re-added side by side (Atlas's ModifyCheck/ModifyForeignKey);
  // otherwise (keys, whose columns may change in the same statement) its drop goes first.
  const diffNamed = <T extends { name: string }>(a: T[], b: T[], render: (x: T) => string, eq: (x: T, y: T) => boolean, paired = false) => {
    for (const x of a) {
      const y = b.find((o) => o.name === x.name);
      if (!y) drops.push(`DROP CONSTRAINT ${q(x.name)}`);
      else if (!eq(x, y) && !paired) drops.push(`DROP CONSTRAINT ${q(x.name)}`);
    }
    for (const y of b) {
      const x = a.find((o) => o.name === y.name);
      if (x && !eq(x, y) && paired) adds.push(`DROP CONSTRAINT ${q(x.name)}`, `ADD ${render(y)}`);
      else if (!x || !eq(x, y)) adds.push(`ADD ${render(y)}`);
    }
  };
  const fkEq = (x: Table['foreignKeys'][number], y: Table['foreignKeys'][number]) => same({ ...x, validated: true }, { ...y, validated: true });
  // Skipped foreign-key changes: the constraint keeps its current state (drop skipped → kept, add skipped →
  // absent, modify skipped → as it is now).
  const fkTo = [
    ...to.foreignKeys.flatMap((g) => {
      const f = from.foreignKeys.find((x) => x.name === g.name);
      if (!f) return skip('add_foreign_key') ? [] : [g];
      return !fkEq(f, g) && skip('modify_foreign_key') ? [f] : [g];
    }),
    ...(skip('drop_foreign_key') ? from.foreignKeys.filter((f) => !to.foreignKeys.some((g) => g.name === f.name)) : []),
  ];
  const fkFrom = from.foreignKeys;
  // A foreign key to a table whose keys change must go before that table's ALTER: drop it in its own statement.
  const early = fkFrom.filter((f) => ctx.keyChanged.has(key(f.refSchema, f.refTable)) && !fkTo.some((g) => g.name === f.name && fkEq(f, g)));
  if (early.length)
    out.push({
      phase: Phase.PreDrop,
      cmd: `ALTER TABLE ${tn} ${early.map((f) => `DROP CONSTRAINT ${q(f.name)}`).join(', ')}`,
      comment: `modify ${goq(to.name)} table`,
    });
  diffNamed(
    fkFrom.filter((f) => !early.includes(f)),
    fkTo,
    (f) => foreignKeySql(to, f, n),
    fkEq,
    true,
  );
  diffNamed(from.primaryKey ? [from.primaryKey] : [], to.primaryKey ? [to.primaryKey] : [], (p) => primaryKeySql(to, p), same);
  diffNamed(from.uniques, to.uniques, uniqueSql, (x, y) => x.def === y.def);
  diffNamed(from.checks, to.checks, checkSql, (x, y) => x.expr === y.expr && x.noInherit === y.noInherit, true);
  diffNamed(from.exclusions, to.exclusions, exclusionSql, (x, y) => x.def === y.def, true);
  const fromCols = ownCols(from);
  const toCols = ownCols(to);
  for (const c of fromCols) {
    const d = toCols.find((x) => x.name === c.name);
    if (!d) {
      if (!skip('drop_column')) {
        clauses.push(`DROP COLUMN ${q(c.name)}`);
        destructive = true;
      }
      continue;
    }
    if (skip('modify_column')) continue;
    if ((c.generated !== undefined || d.generated !== undefined) && c.generated !== d.generated && d.generated !== undefined) {
      clauses.push(`DROP COLUMN ${q(c.name)}`, `ADD COLUMN ${columnSql(d, n, false)}`);
      destructive = true;
      continue;
    }
    const col = `ALTER COLUMN ${q(c.name)}`;
    if (c.generated !== undefined && d.generated === undefined) clauses.push(`${col} DROP EXPRESSION`);
    if (typeOf(c, n) !== typeOf(d, n)) {
      // User-defined types have no assignment cast from other types: convert through text.
      const using = c.typeRef || d.typeRef ? ` USING ${q(c.name)}${c.typeRef ? '::text' : ''}::${typeSql(d, n)}` : '';
      if (using && c.default !== undefined) clauses.push(`${col} DROP DEFAULT`);
      clauses.push(`${col} TYPE ${typeOf(d, n)}${using}`);
      if (using && c.default !== undefined && d.default !== undefined && c.default === d.default) clauses.push(`${col} SET DEFAULT ${d.default}`);
    }
    if (c.identity && !d.identity) clauses.push(`${col} DROP IDENTITY`);
    if (c.default !== d.default && !(d.identity && !c.identity && d.default === undefined && c.default === undefined)) {
      clauses.push(d.default === undefined ? `${col} DROP DEFAULT` : `${col} SET DEFAULT ${d.default}`);
    }
    if (c.notNull !== d.notNull) clauses.push(`${col} ${d.notNull ? 'SET' : 'DROP'} NOT NULL`);
    if (!c.identity && d.identity) clauses.push(`${col} ADD ${identitySql(d.identity)}`);
    if (c.identity && d.identity) {
      if (c.identity.always !== d.identity.always) clauses.push(`${col} SET GENERATED ${d.identity.always ? 'ALWAYS' : 'BY DEFAULT'}`);
      if (c.identity.increment !== d.identity.increment) clauses.push(`${col} SET INCREMENT BY ${d.identity.increment}`);
      if (c.identity.start !== d.identity.start) clauses.push(`${col} SET START WITH ${d.identity.start}`);
    }
  }
  for (const d of toCols)
    if (!fromCols.some((c) => c.name === d.name) && !skip('add_column')) clauses.push(`ADD COLUMN ${columnSql(d, n, serialOk(to, d, ctx))}`);
  if (from.unlogged !== to.unlogged) clauses.push(to.unlogged ? 'SET UNLOGGED' : 'SET LOGGED');
  for (const p of from.inherits) if (!to.inherits.some((i) => same(i, p))) clauses.push(`NO INHERIT ${n.name(p.schema, p.table)}`);
  for (const p of to.inherits) if (!from.inherits.some((i) => same(i, p))) clauses.push(`INHERIT ${n.name(p.schema, p.table)}`);
  if (from.rls.enabled !== to.rls.enabled) clauses.push(`${to.rls.enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`);
  if (from.rls.forced !== to.rls.forced) clauses.push(`${to.rls.forced ? '' : 'NO '}FORCE ROW LEVEL SECURITY`);
  // Indexes: DROP INDEX statements first, the ALTER TABLE, then CREATE INDEX statements.
  for (const i of from.indexes) {
    const j = to.indexes.find((x) => x.name === i.name);
    if (j ? indexSignature(i) !== indexSignature(j) && !skip('modify_index') : !skip('drop_index'))
      out.push({
        phase: Phase.Tables,
        cmd: `DROP INDEX ${n.name(from.schema, i.name)}`,
        comment: `drop index ${goq(i.name)} from table: ${goq(to.name)}`,
        key: k,
      });
  }
  const all = [...drops, ...clauses, ...adds];
  if (all.length) {
    const after = to.foreignKeys.filter((f) => adds.some((a) => a.includes(q(f.name)))).map((f) => key(f.refSchema, f.refTable));
    if (to.partitionOf) after.push(key(to.partitionOf.schema, to.partitionOf.table));
    after.push(...to.inherits.map((i) => key(i.schema, i.table)));
    out.push({
      phase: Phase.Tables,
      cmd: `ALTER TABLE ${tn} ${all.join(', ')}`,
      comment: `modify ${goq(to.name)} table`,
      destructive,
      key: k,
      after,
      needs: ids(to.uses),
    });
  }
  for (const j of to.indexes) {
    const i = from.indexes.find((x) => x.name === j.name);
    if (i ? indexSignature(i) !== indexSignature(j) && !skip('modify_index') : !skip('add_index'))
      out.push({
        phase: Phase.Tables,
        cmd: indexSql(j, to.schema, to.name, n),
        comment: `create index ${goq(j.name)} to table: ${goq(to.name)}`,
        key: k,
        needs: ids(j.uses),
      });
  }
  out.push(...commentChanges(from, to, ctx));
  // Policies and triggers: dropped before, created after everything else.
  for (const p of from.policies) {
    const r = to.policies.find((x) => x.name === p.name);
    if (!r || !same(p, r))
      out.push({ phase: Phase.PreDrop, cmd: `DROP POLICY ${q(p.name)} ON ${tn}`, comment: `drop policy ${goq(p.name)} from table: ${goq(to.name)}` });
  }
  for (const p of to.policies) {
    const r = from.policies.find((x) => x.name === p.name);
    if (!r || !same(p, r))
      out.push({ phase: Phase.Attach, cmd: policySql(p, to.schema, to.name, n), comment: `create policy ${goq(p.name)} on table: ${goq(to.name)}` });
  }
  out.push(...triggerChanges(from, to, tn, false));
  return out;
}

function commentChanges(from: Table, to: Table, ctx: TableContext): Change[] {
  const { n } = ctx;
  const tn = n.name(to.schema, to.name);
  const k = key(to.schema, to.name);
  const out: Change[] = [];
  if (from.comment !== to.comment)
    out.push({
      phase: Phase.Tables,
      cmd: `COMMENT ON TABLE ${tn} IS ${to.comment === undefined ? 'NULL' : lit(to.comment)}`,
      comment: `set comment to table: ${goq(to.name)}`,
      key: k,
    });
  for (const c of ownCols(to)) {
    const prev = from.columns.find((x) => x.name === c.name);
    if ((prev?.comment ?? undefined) !== c.comment)
      out.push({
        phase: Phase.Tables,
        cmd: `COMMENT ON COLUMN ${tn}.${q(c.name)} IS ${c.comment === undefined ? 'NULL' : lit(c.comment)}`,
        comment: `set comment to column: ${goq(c.name)} on table: ${goq(to.name)}`,
        key: k,
      });
  }
  for (const i of to.indexes) {
    const prev = from.indexes.find((x) => x.name === i.name);
    const recreated = !prev || indexSignature(prev) !== indexSignature(i);
    if ((recreated ? undefined : prev.comment) !== i.comment)
      out.push({
        phase: Phase.Tables,
        cmd: `COMMENT ON INDEX ${n.name(to.schema, i.name)} IS ${i.comment === undefined ? 'NULL' : lit(i.comment)}`,
        comment: `set comment to index: ${goq(i.name)} on table: ${goq(to.name)}`,
        key: k,
      });
  }
  return out;
}

/** Trigger drops/creates between two versions of a table or view; `recreated` = the relation is created anew. */
export function triggerChanges(
  from: { triggers: Table['triggers'] } | undefined,
  to: { name: string; triggers: Table['triggers'] },
  relName: string,
  recreated: boolean,
): Change[] {
  const out: Change[] = [];
  const before = recreated ? [] : (from?.triggers ?? []);
  for (const t of before) {
    const r = to.triggers.find((x) => x.name === t.name);
    if (!r || r.def !== t.def) out.push({ phase: Phase.PreDrop, cmd: `DROP TRIGGER ${q(t.name)} ON ${relName}`, comment: `drop trigger ${goq(t.name)}` });
  }
  for (const t of to.triggers) {
    const r = before.find((x) => x.name === t.name);
    if (!r || r.def !== t.def) out.push({ phase: Phase.Attach, cmd: t.def, comment: `create trigger ${goq(t.name)}`, needs: ids(t.uses) });
  }
  return out;
}
