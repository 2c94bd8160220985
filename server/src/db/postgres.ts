// A real PostgreSQL server through node `pg`: connect with a timeout, errors that never show the password.
// The embedded PGlite server (dev databases, pglite:// targets) speaks the wire protocol and is opened through this too.
import pg from 'pg';
import { DatabaseError, type Database, type QueryResult } from './types';
import { maskUrl, redactPassword, type PostgresUrl } from './url';

export { DatabaseError };

export interface OpenOptions {
  /** connect timeout in ms (default: the URL's connect_timeout, else 10 s) */
  connectTimeoutMs?: number;
  /** label used in error messages, e.g. `env "dev"` */
  label?: string;
  /** application_name reported to the server */
  applicationName?: string;
}

export async function openPostgres(p: PostgresUrl, opts: OpenOptions = {}, kind: Database['kind'] = 'postgres', displayUrl?: string): Promise<Database> {
  const timeoutSec = Number(p.params.connect_timeout);
  const timeoutMs = opts.connectTimeoutMs ?? (timeoutSec > 0 ? timeoutSec * 1000 : 10_000);
  const client = new pg.Client({
    host: p.host,
    port: p.port,
    user: p.user,
    password: p.password ?? '',
    database: p.database,
    ssl: p.ssl,
    connectionTimeoutMillis: timeoutMs,
    application_name: p.params.application_name ?? opts.applicationName ?? 'atlas-workbench',
  });
  const shown = displayUrl ?? maskUrl(p.url);
  let broken: Error | undefined;
  client.on('error', (e) => {
    broken = e;
  });
  const t0 = Date.now();
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    const timedOut = Date.now() - t0 >= timeoutMs - 20;
    throw connectError(timedOut ? Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }) : e, p, shown, opts.label);
  }
  const wrap = (e: unknown): Error => queryError(e, p.url);
  if (p.schema !== undefined) {
    try {
      await client.query(
        `SET search_path TO ${p.schema
          .split(',')
          .map((s) => quoteIdent(s.trim()))
          .join(', ')}`,
      );
    } catch (e) {
      await client.end().catch(() => undefined);
      throw wrap(e);
    }
  }
  let closed = false;
  const db: Database = {
    displayUrl: shown,
    schema: p.schema,
    kind,
    async query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
      if (broken) throw wrap(broken);
      try {
        const r = await client.query(sql, params as unknown[] | undefined);
        return { rows: r.rows as R[], rowCount: r.rowCount };
      } catch (e) {
        throw wrap(e);
      }
    },
    async queryAll(sql: string): Promise<QueryResult[]> {
      if (broken) throw wrap(broken);
      try {
        const r: unknown = await client.query(sql);
        return (Array.isArray(r) ? r : [r]).map((x: { rows: Record<string, unknown>[]; rowCount: number | null }) => ({ rows: x.rows, rowCount: x.rowCount }));
      } catch (e) {
        throw wrap(e);
      }
    },
    async exec(sql: string): Promise<void> {
      if (broken) throw wrap(broken);
      try {
        await client.query(sql);
      } catch (e) {
        throw wrap(e);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await client.end().catch(() => undefined);
    },
  };
  return db;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

interface PgLikeError {
  message?: string;
  code?: string;
  position?: string;
  errno?: number;
  syscall?: string;
}

function connectError(e: unknown, p: PostgresUrl, shown: string, label?: string): DatabaseError {
  const err = (e ?? {}) as PgLikeError;
  const where = `${label ? `${label}: ` : ''}cannot connect to ${shown}`;
  const raw = redactPassword(err.message ?? String(e), p.url);
  let why: string;
  switch (err.code) {
    case 'ECONNREFUSED':
      why = `connection refused (is PostgreSQL running on ${p.host}:${p.port}?)`;
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      why = `host "${p.host}" not found (unreachable)`;
      break;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      why = `host ${p.host} is unreachable`;
      break;
    case 'ETIMEDOUT':
      why = `timeout connecting to ${p.host}:${p.port}`;
      break;
    case '28P01':
      why = `password authentication failed for user "${p.user ?? ''}"`;
      break;
    case '28000':
      why = raw;
      break;
    case '3D000':
      why = raw;
      break;
    default:
      if (/does not support SSL/i.test(raw)) why = 'SSL is not enabled on the server (add sslmode=disable to the URL for a local server)';
      else if (/Connection terminated unexpectedly/i.test(raw))
        why = `connection to ${p.host}:${p.port} closed while connecting (host unreachable or not a PostgreSQL server)`;
      else if (/timeout/i.test(raw)) why = `timeout connecting to ${p.host}:${p.port}`;
      else why = raw;
  }
  return new DatabaseError(`${where}: ${why}`, err.code);
}

function queryError(e: unknown, url: string): DatabaseError {
  if (e instanceof DatabaseError) return e;
  const err = (e ?? {}) as PgLikeError;
  const msg = redactPassword(err.message ?? String(e), url);
  const conn = /Connection terminated|ECONNRESET|EPIPE|not queryable|Client has encountered a connection error/i.test(msg);
  return new DatabaseError(conn ? `connection to ${maskUrl(url)} lost: ${msg}` : msg, err.code, err.position ? Number(err.position) : undefined);
}
