// Catalog queries behind inspect. Each takes the list of schema names in scope as $1 and works on
// PostgreSQL 13–18 (PGlite is 18: NOT NULL constraints appear as contype 'n' and are filtered out).
// Array results are returned through to_json so that `pg` and PGlite decode them the same way.

const notExtension = (classTable: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend dx WHERE dx.classid = '${classTable}'::regclass AND dx.objid = ${oid} AND dx.deptype = 'e')`;

export const schemasQuery = `
SELECT n.nspname AS name, obj_description(n.oid, 'pg_namespace') AS comment
FROM pg_namespace n
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' AND n.nspname <> 'atlas_schema_revisions'
  AND ${notExtension('pg_namespace', 'n.oid')}
ORDER BY n.nspname`;

export const extensionsQuery = `
SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql' AND n.nspname = ANY($1)
ORDER BY e.extname`;

export const enumsQuery = `
SELECT n.nspname AS schema, t.typname AS name, obj_description(t.oid, 'pg_type') AS comment,
  to_json(ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)) AS vals
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND n.nspname = ANY($1) AND ${notExtension('pg_type', 't.oid')}
ORDER BY n.nspname, t.typname`;

export const domainsQuery = `
SELECT t.oid::int8::text AS oid, n.nspname AS schema, t.typname AS name, format_type(t.typbasetype, t.typtypmod) AS type, t.typnotnull AS not_null,
  t.typdefault AS "default", obj_description(t.oid, 'pg_type') AS comment,
  CASE WHEN t.typcollation <> bt.typcollation THEN co.collname END AS collation,
  to_json(ARRAY(SELECT json_build_object('name', c.conname, 'def', pg_get_constraintdef(c.oid))
    FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname)) AS checks
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_collation co ON co.oid = t.typcollation
WHERE t.typtype = 'd' AND n.nspname = ANY($1) AND ${notExtension('pg_type', 't.oid')}
ORDER BY n.nspname, t.typname`;

export const compositesQuery = `
SELECT n.nspname AS schema, t.typname AS name, obj_description(t.oid, 'pg_type') AS comment,
  to_json(ARRAY(SELECT json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod))
    FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)) AS fields
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON c.oid = t.typrelid
WHERE t.typtype = 'c' AND c.relkind = 'c' AND n.nspname = ANY($1) AND ${notExtension('pg_type', 't.oid')}
ORDER BY n.nspname, t.typname`;

export const sequencesQuery = `
SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start,
  s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache,
  s.seqcycle AS cycle, d.deptype AS dep, tn.nspname AS owner_schema, tc.relname AS owner_table, ta.attname AS owner_column,
  dsc.description AS comment
FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
  AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class tc ON tc.oid = d.refobjid LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace
LEFT JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid
WHERE n.nspname = ANY($1) AND ${notExtension('pg_class', 'c.oid')}
ORDER BY n.nspname, c.relname`;

export const tablesQuery = `
SELECT c.oid::int8::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind, c.relpersistence AS persistence,
  c.relrowsecurity AS rls, c.relforcerowsecurity AS rls_forced, obj_description(c.oid, 'pg_class') AS comment,
  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
  CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
  to_json(ARRAY(SELECT json_build_object('schema', pn.nspname, 'table', pc.relname, 'partition', c.relispartition)
    FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace
    WHERE i.inhrelid = c.oid ORDER BY i.inhseqno)) AS parents
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1) AND c.relname <> 'atlas_schema_revisions'
  AND ${notExtension('pg_class', 'c.oid')}
ORDER BY n.nspname, c.relname`;

export const columnsQuery = `
SELECT a.attrelid::int8::text AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
  CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS "default",
  CASE WHEN a.attgenerated = 's' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS generated,
  a.attidentity AS identity, a.attislocal AS local, a.attinhcount AS inhcount,
  CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation,
  dsc.description AS comment,
  et.typtype AS elem_kind, etn.nspname AS type_schema, et.typname AS type_name,
  CASE WHEN t.typcategory = 'A' THEN greatest(a.attndims, 1) ELSE 0 END AS dims
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
LEFT JOIN pg_namespace etn ON etn.oid = et.typnamespace
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_description dsc ON dsc.objoid = a.attrelid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND n.nspname = ANY($1)
ORDER BY a.attrelid, a.attnum`;

const attnames = (rel: string, keys: string) =>
  `to_json(ARRAY(SELECT a.attname FROM unnest(${keys}) WITH ORDINALITY k(num, ord)
    JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.num ORDER BY k.ord))`;

export const constraintsQuery = `
SELECT con.conrelid::int8::text AS oid, con.conname AS name, con.contype AS type, pg_get_constraintdef(con.oid) AS def,
  con.condeferrable AS deferrable, con.condeferred AS deferred, con.convalidated AS validated, con.connoinherit AS noinherit,
  ${attnames('con.conrelid', 'con.conkey')} AS columns,
  fn.nspname AS ref_schema, fc.relname AS ref_table, ${attnames('con.confrelid', 'con.confkey')} AS ref_columns,
  con.confupdtype AS on_update, con.confdeltype AS on_delete, con.confmatchtype AS match
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND n.nspname = ANY($1) AND c.relkind IN ('r', 'p')
  AND con.conislocal AND con.conparentid = 0
ORDER BY con.conrelid, con.conname`;

/** `major`: server major version (NULLS NOT DISTINCT exists from PostgreSQL 15). */
export const indexesQuery = (major: number): string => `
SELECT i.indrelid::int8::text AS oid, i.indexrelid::int8::text AS ioid, ic.relname AS name, i.indisunique AS "unique", am.amname AS method,
  pg_get_expr(i.indpred, i.indrelid) AS pred, i.indnkeyatts AS nkeys, dsc.description AS comment,
  ${major >= 15 ? 'i.indnullsnotdistinct' : 'false'} AS nulls_not_distinct,
  to_json(ARRAY(SELECT json_build_object('key', k.attnum, 'text', CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) END,
      'opt', i.indoption[k.ord - 1], 'attname', a.attname,
      'opclass', CASE WHEN opc.opcdefault THEN NULL ELSE opc.opcname END)
    FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
    LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
    LEFT JOIN pg_opclass opc ON opc.oid = (i.indclass::oid[])[k.ord - 1]
    ORDER BY k.ord)) AS parts
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_description dsc ON dsc.objoid = i.indexrelid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'm')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
    AND con.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM pg_inherits ih WHERE ih.inhrelid = i.indexrelid)
ORDER BY i.indrelid, ic.relname`;

export const viewsQuery = `
SELECT c.oid::int8::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,
  pg_get_viewdef(c.oid, true) AS def, obj_description(c.oid, 'pg_class') AS comment,
  to_json(ARRAY(SELECT DISTINCT rn.nspname || '.' || rc.relname FROM pg_rewrite r
    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
    JOIN pg_class rc ON rc.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
    WHERE r.ev_class = c.oid AND d.refobjid <> c.oid
    UNION
    SELECT DISTINCT pn.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' FROM pg_rewrite r
    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_proc'::regclass
    JOIN pg_proc p ON p.oid = d.refobjid JOIN pg_namespace pn ON pn.oid = p.pronamespace
    WHERE r.ev_class = c.oid AND pn.nspname NOT IN ('pg_catalog', 'information_schema'))) AS deps
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY($1) AND ${notExtension('pg_class', 'c.oid')}
ORDER BY n.nspname, c.relname`;

export const functionsQuery = `
SELECT p.oid::int8::text AS oid, n.nspname AS schema, p.proname AS name, pg_get_function_identity_arguments(p.oid) AS args, p.prokind AS kind,
  pg_get_functiondef(p.oid) AS def, pg_get_function_result(p.oid) AS result, l.lanname AS language,
  obj_description(p.oid, 'pg_proc') AS comment
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
WHERE p.prokind IN ('f', 'p') AND n.nspname = ANY($1) AND ${notExtension('pg_proc', 'p.oid')}
ORDER BY n.nspname, p.proname, 3`;

export const triggersQuery = `
SELECT t.tgrelid::int8::text AS oid, t.oid::int8::text AS toid, t.tgname AS name, pg_get_triggerdef(t.oid) AS def,
  obj_description(t.oid, 'pg_trigger') AS comment
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND n.nspname = ANY($1)
ORDER BY t.tgrelid, t.tgname`;

export const policiesQuery = `
SELECT p.polrelid::int8::text AS oid, p.polname AS name, p.polcmd AS cmd, p.polpermissive AS permissive,
  to_json(ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END FROM unnest(p.polroles) r ORDER BY 1)) AS roles,
  pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1)
ORDER BY p.polrelid, p.polname`;
