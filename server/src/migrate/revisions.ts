// The `atlas_schema_revisions` table exactly as Atlas creates and writes it.
import type { Queryable } from '../db/types';
import { operatorVersion } from '../version';

export const REVISIONS_TABLE = 'atlas_schema_revisions';
export const DEFAULT_REVISIONS_SCHEMA = 'atlas_schema_revisions';
export const CLOUD_IDENTIFIER = '.atlas_cloud_identifier';

export const TYPE_BASELINE = 1;
export const TYPE_EXECUTE = 2;
export const TYPE_RESOLVED = 4;

export interface Revision {
  version: string;
  description: string;
  type: number;
  applied: number;
  total: number;
  executedAt: Date;
  /** nanoseconds */
  executionTime: bigint;
  error: string;
  errorStmt: string;
  hash: string;
  partialHashes: string[] | null;
  operatorVersion: string;
}

/** RevisionType.String */
export function revisionTypeName(t: number): string {
  switch (t) {
    case TYPE_BASELINE:
      return 'baseline';
    case TYPE_EXECUTE:
      return 'applied';
    case TYPE_RESOLVED:
      return 'manually set';
    case TYPE_EXECUTE | TYPE_RESOLVED:
      return 'applied + manually set';
    default:
      return `unknown (${t.toString(2).padStart(4, '0')})`;
  }
}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

/** The table's exact DDL (Atlas prints it on one line). */
export function revisionsTableDDL(): string {
  return `CREATE TABLE ${q(REVISIONS_TABLE)} ("version" character varying NOT NULL, "description" character varying NOT NULL, "type" bigint NOT NULL DEFAULT 2, "applied" bigint NOT NULL DEFAULT 0, "total" bigint NOT NULL DEFAULT 0, "executed_at" timestamptz NOT NULL, "execution_time" bigint NOT NULL, "error" text NULL, "error_stmt" text NULL, "hash" character varying NOT NULL, "partial_hashes" jsonb NULL, "operator_version" character varying NOT NULL, PRIMARY KEY ("version"))`;
}

export class RevisionStore {
  readonly table: string;
  constructor(
    private readonly db: Queryable,
    readonly schema: string,
  ) {
    this.table = `${q(schema)}.${q(REVISIONS_TABLE)}`;
  }

  async exists(): Promise<boolean> {
    const r = await this.db.query<{ ok: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')) AS ok`,
      [this.schema, REVISIONS_TABLE],
    );
    return r.rows[0]?.ok === true;
  }

  /** Creates the schema and the table when missing (`rrw.Migrate`). */
  async migrate(): Promise<void> {
    if (await this.exists()) return;
    const s = await this.db.query<{ ok: boolean }>('SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS ok', [this.schema]);
    if (!s.rows[0]?.ok) await this.db.exec(`CREATE SCHEMA ${q(this.schema)}`);
    await this.db.exec(revisionsTableDDL().replace(`CREATE TABLE ${q(REVISIONS_TABLE)}`, `CREATE TABLE ${this.table}`));
  }

  /** All revisions ordered by version (database collation, as Atlas), the cloud identifier row excluded. */
  async read(): Promise<Revision[]> {
    if (!(await this.exists())) return [];
    const r = await this.db.query<Record<string, unknown>>(
      `SELECT version, description, type, applied, total, executed_at, execution_time::text AS execution_time, error, error_stmt, hash, partial_hashes, operator_version
         FROM ${this.table} WHERE version <> $1 ORDER BY version`,
      [CLOUD_IDENTIFIER],
    );
    return r.rows.map(toRevision);
  }

  async get(version: string): Promise<Revision | undefined> {
    const r = await this.db.query<Record<string, unknown>>(
      `SELECT version, description, type, applied, total, executed_at, execution_time::text AS execution_time, error, error_stmt, hash, partial_hashes, operator_version
         FROM ${this.table} WHERE version = $1`,
      [version],
    );
    return r.rows[0] ? toRevision(r.rows[0]) : undefined;
  }

  /** Upsert: every column but version, description and executed_at is replaced on conflict. */
  async write(rev: Revision): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.table} (version, description, type, applied, total, executed_at, execution_time, error, error_stmt, hash, partial_hashes, operator_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)
       ON CONFLICT (version) DO UPDATE SET type = EXCLUDED.type, applied = EXCLUDED.applied, total = EXCLUDED.total,
         execution_time = EXCLUDED.execution_time, error = EXCLUDED.error, error_stmt = EXCLUDED.error_stmt, hash = EXCLUDED.hash,
         partial_hashes = EXCLUDED.partial_hashes, operator_version = EXCLUDED.operator_version`,
      [
        rev.version,
        rev.description,
        rev.type,
        rev.applied,
        rev.total,
        rev.executedAt,
        rev.executionTime.toString(),
        rev.error,
        rev.errorStmt,
        rev.hash,
        JSON.stringify(rev.partialHashes),
        rev.operatorVersion,
      ],
    );
  }

  async delete(version: string): Promise<void> {
    await this.db.query(`DELETE FROM ${this.table} WHERE version = $1`, [version]);
  }
}

export function newRevision(version: string, description: string, fields: Partial<Revision> = {}): Revision {
  return {
    version,
    description,
    type: TYPE_EXECUTE,
    applied: 0,
    total: 0,
    executedAt: new Date(),
    executionTime: 0n,
    error: '',
    errorStmt: '',
    hash: '',
    partialHashes: null,
    operatorVersion,
    ...fields,
  };
}

function toRevision(r: Record<string, unknown>): Revision {
  const ph = r.partial_hashes;
  return {
    version: String(r.version),
    description: String(r.description),
    type: Number(r.type),
    applied: Number(r.applied),
    total: Number(r.total),
    executedAt: r.executed_at instanceof Date ? r.executed_at : new Date(String(r.executed_at)),
    executionTime: BigInt(String(r.execution_time ?? '0')),
    error: (r.error as string | null) ?? '',
    errorStmt: (r.error_stmt as string | null) ?? '',
    hash: String(r.hash ?? ''),
    partialHashes: Array.isArray(ph) ? ph.map(String) : null,
    operatorVersion: String(r.operator_version ?? ''),
  };
}
