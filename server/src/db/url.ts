// Database URLs as Atlas reads them (postgres://, postgresql://, docker://postgres|pgvector|postgis/<tag>/<db>)
// plus our own `pglite://<path>` (a file-backed embedded PostgreSQL; an Atlas Workbench extension, not Atlas's).
import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { display, maskUrl, rememberUrl, urlPasswords } from '../secrets';

export class UrlError extends Error {}

export { maskUrl } from '../secrets';

/** A driver error made safe to show: the URL's password removed in every form (raw, decoded, encoded). */
export function redactPassword(text: string, url: string): string {
  return display(text.split(url).join(maskUrl(url)), urlPasswords(url));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

/** A real PostgreSQL server URL, parsed into what node `pg` needs. */
export interface PostgresUrl {
  kind: 'postgres';
  /** original text */
  url: string;
  host: string;
  port: number;
  user?: string;
  password?: string;
  database: string;
  /** search_path query parameter: Atlas's schema scope; absent → database (realm) scope */
  schema?: string;
  sslmode: SslMode;
  /** node `pg`'s ssl option */
  ssl: false | ConnectionOptions;
  /** other query parameters (application_name, connect_timeout, ...) */
  params: Record<string, string>;
}

/** `docker://postgres/<tag>/<db>` and friends: served by the embedded dev database here. */
export interface DockerUrl {
  kind: 'docker';
  url: string;
  image: 'postgres' | 'pgvector' | 'postgis' | string;
  tag?: string;
  database?: string;
  schema?: string;
}

/** `pglite://<path>`: a file-backed PGlite database (ours, not Atlas's). `pglite://memory` or `pglite://` is in memory. */
export interface PgliteUrl {
  kind: 'pglite';
  url: string;
  /** absolute or relative directory; undefined = in memory */
  dataDir?: string;
  schema?: string;
}

export type DbUrl = PostgresUrl | DockerUrl | PgliteUrl;

const SSL_MODES: SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

export function parseDbUrl(raw: string): DbUrl {
  const text = raw.trim();
  rememberUrl(text);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
  if (!scheme) throw new UrlError(`missing driver scheme in URL ${JSON.stringify(maskUrl(text))}. See: https://atlasgo.io/url`);
  if (scheme === 'postgres' || scheme === 'postgresql') return parsePostgres(text);
  if (scheme === 'docker') return parseDocker(text);
  if (scheme === 'pglite') return parsePglite(text);
  throw new UrlError(
    `unsupported database URL scheme "${scheme}" in ${maskUrl(text)} (Atlas Workbench supports postgres://, postgresql://, docker://postgres/..., pglite://)`,
  );
}

function toUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new UrlError(`invalid database URL ${maskUrl(text)}`);
  }
}

function parsePostgres(text: string): PostgresUrl {
  const u = toUrl(text);
  const params: Record<string, string> = {};
  u.searchParams.forEach((v, k) => {
    params[k] = v;
  });
  const rawMode = (params.sslmode ?? 'require').toLowerCase();
  if (!SSL_MODES.includes(rawMode as SslMode)) throw new UrlError(`unsupported sslmode "${rawMode}" in ${maskUrl(text)}`);
  const sslmode = rawMode as SslMode;
  const schema = params.search_path !== undefined && params.search_path !== '' ? params.search_path : undefined;
  const host = safeDecode(u.hostname.replace(/^\[|\]$/g, '')) || (params.host ?? 'localhost');
  const port = u.port ? Number(u.port) : params.port ? Number(params.port) : 5432;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new UrlError(`invalid port in ${maskUrl(text)}`);
  const database = safeDecode(u.pathname.replace(/^\//, '')) || (params.dbname ?? '');
  const user = u.username ? safeDecode(u.username) : params.user;
  const password = u.password ? safeDecode(u.password) : params.password;
  for (const k of ['sslmode', 'search_path', 'host', 'port', 'dbname', 'user', 'password', 'sslrootcert', 'sslcert', 'sslkey']) delete params[k];
  return {
    kind: 'postgres',
    url: text,
    host,
    port,
    user,
    password,
    database: database || user || 'postgres',
    schema,
    sslmode,
    ssl: sslOptions(sslmode, u.searchParams, host),
    params,
  };
}

/** lib/pq's sslmode semantics mapped to node's TLS options (lib/pq's default is `require`). */
export function sslOptions(mode: SslMode, q: URLSearchParams, host: string): false | ConnectionOptions {
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') return mode === 'disable' ? false : { rejectUnauthorized: false };
  const opts: ConnectionOptions = { rejectUnauthorized: mode !== 'require' };
  const read = (k: string): Buffer | undefined => {
    const p = q.get(k);
    if (!p) return undefined;
    try {
      return fs.readFileSync(p);
    } catch (e) {
      throw new UrlError(`cannot read ${k} file ${p}: ${(e as Error).message}`);
    }
  };
  const ca = read('sslrootcert');
  if (ca) opts.ca = ca;
  const cert = read('sslcert');
  if (cert) opts.cert = cert;
  const key = read('sslkey');
  if (key) opts.key = key;
  // lib/pq: with sslmode=require and a root certificate given, the chain is verified (verify-ca behaviour).
  if (mode === 'require' && ca) opts.rejectUnauthorized = true;
  if (mode === 'verify-ca' || (mode === 'require' && ca)) opts.checkServerIdentity = () => undefined;
  else if (mode === 'verify-full') opts.servername = host;
  return opts;
}

function parseDocker(text: string): DockerUrl {
  const u = toUrl(text);
  const image = u.hostname;
  if (!image) throw new UrlError(`invalid docker URL ${maskUrl(text)}: missing image (e.g. docker://postgres/16/dev)`);
  const parts = u.pathname.split('/').filter(Boolean).map(safeDecode);
  const tag = parts[0];
  // A last element containing ':' is a tag, not a database (Atlas).
  const database = parts.length > 1 && !parts[parts.length - 1].includes(':') ? parts[parts.length - 1] : undefined;
  const sp = u.searchParams.get('search_path');
  return { kind: 'docker', url: text, image, tag, database, schema: sp ? sp : undefined };
}

function parsePglite(text: string): PgliteUrl {
  const q = text.indexOf('?');
  const body = (q >= 0 ? text.slice(0, q) : text).replace(/^pglite:(\/\/)?/i, '');
  const query = new URLSearchParams(q >= 0 ? text.slice(q + 1) : '');
  const dataDir = body === '' || body === 'memory' ? undefined : safeDecode(body);
  const sp = query.get('search_path');
  return { kind: 'pglite', url: text, dataDir, schema: sp ? sp : undefined };
}
