// Inspect a database (realm scope) or one schema (schema scope) into the schema model.
import type { Queryable } from '../db/types';
import { emptySchema, emptyTable, type Domain, type Func, type Realm, type Schema, type Sequence, type Table, type Trigger, type View } from './model';
import * as Q from './inspectQueries';
import { addConstraint, columnFrom, indexFrom, policyFrom, sequencesByOwner } from './inspectTables';
import { attachDepends, dependsQuery, type DependsTargets } from './inspectDepends';
import { canonicalType, stripParens } from './sqlText';

type Row = Record<string, unknown>;
const s = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const opt = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export interface InspectOptions {
  /** schema scope: inspect only this schema (Atlas: URL with search_path) */
  schema?: string;
  /** realm scope restricted to these schemas (atlas.hcl `schemas`) */
  schemas?: string[];
  /** glob-like names to leave out (`schema.table`, `table`), as atlas.hcl `exclude` */
  exclude?: string[];
  /** realm scope: schemas that are not there for the caller (a dev database's set-aside state) */
  hidden?: readonly string[];
}

/** A text[] literal of these names, read the same whatever standard_conforming_strings says (E'' strings). */
function textArray(names: string[]): string {
  return `ARRAY[${names.map((n) => `E'${n.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(', ')}]::text[]`;
}

/** Inspects a database into the model. Atlas's revisions schema and table are never included. */
export async function inspect(db: Queryable, opts: InspectOptions = {}): Promise<Realm> {
  const batch = async (sqls: string[]): Promise<Row[][]> => (await db.queryAll(sqls.map((q) => q.trim().replace(/;$/, '')).join(';\n'))).map((r) => r.rows);
  const [schemaRows, ver] = await batch([Q.schemasQuery, `SELECT current_setting('server_version_num') AS v`]);
  let names: string[];
  if (opts.schema) names = [opts.schema];
  else names = schemaRows.map((r) => s(r.name)).filter((n) => (!opts.schemas?.length || opts.schemas.includes(n)) && !opts.hidden?.includes(n));
  const realm: Realm = { schemas: [], extensions: [] };
  if (opts.schema) realm.scope = opts.schema;
  realm.serverMajor = Math.floor(Number(ver[0]?.v ?? 0) / 10000) || undefined;
  const byName = new Map<string, Schema>();
  for (const n of names) {
    const sc = emptySchema(n);
    const comment = opt(schemaRows.find((r) => r.name === n)?.comment);
    if (comment !== undefined && !(n === 'public' && comment === 'standard public schema')) sc.comment = comment;
    if (opts.schema && !schemaRows.some((r) => r.name === n)) continue;
    byName.set(n, sc);
    realm.schemas.push(sc);
  }
  if (!names.length) return realm;
  // One round trip for all of them: a connection (pg or PGlite) runs one query at a time, and on the embedded
  // server each round trip costs more than most of these queries (issue 13: generate migration inspects twice).
  const queries = [
    Q.extensionsQuery,
    Q.enumsQuery,
    Q.domainsQuery,
    Q.compositesQuery,
    Q.sequencesQuery,
    Q.tablesQuery,
    Q.columnsQuery,
    Q.constraintsQuery,
    Q.indexesQuery(realm.serverMajor ?? 15),
    Q.viewsQuery,
    Q.functionsQuery,
    Q.triggersQuery,
    Q.policiesQuery,
    dependsQuery,
  ];
  const namesArg = textArray(names);
  const [ext, enums, domains, comps, seqs, tables, cols, cons, idxs, views, funcs, trigs, pols, depends] = await batch(
    queries.map((sql) => sql.replace(/\$1(?!\d)/g, () => namesArg)),
  );
  const sch = (r: Row) => byName.get(s(r.schema))!;
  const deps: DependsTargets = { class: new Map(), type: new Map(), proc: new Map(), trigger: new Map() };
  realm.extensions = ext.map((r) => ({ name: s(r.name), version: s(r.version), schema: s(r.schema) }));
  for (const r of enums)
    sch(r).enums.push({
      schema: s(r.schema),
      name: s(r.name),
      values: json<string[]>(r.vals),
      ...(opt(r.comment) !== undefined ? { comment: s(r.comment) } : {}),
    });
  for (const r of domains) {
    const d: Domain = {
      schema: s(r.schema),
      name: s(r.name),
      type: canonicalType(s(r.type)),
      notNull: r.not_null === true,
      ...(opt(r.default) !== undefined ? { default: s(r.default) } : {}),
      ...(opt(r.collation) ? { collation: s(r.collation) } : {}),
      checks: json<{ name: string; def: string }[]>(r.checks).map((c) => ({ name: c.name, expr: stripParens(c.def.replace(/^CHECK /, '')) })),
      ...(opt(r.comment) !== undefined ? { comment: s(r.comment) } : {}),
    };
    sch(r).domains.push(d);
    deps.type.set(s(r.oid), d);
  }
  for (const r of comps)
    sch(r).composites.push({
      schema: s(r.schema),
      name: s(r.name),
      fields: json<{ name: string; type: string }[]>(r.fields).map((f) => ({ name: f.name, type: canonicalType(f.type) })),
      ...(opt(r.comment) !== undefined ? { comment: s(r.comment) } : {}),
    });
  const allSeqs: Sequence[] = [];
  const identitySeqs = new Set<Sequence>();
  for (const r of seqs) {
    const q: Sequence = {
      schema: s(r.schema),
      name: s(r.name),
      type: canonicalType(s(r.type)),
      start: s(r.start),
      increment: s(r.increment),
      min: s(r.min),
      max: s(r.max),
      cache: s(r.cache),
      cycle: r.cycle === true,
      ...(opt(r.owner_table) ? { ownedBy: { table: s(r.owner_table), column: s(r.owner_column) } } : {}),
      ...(opt(r.comment) !== undefined ? { comment: s(r.comment) } : {}),
    };
    allSeqs.push(q);
    if (s(r.dep) === 'i') identitySeqs.add(q);
    else sch(r).sequences.push(q);
  }
  const byOid = new Map<string, Table>();
  for (const r of tables) {
    const t = emptyTable(s(r.schema), s(r.name));
    t.unlogged = s(r.persistence) === 'u';
    t.rls = { enabled: r.rls === true, forced: r.rls_forced === true };
    if (opt(r.partkey)) t.partitionBy = s(r.partkey);
    const parents = json<{ schema: string; table: string; partition: boolean }[]>(r.parents) ?? [];
    for (const p of parents) {
      if (p.partition) t.partitionOf = { schema: p.schema, table: p.table, bound: s(r.bound) };
      else t.inherits.push({ schema: p.schema, table: p.table });
    }
    if (opt(r.comment) !== undefined) t.comment = s(r.comment);
    byOid.set(s(r.oid), t);
    deps.class.set(s(r.oid), t);
    sch(r).tables.push(t);
  }
  const seqOwners = sequencesByOwner(allSeqs);
  for (const r of cols) {
    const t = byOid.get(s(r.oid));
    if (t) t.columns.push(columnFrom(r, t, seqOwners));
  }
  for (const r of cons) {
    const t = byOid.get(s(r.oid));
    if (t) addConstraint(t, r);
  }
  const viewByOid = new Map<string, View>();
  for (const r of views) {
    const v: View = {
      schema: s(r.schema),
      name: s(r.name),
      materialized: r.materialized === true,
      def: s(r.def).trim(),
      deps: json<string[]>(r.deps) ?? [],
      indexes: [],
      triggers: [],
      ...(opt(r.comment) !== undefined ? { comment: s(r.comment) } : {}),
    };
    viewByOid.set(s(r.oid), v);
    sch(r).views.push(v);
  }
  for (const r of idxs) {
    const i = indexFrom(r);
    (byOid.get(s(r.oid)) ?? viewByOid.get(s(r.oid)))?.indexes.push(i);
    deps.class.set(s(r.ioid), i);
  }
  for (const r of trigs) {
    const tr: Trigger = { name: s(r.name), def: s(r.def), ...(opt(r.comment) !== undefined ? { comment: s(r.comment) } : {}) };
    (byOid.get(s(r.oid)) ?? viewByOid.get(s(r.oid)))?.triggers.push(tr);
    deps.trigger.set(s(r.toid), tr);
  }
  for (const r of pols) byOid.get(s(r.oid))?.policies.push(policyFrom(r));
  for (const r of funcs) {
    const f: Func = {
      schema: s(r.schema),
      name: s(r.name),
      args: s(r.args),
      kind: s(r.kind) === 'p' ? 'procedure' : 'function',
      def: s(r.def).trimEnd(),
      result: s(r.result),
      language: s(r.language),
      ...(opt(r.comment) !== undefined ? { comment: s(r.comment) } : {}),
    };
    sch(r).functions.push(f);
    deps.proc.set(s(r.oid), f);
  }
  attachDepends(depends, deps);
  if (opts.exclude?.length) applyExclude(realm, opts.exclude);
  return realm;
}

/** Go's path.Match patterns: `*`, `?`, `[...]` (with `^`/`!` negation and ranges). */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      if (body[0] === '^' || body[0] === '!') body = '^' + body.slice(1);
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * atlas.hcl `exclude` / `--exclude`: realm scope `schema[.table[.column]]`, schema scope `table[.column]`,
 * with Go glob patterns; matching schemas, tables, views or columns are left out of the model.
 */
export function applyExclude(realm: Realm, patterns: string[]): void {
  // A pattern given with double quotes (`--exclude "users"` in a script) matches as if unquoted.
  const unq = (s: string) => s.replace(/^"(.*)"$/, '$1');
  const res = patterns.map((p) =>
    unq(p)
      .split('.')
      .map((part) => globToRegExp(unq(part))),
  );
  const hit = (parts: string[]) => {
    const rel = realm.scope ? parts.slice(1) : parts;
    return res.some((r) => r.length === rel.length && r.every((x, i) => x.test(rel[i])));
  };
  realm.schemas = realm.schemas.filter((sc) => realm.scope || !hit([sc.name]));
  for (const sc of realm.schemas) {
    sc.tables = sc.tables.filter((t) => !hit([sc.name, t.name]));
    sc.views = sc.views.filter((v) => !hit([sc.name, v.name]));
    for (const t of sc.tables) t.columns = t.columns.filter((c) => !hit([sc.name, t.name, c.name]));
  }
}
