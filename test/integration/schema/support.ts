// Test support for schema tests: scratch databases on the real PostgreSQL of DATABASE_URL, used through
// a small `Database` adapter over `pg` (the engine's own connect layer belongs to the database engineer).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { openDirPath } from '../../../server/src/migrate/dir';
import type { Database } from '../../../server/src/db/types';

export const databaseUrl = (): string => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (run through scripts/test.mjs integration)');
  return url;
};

export function urlFor(db: string, params = ''): string {
  const u = new URL(databaseUrl());
  u.pathname = `/${db}`;
  if (params) for (const [k, v] of new URLSearchParams(params)) u.searchParams.set(k, v);
  return u.toString();
}

export async function connect(url: string, schema?: string): Promise<Database> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on('error', () => {
    /* connection ended by a DROP DATABASE */
  });
  if (schema) await client.query(`SET search_path TO "${schema}"`);
  return {
    displayUrl: url,
    kind: 'postgres',
    schema,
    async query(sql, params) {
      const r = await client.query(sql, params as unknown[]);
      return { rows: r.rows, rowCount: r.rowCount };
    },
    async exec(sql) {
      await client.query(sql);
    },
    async queryAll(sql) {
      const r: unknown = await client.query(sql);
      return (Array.isArray(r) ? r : [r]).map((x: pg.QueryResult) => ({ rows: x.rows, rowCount: x.rowCount }));
    },
    async close() {
      await client.end();
    },
  } as Database;
}

let counter = 0;
/** Creates a fresh database with a unique name and returns its name. */
export async function scratchDatabase(prefix: string): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = await connect(databaseUrl());
  try {
    await admin.exec(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.close();
  }
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = await connect(databaseUrl());
  try {
    await admin.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.close();
  }
}

const psql = path.join(process.env.PGBIN ?? '/usr/lib/postgresql/15/bin', 'psql');

/** Loads the source (a folder's files from the last checkpoint, or one file) with psql; psql's error, or undefined. */
export function psqlLoad(url: string, src: string): string | undefined {
  const files = src.endsWith('.sql')
    ? [src]
    : openDirPath(src)
        .filesFromLastCheckpoint()
        .map((f) => f.path);
  for (const f of files) {
    const r = spawnSync(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', f], { encoding: 'utf8' });
    if (r.status !== 0) return `${path.basename(f)}: ${(r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n')[0]}`;
  }
  return undefined;
}
