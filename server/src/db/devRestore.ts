// A real dev database (a postgres:// dev URL) is the user's: it is checked clean when leased and must be handed
// back as it was after every use, also after a failing statement or a cancel, as Atlas restores its snapshot.
// The snapshot names what existed when the lease began; the restore drops what came after: new schemas, new
// objects of the scope schema (public in realm scope, the URL's schema in schema scope), new extensions, event
// triggers and publications, and puts back the scope schema's comment. Roles (cluster-wide) are never touched.
import type { Queryable } from './types';

export interface DevSnapshot {
  /** the scope schema: the URL's schema, else public */
  scope: string;
  schemas: string[];
  /** `<catalog>:<oid>` of every object in the scope schema */
  objects: string[];
  extensions: string[];
  eventTriggers: string[];
  publications: string[];
  comment: string | null;
}

// Objects of one schema that a restore drops one by one (extension members are dropped with their extension).
const SCOPE_OBJECTS = (nsp: string) =>
  `
  SELECT 'pg_class' AS cat, c.oid AS oid, c.relkind::text AS kind FROM pg_catalog.pg_class c
   WHERE c.relnamespace = SCOPE_OID AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  UNION ALL SELECT 'pg_proc', p.oid, p.prokind::text FROM pg_catalog.pg_proc p WHERE p.pronamespace = SCOPE_OID
  UNION ALL SELECT 'pg_type', t.oid, t.typtype::text FROM pg_catalog.pg_type t
   WHERE t.typnamespace = SCOPE_OID AND t.typelem = 0
     AND (t.typtype IN ('b', 'd', 'e', 'r', 'm') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_catalog.pg_class WHERE oid = t.typrelid) = 'c'))
  UNION ALL SELECT 'pg_collation', o.oid, '' FROM pg_catalog.pg_collation o WHERE o.collnamespace = SCOPE_OID
  UNION ALL SELECT 'pg_operator', o.oid, '' FROM pg_catalog.pg_operator o WHERE o.oprnamespace = SCOPE_OID
  UNION ALL SELECT 'pg_ts_config', o.oid, '' FROM pg_catalog.pg_ts_config o WHERE o.cfgnamespace = SCOPE_OID
  UNION ALL SELECT 'pg_ts_dict', o.oid, '' FROM pg_catalog.pg_ts_dict o WHERE o.dictnamespace = SCOPE_OID`.replace(
    /SCOPE_OID/g,
    `(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ${nsp})`,
  );

async function names(db: Queryable, sql: string, params?: unknown[]): Promise<string[]> {
  return (await db.query<{ n: string }>(sql, params)).rows.map((r) => String(r.n));
}

export async function snapshotDev(db: Queryable & { schema?: string }): Promise<DevSnapshot> {
  const scope = db.schema ?? 'public';
  const exists = (await db.query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [scope])).rows.length > 0;
  return {
    scope,
    schemas: await names(db, 'SELECT nspname AS n FROM pg_catalog.pg_namespace'),
    objects: exists ? await names(db, `SELECT cat || ':' || oid AS n FROM (${SCOPE_OBJECTS('$1')}) o`, [scope]) : [],
    extensions: await names(db, 'SELECT extname AS n FROM pg_catalog.pg_extension'),
    eventTriggers: await names(db, 'SELECT evtname AS n FROM pg_catalog.pg_event_trigger'),
    publications: await names(db, 'SELECT pubname AS n FROM pg_catalog.pg_publication'),
    comment: exists
      ? ((
          await db.query<{ d: string | null }>(`SELECT obj_description(n.oid, 'pg_namespace') AS d FROM pg_catalog.pg_namespace n WHERE n.nspname = $1`, [
            scope,
          ])
        ).rows[0]?.d ?? null)
      : null,
  };
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: string[]) => `ARRAY[${xs.map(lit).join(', ')}]::text[]`;

/** Drops what the lease created (see the file comment). Runs as one statement: all of it or nothing. */
export async function restoreDev(db: Queryable, snap: DevSnapshot): Promise<void> {
  // A failed file may have left a transaction open, a SET ROLE or a search_path behind.
  await db.exec('ROLLBACK').catch(() => undefined);
  await db.exec('RESET ALL').catch(() => undefined);
  const had = snap.schemas.includes(snap.scope) ? 'true' : 'false';
  await db.exec(`DO $atlas_wb_restore$
DECLARE r record; found boolean; scope text := ${lit(snap.scope)};
BEGIN
  FOR r IN SELECT evtname FROM pg_catalog.pg_event_trigger WHERE evtname <> ALL (${arr(snap.eventTriggers)}) LOOP
    EXECUTE format('DROP EVENT TRIGGER %I', r.evtname); END LOOP;
  FOR r IN SELECT pubname FROM pg_catalog.pg_publication WHERE pubname <> ALL (${arr(snap.publications)}) LOOP
    EXECUTE format('DROP PUBLICATION %I', r.pubname); END LOOP;
  FOR r IN SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname <> ALL (${arr(snap.schemas)}) AND nspname !~ '^pg_' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname); END LOOP;
  FOR r IN SELECT extname FROM pg_catalog.pg_extension WHERE extname <> ALL (${arr(snap.extensions)}) LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname); END LOOP;
  IF ${had} AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = scope) THEN
    EXECUTE format('CREATE SCHEMA %I', scope);
  ELSIF ${had} THEN
    -- one object at a time, newest first; CASCADE takes dependants, so each is looked up again before its drop
    FOR r IN SELECT o.* FROM (${SCOPE_OBJECTS('scope')}) o
              WHERE (o.cat || ':' || o.oid) <> ALL (${arr(snap.objects)})
                AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = o.cat::regclass AND d.objid = o.oid AND d.deptype IN ('e', 'i', 'a')
                                  AND NOT (d.refclassid = d.classid AND d.refobjid = d.objid)) -- a partition key: the table on its own column
              ORDER BY o.oid DESC LOOP
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM pg_catalog.%I WHERE oid = $1)', r.cat) INTO found USING r.oid;
      CONTINUE WHEN NOT found;
      EXECUTE CASE r.cat
        WHEN 'pg_class' THEN format('DROP %s IF EXISTS %s CASCADE', CASE r.kind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
          WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, r.oid::regclass)
        WHEN 'pg_proc' THEN format('DROP ROUTINE IF EXISTS %s CASCADE', r.oid::regprocedure)
        WHEN 'pg_type' THEN format('DROP %s IF EXISTS %s CASCADE', CASE r.kind WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, format_type(r.oid, NULL))
        WHEN 'pg_collation' THEN format('DROP COLLATION IF EXISTS %s CASCADE', r.oid::regcollation)
        WHEN 'pg_operator' THEN format('DROP OPERATOR IF EXISTS %s CASCADE', r.oid::regoperator)
        WHEN 'pg_ts_config' THEN format('DROP TEXT SEARCH CONFIGURATION IF EXISTS %s CASCADE', r.oid::regconfig)
        ELSE format('DROP TEXT SEARCH DICTIONARY IF EXISTS %s CASCADE', r.oid::regdictionary) END;
    END LOOP;
  END IF;
  IF ${had} THEN EXECUTE format('COMMENT ON SCHEMA %I IS %L', scope, ${snap.comment === null ? 'NULL' : lit(snap.comment)}); END IF;
END
$atlas_wb_restore$`);
}
