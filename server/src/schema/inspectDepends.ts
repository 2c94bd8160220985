// What each object uses, as pg_depend records it: the functions, user types and sequences referenced by
// column types, defaults, generated columns, checks (table and domain), index expressions and predicates,
// trigger functions and function signatures. The planner orders statements by these (change.ts).
import type { ObjRef } from './model';

type Row = Record<string, unknown>;

/**
 * One row per (owner, referenced object). owner_kind: `class` (table, index or view), `type` (domain),
 * `proc` (function), `trigger`. Array types are reported as their element type; only enums, domains,
 * stand-alone composite types, sequences and functions outside the system schemas are reported.
 */
export const dependsQuery = `
WITH d AS (
  SELECT CASE dep.classid
      WHEN 'pg_attrdef'::regclass THEN (SELECT ad.adrelid FROM pg_attrdef ad WHERE ad.oid = dep.objid)
      WHEN 'pg_constraint'::regclass THEN (SELECT CASE WHEN con.conrelid <> 0 THEN con.conrelid ELSE con.contypid END FROM pg_constraint con WHERE con.oid = dep.objid)
      ELSE dep.objid END AS owner,
    CASE dep.classid
      WHEN 'pg_class'::regclass THEN 'class' WHEN 'pg_attrdef'::regclass THEN 'class' WHEN 'pg_proc'::regclass THEN 'proc'
      WHEN 'pg_trigger'::regclass THEN 'trigger' WHEN 'pg_type'::regclass THEN 'type'
      ELSE (SELECT CASE WHEN con.conrelid <> 0 THEN 'class' ELSE 'type' END FROM pg_constraint con WHERE con.oid = dep.objid) END AS owner_kind,
    dep.refclassid, dep.refobjid
  FROM pg_depend dep
  WHERE dep.deptype = 'n'
    -- Objects made by initdb (OIDs below FirstNormalObjectId, 16384) are never reported, as owner or as target;
    -- leaving them out here avoids the per-row lookups over the ~1,400 rows of a new database's own catalog.
    AND dep.objid >= 16384 AND dep.refobjid >= 16384
    AND dep.classid IN ('pg_class'::regclass, 'pg_attrdef'::regclass, 'pg_constraint'::regclass, 'pg_proc'::regclass, 'pg_trigger'::regclass, 'pg_type'::regclass)
    AND dep.refclassid IN ('pg_proc'::regclass, 'pg_type'::regclass, 'pg_class'::regclass)
)
SELECT DISTINCT d.owner_kind, d.owner::int8::text AS owner, r.kind, r.schema, r.name, r.args
FROM d CROSS JOIN LATERAL (
  SELECT 'fn' AS kind, pn.nspname AS schema, p.proname AS name, pg_get_function_identity_arguments(p.oid) AS args
  FROM pg_proc p JOIN pg_namespace pn ON pn.oid = p.pronamespace
  WHERE d.refclassid = 'pg_proc'::regclass AND p.oid = d.refobjid
  UNION ALL
  SELECT 'type', tn.nspname, t.typname, NULL
  FROM pg_type t0 JOIN pg_type t ON t.oid = CASE WHEN t0.typcategory = 'A' AND t0.typelem <> 0 THEN t0.typelem ELSE t0.oid END
  JOIN pg_namespace tn ON tn.oid = t.typnamespace LEFT JOIN pg_class tc ON tc.oid = t.typrelid
  WHERE d.refclassid = 'pg_type'::regclass AND t0.oid = d.refobjid AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND tc.relkind = 'c'))
  UNION ALL
  SELECT 'rel', cn.nspname, c.relname, NULL
  FROM pg_class c JOIN pg_namespace cn ON cn.oid = c.relnamespace
  WHERE d.refclassid = 'pg_class'::regclass AND c.oid = d.refobjid AND c.relkind = 'S'
) r
WHERE d.owner IS NOT NULL AND d.owner <> d.refobjid AND r.schema NOT IN ('pg_catalog', 'information_schema') AND r.schema !~ '^pg_'
ORDER BY 1, 2, 3, 4, 5, 6`;

export interface DependsTargets {
  /** owner_kind `class`: tables, indexes, views by oid */
  class: Map<string, { uses?: ObjRef[] }>;
  type: Map<string, { uses?: ObjRef[] }>;
  proc: Map<string, { uses?: ObjRef[] }>;
  trigger: Map<string, { uses?: ObjRef[] }>;
}

/** Attaches each row's reference to its owner's `uses` list (owners outside the inspected scope are ignored). */
export function attachDepends(rows: Row[], targets: DependsTargets): void {
  for (const r of rows) {
    const owner = targets[String(r.owner_kind) as keyof DependsTargets]?.get(String(r.owner));
    if (!owner) continue;
    const ref: ObjRef = { kind: String(r.kind) as ObjRef['kind'], schema: String(r.schema), name: String(r.name) };
    if (ref.kind === 'fn') ref.args = String(r.args ?? '');
    (owner.uses ??= []).push(ref);
  }
}
