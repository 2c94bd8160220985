// "Is this database clean?" as Atlas decides it,
// and resetting the embedded dev database to a clean state between leases.
import type { Queryable } from './types';

export class NotCleanError extends Error {
  constructor(readonly reason: string) {
    super(`sql/migrate: connected database is not clean: ${reason}`);
  }
}

const USER_SCHEMAS = `n.nspname NOT IN ('information_schema', 'pg_catalog', 'pg_toast', 'crdb_internal', 'pg_extension')
  AND n.nspname NOT LIKE 'pg\\_%temp\\_%'`;

interface SchemaTables {
  schema: string;
  tables: string[];
}

/** User schemas (sorted) with their tables (sorted), or one schema when `only` is given. */
export async function schemaTables(db: Queryable, only?: string): Promise<SchemaTables[]> {
  const r = await db.query<{ nspname: string; relname: string | null }>(
    `SELECT n.nspname, c.relname
       FROM pg_namespace n
       LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p')
      WHERE ${USER_SCHEMAS} ${only !== undefined ? 'AND n.nspname = $1' : ''}
      ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"`,
    only !== undefined ? [only] : undefined,
  );
  const out: SchemaTables[] = [];
  for (const row of r.rows) {
    let s = out[out.length - 1];
    if (!s || s.schema !== row.nspname) {
      s = { schema: row.nspname, tables: [] };
      out.push(s);
    }
    if (row.relname !== null) s.tables.push(row.relname);
  }
  return out;
}

/**
 * Clean check before the first `migrate apply`. Returns the reason the database is not clean,
 * or undefined when clean. `schema` = the URL-bound schema (schema scope); `revSchema` = where the
 * revisions table lives.
 */
export async function uncleanReason(db: Queryable, schema: string | undefined, revSchema: string): Promise<string | undefined> {
  const isRevTable = (s: string, t: string) => s === revSchema && t === 'atlas_schema_revisions';
  if (schema !== undefined) {
    const [s] = await schemaTables(db, schema);
    const tables = (s?.tables ?? []).filter((t) => !isRevTable(schema, t));
    return tables.length > 0 ? `found table ${JSON.stringify(tables[0])} in schema ${JSON.stringify(schema)}` : undefined;
  }
  for (const s of await schemaTables(db)) {
    if (s.schema === 'public' && s.tables.length === 0) continue;
    if (s.schema === revSchema && s.tables.every((t) => isRevTable(s.schema, t))) continue;
    if (s.tables.length === 0) return `found schema ${JSON.stringify(s.schema)}`;
    if (s.tables.length > 1) return `found ${s.tables.length} tables in schema ${JSON.stringify(s.schema)}`;
    return `found table ${JSON.stringify(s.tables[0])} in schema ${JSON.stringify(s.schema)}`;
  }
  return undefined;
}

/** A dev database must be clean: schema scope → no tables in it; realm → no schema but an empty public. */
export async function checkDevClean(db: Queryable & { schema?: string }): Promise<void> {
  if (db.schema !== undefined) {
    const [s] = await schemaTables(db, db.schema);
    if (s && s.tables.length > 0) throw new NotCleanError(`found table ${JSON.stringify(s.tables[0])} in connected schema`);
    return;
  }
  for (const s of await schemaTables(db)) {
    if (s.schema === 'public' && s.tables.length === 0) continue;
    if (s.tables.length > 0) throw new NotCleanError(`found table ${JSON.stringify(s.tables[0])} in schema ${JSON.stringify(s.schema)}`);
    throw new NotCleanError(`found schema ${JSON.stringify(s.schema)}`);
  }
}

/**
 * Brings the embedded dev database back to a pristine state: drops user schemas, extensions, event
 * triggers, publications and roles created by earlier leases, and recreates an empty `public`.
 * Only used on the embedded PGlite server (never on a user's database).
 */
export async function resetToClean(db: Queryable): Promise<void> {
  const dirty = await db.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM pg_namespace n WHERE ${USER_SCHEMAS} AND n.nspname <> 'public')
          + (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public')
          + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public')
          + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public')
          + (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql')
          + (SELECT count(*) FROM pg_event_trigger)
          + (SELECT count(*) FROM pg_publication)
          + (SELECT count(*) FROM pg_roles WHERE oid >= 16384)
          + (SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'public') THEN 0 ELSE 1 END) AS n`,
  );
  if (Number(dirty.rows[0]?.n ?? 0) === 0) return;
  await db.exec(`DO $atlas_wb_reset$
DECLARE r record;
BEGIN
  FOR r IN SELECT evtname FROM pg_event_trigger LOOP EXECUTE format('DROP EVENT TRIGGER %I CASCADE', r.evtname); END LOOP;
  FOR r IN SELECT pubname FROM pg_publication LOOP EXECUTE format('DROP PUBLICATION %I', r.pubname); END LOOP;
  FOR r IN SELECT n.nspname FROM pg_namespace n WHERE ${USER_SCHEMAS} LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname); END LOOP;
  FOR r IN SELECT rolname FROM pg_roles WHERE oid >= 16384 LOOP
    EXECUTE format('DROP OWNED BY %I CASCADE', r.rolname);
    EXECUTE format('DROP ROLE %I', r.rolname);
  END LOOP;
  CREATE SCHEMA public AUTHORIZATION pg_database_owner;
  GRANT USAGE ON SCHEMA public TO PUBLIC;
  COMMENT ON SCHEMA public IS 'standard public schema';
END
$atlas_wb_reset$`);
}

// What a set-aside cannot hide (not inside a schema): extensions, event triggers, publications, roles, and the
// cluster-wide objects a migration may create on its own (casts, languages, access methods, foreign-data
// wrappers and servers, transforms). initdb's own objects have OIDs below 16384.
const OUTSIDE_SCHEMAS = `(SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql')
  + (SELECT count(*) FROM pg_event_trigger) + (SELECT count(*) FROM pg_publication)
  + (SELECT count(*) FROM pg_roles WHERE oid >= 16384) + (SELECT count(*) FROM pg_cast WHERE oid >= 16384)
  + (SELECT count(*) FROM pg_language WHERE oid >= 16384) + (SELECT count(*) FROM pg_am WHERE oid >= 16384)
  + (SELECT count(*) FROM pg_foreign_data_wrapper) + (SELECT count(*) FROM pg_foreign_server)
  + (SELECT count(*) FROM pg_transform)`;

/**
 * A clean state inside a transaction the caller rolls back (the embedded dev database's scratch lease): the user
 * schemas are renamed out of the way and an empty `public` is made, as resetToClean leaves it. Renaming a schema
 * is one catalog row where dropping it deletes every object in it (and the rollback restores them all). Returns
 * the names the schemas were given (to leave out of inspection), or undefined when something outside a schema
 * exists and only resetToClean gives a clean state.
 */
export async function setAsideSchemas(db: Queryable): Promise<string[] | undefined> {
  const r = await db.query<{ outside: string; schemas: string[] | string }>(
    `SELECT ${OUTSIDE_SCHEMAS} AS outside, to_json(ARRAY(SELECT n.nspname::text FROM pg_namespace n WHERE ${USER_SCHEMAS} ORDER BY 1)) AS schemas`,
  );
  const row = r.rows[0];
  if (!row || Number(row.outside) !== 0) return undefined;
  const schemas = (typeof row.schemas === 'string' ? JSON.parse(row.schemas) : row.schemas) as string[];
  const taken = new Set(schemas);
  const aside: string[] = [];
  for (let i = 0; aside.length < schemas.length; i++) if (!taken.has(`atlas_wb_aside_${i}`)) aside.push(`atlas_wb_aside_${i}`);
  const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
  await db.exec(
    [
      ...schemas.map((s, i) => `ALTER SCHEMA ${ident(s)} RENAME TO ${ident(aside[i])};`),
      'CREATE SCHEMA public AUTHORIZATION pg_database_owner;',
      'GRANT USAGE ON SCHEMA public TO PUBLIC;',
      "COMMENT ON SCHEMA public IS 'standard public schema';",
    ].join('\n'),
  );
  return aside;
}
