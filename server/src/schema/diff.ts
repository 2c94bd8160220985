// Diff two models into planned changes (see change.ts for the phases that give the statement order).
// Realm scope compares schemas by name and qualifies names; schema scope compares the single schema of
// each side whatever its name, and prints unqualified names (Atlas's SchemaDiff + empty qualifier).
import { Phase, dependencyOrder, orderChanges, type Change } from './change';
import { createTable, dropTable, modifyTable, type TableContext } from './diffTable';
import { emptySchema, funcKey, refId, type ObjRef, type Realm, type Schema, type Table } from './model';
import { diffFunctions, diffViews } from './diffViews';
import { recreateEnum } from './diffEnum';
import { commentChanges } from './diffComments';
import { atlasPartitionKey, domainSql, enumSql, indexSignature, namer, sequenceOptions } from './render';
import { goq, lit, q } from './sqlText';
import { applyRenames, renameCandidates, type Rename } from './renames';

export interface DiffOptions {
  /** schema scope: compare the single schema of each side and print unqualified names */
  schemaScope?: boolean;
  /**
   * Pin extension versions (`VERSION '1.6'`, `ALTER EXTENSION … UPDATE`). Default true; the generate-migration
   * flow turns it off when the dev database is the embedded PGlite, whose versions are not the target's.
   */
  extensionVersions?: boolean;
  /** schema scope only: qualify names with this schema (Atlas's `--qualifier`) */
  qualifier?: string;
  /** atlas.hcl `diff { concurrent_index { create|add, drop } }`: CONCURRENTLY for indexes of existing tables */
  concurrentIndex?: { add?: boolean; create?: boolean; drop?: boolean };
  /** atlas.hcl `diff { skip { add_schema, drop_schema, add_table, drop_table, add_index, drop_index, … } }` */
  skip?: Record<string, boolean>;
  /** confirmed renames (schema/renames.ts): applied to `from` first and planned as ALTER … RENAME */
  renames?: Rename[];
}

// `diff { skip { … } }` works like Atlas's change filter: a skipped kind is left out where it is planned
// (AddSchema/DropSchema/ModifySchema here; AddTable/DropTable in diffSchema; ModifyTable and the column,
// index and foreign-key changes inside it in diffTable.modifyTable). rename_table and rename_column keep
// renameCandidates (schema/renames.ts) from offering those renames; without confirmed renames a renamed
// table or column is a drop and an add.

export class DiffError extends Error {}

const key = (schema: string, name: string) => `${schema}.${name}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The two sides as diff compares them: in schema scope, the single schema of each under one name. */
function sides(from: Realm, to: Realm, opts: DiffOptions): [Realm, Realm] {
  if (!opts.schemaScope) return [from, to];
  if (to.schemas.length > 1) throw new DiffError(`cannot diff a schema with a database connection: desired state has ${to.schemas.length} schemas`);
  const name = from.schemas[0]?.name ?? to.schemas[0]?.name ?? 'public';
  return [renameRealm(from, name), renameRealm(to, name)];
}

/** Rename candidates between `from` and `to` (schema/renames.ts), named as `opts.renames` expects them. */
export function diffRenameCandidates(from: Realm, to: Realm, opts: DiffOptions = {}): Rename[] {
  const [a, b] = sides(from, to, opts);
  return renameCandidates(a, b, opts.skip);
}

/** Changes that turn `from` into `to`, already in execution order. Empty when the two are in sync. */
export function diff(from: Realm, to: Realm, opts: DiffOptions = {}): Change[] {
  const n = namer(!opts.schemaScope, opts.schemaScope ? opts.qualifier : undefined);
  const [start, b] = sides(from, to, opts);
  let a = start;
  const out: Change[] = [];
  if (opts.renames?.length) {
    const renamed = applyRenames(a, b, opts.renames, n);
    a = renamed.realm;
    out.push(...renamed.changes);
  }
  const fromSeqs = new Set(a.schemas.flatMap((s) => s.sequences.map((x) => key(s.name, x.name))));
  const skip = opts.skip ?? {};
  const ctx: TableContext = { n, fromSequences: fromSeqs, keyChanged: new Set(), skip };
  // Extensions and schemas first.
  if (!opts.schemaScope) {
    for (const s of b.schemas) {
      if (!a.schemas.some((x) => x.name === s.name) && !skip.add_schema) {
        out.push({
          phase: Phase.Top,
          cmd: `CREATE SCHEMA ${s.name === 'public' ? 'IF NOT EXISTS ' : ''}${q(s.name)}`,
          comment: `add new schema named ${goq(s.name)}`,
        });
      }
    }
  }
  // Models from different server versions (a PGlite dev database vs a PostgreSQL 15 target) do not share
  // extension versions: compare and pin versions only between models of the same server version.
  const sameServer = opts.extensionVersions !== false && (!a.serverMajor || !b.serverMajor || a.serverMajor === b.serverMajor);
  for (const e of b.extensions) {
    const old = a.extensions.find((x) => x.name === e.name);
    const schemaPart = n.qualify ? ` WITH SCHEMA ${q(e.schema)}` : '';
    if (!old)
      out.push({
        phase: Phase.Top,
        cmd: `CREATE EXTENSION IF NOT EXISTS ${q(e.name)}${schemaPart}${sameServer ? ` VERSION ${lit(e.version)}` : ''}`,
        comment: `create extension ${goq(e.name)}`,
      });
    else if (old.version !== e.version && sameServer)
      out.push({ phase: Phase.Top, cmd: `ALTER EXTENSION ${q(e.name)} UPDATE TO ${lit(e.version)}`, comment: `update extension ${goq(e.name)}` });
  }
  for (const e of a.extensions) {
    if (!b.extensions.some((x) => x.name === e.name))
      out.push({ phase: Phase.Drop, cmd: `DROP EXTENSION ${q(e.name)}`, comment: `drop extension ${goq(e.name)}`, destructive: true });
  }
  const names = [...new Set([...a.schemas.map((s) => s.name), ...b.schemas.map((s) => s.name)])];
  const changedRels = new Set<string>();
  for (const name of names) {
    const sa = a.schemas.find((s) => s.name === name);
    const sb = b.schemas.find((s) => s.name === name);
    // A dropped schema is one DropSchema change (its tables go with it): skipping it leaves everything in place.
    if (!sb && !opts.schemaScope && skip.drop_schema) continue;
    out.push(...diffSchema(sa ?? emptySchema(name), sb ?? emptySchema(name), ctx, changedRels));
    if (sa && sb && sa.comment !== sb.comment && !skip.modify_schema)
      out.push({
        phase: Phase.Top,
        cmd: `COMMENT ON SCHEMA ${q(name)} IS ${sb.comment === undefined ? 'NULL' : lit(sb.comment)}`,
        comment: `set comment to schema: ${goq(name)}`,
      });
    if (sb && !sa && sb.comment !== undefined)
      out.push({ phase: Phase.Top, cmd: `COMMENT ON SCHEMA ${q(name)} IS ${lit(sb.comment)}`, comment: `set comment to schema: ${goq(name)}` });
  }
  out.push(...diffViews(a, b, n, changedRels));
  // A function dropped to change its result type goes after the views that use it.
  const views = a.schemas.flatMap((s) => s.views);
  for (const c of out) {
    if (c.key?.startsWith('dropfn:')) c.after = views.filter((v) => v.deps.includes(c.key!.slice('dropfn:'.length))).map((v) => `drop:${v.schema}.${v.name}`);
  }
  if (!opts.schemaScope) {
    for (const s of a.schemas) {
      if (!b.schemas.some((x) => x.name === s.name) && !skip.drop_schema)
        out.push({ phase: Phase.Drop, cmd: `DROP SCHEMA ${q(s.name)} CASCADE`, comment: `drop schema named ${goq(s.name)}`, destructive: true });
    }
  }
  const kept = out;
  const ci = opts.concurrentIndex;
  if (ci && (ci.add || ci.create || ci.drop)) {
    const created = new Set(kept.filter((c) => /^CREATE (UNLOGGED )?TABLE /.test(c.cmd)).map((c) => c.key));
    for (const c of kept) {
      if ((ci.add || ci.create) && /^CREATE (UNIQUE )?INDEX /.test(c.cmd) && !created.has(c.key)) c.cmd = c.cmd.replace(/INDEX /, 'INDEX CONCURRENTLY ');
      if (ci.drop && /^DROP INDEX /.test(c.cmd)) c.cmd = c.cmd.replace('DROP INDEX ', 'DROP INDEX CONCURRENTLY ');
    }
  }
  const dependents = dependentsOf(a);
  for (const c of kept) if (c.drops !== undefined && dependents.has(c.drops)) c.dependents = [...dependents.get(c.drops)!];
  return dependencyOrder(orderChanges(kept));
}

const ids = (uses?: ObjRef[]) => (uses ?? []).map(refId);

/** For each object id of the current state, the ids of the tables, views, functions and domains that use it. */
function dependentsOf(r: Realm): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (used: string[], by: string) => {
    for (const u of used) if (u !== by) (out.get(u) ?? out.set(u, new Set()).get(u)!).add(by);
  };
  for (const s of r.schemas) {
    for (const t of s.tables)
      add([...ids(t.uses), ...t.indexes.flatMap((i) => ids(i.uses)), ...t.triggers.flatMap((x) => ids(x.uses))], `rel:${key(t.schema, t.name)}`);
    for (const v of s.views)
      add(
        v.deps.map((d) => (d.includes('(') ? `fn:${d}` : `rel:${d}`)),
        `rel:${key(v.schema, v.name)}`,
      );
    for (const f of s.functions) add(ids(f.uses), `fn:${funcKey(f)}`);
    for (const d of s.domains) add(ids(d.uses), `type:${key(d.schema, d.name)}`);
  }
  return out;
}

function renameRealm(r: Realm, name: string): Realm {
  const s = r.schemas[0];
  if (!s || s.name === name) return r;
  const json = JSON.stringify(s, (k, v) => ((k === 'schema' || k === 'refSchema') && v === s.name ? name : v));
  return { ...r, schemas: [{ ...(JSON.parse(json) as Schema), name }] };
}

function diffSchema(a: Schema, b: Schema, ctx: TableContext, changedRels: Set<string>): Change[] {
  const { n } = ctx;
  const out: Change[] = [];
  // Enums: create, append/insert values; removing or reordering values re-creates the type (diffEnum.ts).
  for (const e of b.enums) {
    const old = a.enums.find((x) => x.name === e.name);
    if (!old) {
      out.push({ phase: Phase.Types, cmd: enumSql(e, n), comment: `create enum type ${goq(e.name)}`, creates: `type:${key(e.schema, e.name)}` });
      continue;
    }
    if (same(old.values, e.values)) continue;
    const kept = e.values.filter((v) => old.values.includes(v));
    if (!same(kept, old.values)) {
      out.push(...recreateEnum(old, e, a, b, n, changedRels));
      continue;
    }
    e.values.forEach((v, i) => {
      if (old.values.includes(v)) return;
      const next = e.values.slice(i + 1).find((x) => old.values.includes(x));
      const pos = next !== undefined ? ` BEFORE ${lit(next)}` : i > 0 ? ` AFTER ${lit(e.values[i - 1])}` : '';
      out.push({
        phase: Phase.Types,
        cmd: `ALTER TYPE ${n.name(e.schema, e.name)} ADD VALUE ${lit(v)}${pos}`,
        comment: `add value to enum type: ${goq(e.name)}`,
      });
    });
  }
  for (const e of a.enums)
    if (!b.enums.some((x) => x.name === e.name))
      out.push({
        phase: Phase.Drop,
        cmd: `DROP TYPE ${n.name(e.schema, e.name)}`,
        comment: `drop enum type ${goq(e.name)}`,
        destructive: true,
        drops: `type:${key(e.schema, e.name)}`,
      });
  for (const d of b.domains) {
    const old = a.domains.find((x) => x.name === d.name);
    if (old && same(old, d)) continue;
    if (old) out.push({ phase: Phase.PreDrop, cmd: `DROP DOMAIN ${n.name(d.schema, d.name)}`, comment: `drop domain type ${goq(d.name)}`, destructive: true });
    out.push({
      phase: Phase.Types,
      cmd: domainSql(d, n),
      comment: `create domain type ${goq(d.name)}`,
      creates: `type:${key(d.schema, d.name)}`,
      needs: ids(d.uses),
    });
  }
  for (const d of a.domains)
    if (!b.domains.some((x) => x.name === d.name))
      out.push({
        phase: Phase.Drop,
        cmd: `DROP DOMAIN ${n.name(d.schema, d.name)}`,
        comment: `drop domain type ${goq(d.name)}`,
        destructive: true,
        drops: `type:${key(d.schema, d.name)}`,
      });
  for (const c of b.composites) {
    const old = a.composites.find((x) => x.name === c.name);
    if (old && same(old, c)) continue;
    if (old) out.push({ phase: Phase.PreDrop, cmd: `DROP TYPE ${n.name(c.schema, c.name)}`, comment: `drop composite type ${goq(c.name)}`, destructive: true });
    out.push({
      phase: Phase.Types,
      cmd: `CREATE TYPE ${n.name(c.schema, c.name)} AS (${c.fields.map((f) => `${q(f.name)} ${f.type}`).join(', ')})`,
      comment: `create composite type ${goq(c.name)}`,
      creates: `type:${key(c.schema, c.name)}`,
    });
  }
  for (const c of a.composites)
    if (!b.composites.some((x) => x.name === c.name))
      out.push({
        phase: Phase.Drop,
        cmd: `DROP TYPE ${n.name(c.schema, c.name)}`,
        comment: `drop composite type ${goq(c.name)}`,
        destructive: true,
        drops: `type:${key(c.schema, c.name)}`,
      });
  // Tables.
  const recreate = new Set<string>();
  // Looked up by name in per-table loops: maps keep a plan of n tables O(n), not O(n²) (bench/growth.ts).
  const aTables = new Map(a.tables.map((t) => [t.name, t]));
  const bTables = new Map(b.tables.map((t) => [t.name, t]));
  for (const t of b.tables) {
    const old = aTables.get(t.name);
    if (old?.partitionBy && t.partitionBy && old.partitionBy !== t.partitionBy)
      throw new DiffError(
        `partition key of table ${goq(t.name)} cannot be changed from ${atlasPartitionKey(old.partitionBy)} to ${atlasPartitionKey(t.partitionBy)} (drop and add is required)`,
      );
    if (old && old.partitionBy !== t.partitionBy) recreate.add(t.name);
  }
  for (const t of b.tables) if (recreate.has(t.name) || modifiedKeyChanges(a, t)) ctx.keyChanged.add(key(t.schema, t.name));
  const created = b.tables.filter((t) => !aTables.has(t.name) || recreate.has(t.name));
  const createdKeys = new Map(created.map((t) => [key(t.schema, t.name), t]));
  for (const t of a.tables) {
    const t2 = bTables.get(t.name);
    if (!t2) continue;
    if (recreate.has(t.name)) {
      out.push({ ...dropTable(t, n), phase: Phase.PreDrop });
      changedRels.add(key(t.schema, t.name));
      continue;
    }
    const parentChanged = !same(t.partitionOf ?? null, t2.partitionOf ?? null);
    if (t.partitionOf && parentChanged) {
      out.push({
        phase: Phase.PreDrop,
        cmd: `ALTER TABLE ${n.name(t.partitionOf.schema, t.partitionOf.table)} DETACH PARTITION ${n.name(t.schema, t.name)}`,
        comment: `modify ${goq(t.partitionOf.table)} table`,
      });
    }
    // Detaching a partition (or leaving a parent) turns its inherited columns into local ones.
    const detached = (t.partitionOf && !t2.partitionOf) || t.inherits.some((p) => !t2.inherits.some((i) => same(i, p)));
    const columns = detached ? t.columns.map((c) => ({ ...c, inherited: undefined })) : t.columns;
    const changes = modifyTable({ ...t, columns, partitionOf: t2.partitionOf }, t2, ctx);
    if (changes.some((c) => /DROP COLUMN|ALTER COLUMN .* TYPE /.test(c.cmd))) changedRels.add(key(t.schema, t.name));
    out.push(...changes);
    if (t2.partitionOf && parentChanged) {
      out.push({
        phase: Phase.Links,
        cmd: `ALTER TABLE ${n.name(t2.partitionOf.schema, t2.partitionOf.table)} ATTACH PARTITION ${n.name(t2.schema, t2.name)} ${t2.partitionOf.bound}`,
        comment: `modify ${goq(t2.partitionOf.table)} table`,
      });
    }
  }
  for (const t of created) {
    if (ctx.skip?.add_table && !recreate.has(t.name)) continue;
    // Foreign keys stay inline unless they point at a table that is not created in this plan (or at one
    // that refers back), in which case they are added once all tables exist.
    const own = key(t.schema, t.name);
    const inline = t.foreignKeys.every((f) => {
      const ref = key(f.refSchema, f.refTable);
      if (ref === own) return true;
      const target = createdKeys.get(ref);
      if (target) return !target.foreignKeys.some((g) => key(g.refSchema, g.refTable) === own);
      const rt = f.refSchema === b.name ? bTables.get(f.refTable) : undefined;
      return !!rt && !modifiedKeyChanges(a, rt);
    });
    out.push(...createTable(t, ctx, inline));
  }
  const droppedTables = new Set(ctx.skip?.drop_table ? [] : a.tables.filter((t) => !bTables.has(t.name)).map((t) => t.name));
  for (const t of a.tables.filter((x) => droppedTables.has(x.name))) {
    const d = dropTable(t, n);
    // Drop referencing tables first: a table is dropped after those whose foreign keys point at it.
    d.after = a.tables
      .filter((x) => droppedTables.has(x.name) && x !== t && x.foreignKeys.some((f) => f.refTable === t.name && f.refSchema === t.schema))
      .map((x) => key(x.schema, x.name));
    out.push(d);
    changedRels.add(key(t.schema, t.name));
  }
  // Sequences (serial sequences come with their columns).
  const dropped = (own: { table: string; column: string } | undefined) =>
    !!own &&
    (droppedTables.has(own.table) || recreate.has(own.table) || !b.tables.find((t) => t.name === own.table)?.columns.some((c) => c.name === own.column));
  for (const s of b.sequences) {
    const old = a.sequences.find((x) => x.name === s.name);
    const owner = s.ownedBy && b.tables.find((t) => t.name === s.ownedBy!.table)?.columns.find((c) => c.name === s.ownedBy!.column);
    const implied =
      !!owner?.serial &&
      !old &&
      (createdKeys.has(key(s.schema, s.ownedBy!.table)) ||
        !a.tables.find((t) => t.name === s.ownedBy!.table)?.columns.some((c) => c.name === s.ownedBy!.column));
    if (implied) continue;
    const sn = n.name(s.schema, s.name);
    if (!old || dropped(old.ownedBy)) {
      const opts = sequenceOptions(s);
      out.push({
        phase: Phase.Types,
        cmd: `CREATE SEQUENCE ${sn}${opts ? ' ' + opts : ''}`,
        comment: `create sequence ${goq(s.name)}`,
        creates: `rel:${key(s.schema, s.name)}`,
      });
      if (s.ownedBy)
        out.push({
          phase: Phase.Links,
          cmd: `ALTER SEQUENCE ${sn} OWNED BY ${n.name(s.schema, s.ownedBy.table)}.${q(s.ownedBy.column)}`,
          comment: `modify sequence ${goq(s.name)}`,
        });
      continue;
    }
    const oldOpts = sequenceOptions(old);
    const newOpts = sequenceOptions(s);
    if (oldOpts !== newOpts) out.push({ phase: Phase.Types, cmd: `ALTER SEQUENCE ${sn} ${newOpts || 'AS bigint'}`, comment: `modify sequence ${goq(s.name)}` });
    if (!same(old.ownedBy ?? null, s.ownedBy ?? null)) {
      out.push({
        phase: Phase.Links,
        cmd: `ALTER SEQUENCE ${sn} OWNED BY ${s.ownedBy ? `${n.name(s.schema, s.ownedBy.table)}.${q(s.ownedBy.column)}` : 'NONE'}`,
        comment: `modify sequence ${goq(s.name)}`,
      });
    }
  }
  for (const s of a.sequences) {
    if (b.sequences.some((x) => x.name === s.name) || dropped(s.ownedBy)) continue;
    out.push({
      phase: Phase.Drop,
      cmd: `DROP SEQUENCE ${n.name(s.schema, s.name)}`,
      comment: `drop sequence ${goq(s.name)}`,
      destructive: true,
      drops: `rel:${key(s.schema, s.name)}`,
    });
  }
  out.push(...diffFunctions(a.functions, b.functions, n, changedRels));
  out.push(...commentChanges(a, b, n));
  return out;
}

/** True when table `t` of the desired state also has changes that a new foreign key may depend on. */
function modifiedKeyChanges(a: Schema, t: Table): boolean {
  const old = a.tables.find((x) => x.name === t.name);
  return (
    !!old &&
    (!same(old.primaryKey ?? null, t.primaryKey ?? null) ||
      !same(old.uniques, t.uniques) ||
      old.indexes.some((i) => !t.indexes.some((j) => j.name === i.name && indexSignature(i) === indexSignature(j))) ||
      t.indexes.some((j) => j.unique && !old.indexes.some((i) => i.name === j.name)))
  );
}
