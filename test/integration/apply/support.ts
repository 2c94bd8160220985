// Helpers for apply tests: scratch databases on the integration server, migration folders in temp
// dirs (hashed with our atlas.sum code), and running the CLI in process or as a real child process.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runCli } from '../../../server/src/cli/main';
import { memoryIO } from '../../../server/src/cli/io';
import { openDirPath } from '../../../server/src/migrate/dir';
import { EngineError } from '../../../server/src/engine/errors';
import { repoRoot } from '../../support/corpus';

export function serverUrl(): string {
  const u = process.env.DATABASE_URL;
  if (!u) throw new Error('DATABASE_URL is not set (run through scripts/test.mjs integration)');
  return u;
}

/** URL of `db` on the integration server (same credentials and options). */
export function dbUrl(db: string, query: Record<string, string> = {}): string {
  const u = new URL(serverUrl());
  u.pathname = `/${db}`;
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  return u.toString();
}

export async function adminQuery<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[], db?: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: db ? dbUrl(db) : serverUrl() });
  await c.connect();
  try {
    return (await c.query<R>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** The tables of a database's public schema, by name. */
export async function publicTables(db: string): Promise<string[]> {
  return (await adminQuery<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`, [], db)).map((r) => r.t);
}

/** The EngineError a confirmed plan refuses with; fails when it ran although `changed` changed. */
export async function planRefusal(p: Promise<unknown>, changed: string): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof EngineError, `not an EngineError: ${String(e)}`);
    return e;
  }
  assert.fail(`the confirmed plan ran although ${changed} changed`);
}

let seq = 0;
/** Creates a uniquely named database; returns its name. */
export async function scratchDb(prefix: string): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${seq++}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 63);
  await adminQuery(`CREATE DATABASE "${name}"`);
  return name;
}

export async function dropDb(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** For a describe block: `newDb(prefix)` creates a scratch database; every one created is dropped after the block. */
export function scratchDbs(): (prefix: string) => Promise<string> {
  const dbs: string[] = [];
  after(async () => {
    for (const d of dbs) await dropDb(d);
  });
  return async (prefix) => {
    const d = await scratchDb(prefix);
    dbs.push(d);
    return d;
  };
}

/** Writes files into a new temp folder and an atlas.sum for them; returns the folder. */
export function migrationDir(files: Record<string, string>, base?: string): string {
  const dir = base ?? fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-apply-'));
  for (const [n, c] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), c);
  openDirPath(dir).writeSum();
  return dir;
}

export async function cli(
  args: string[],
  cwd = os.tmpdir(),
  env: Record<string, string | undefined> = process.env,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIO(cwd, env);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** A real CLI process: the bundled `dist/cli.js` that ships (the test runner rebuilds dist/ when a source is newer). */
export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): ChildProcess & { output: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli.js'), ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const output = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return Object.assign(child, { output });
}

export interface RevRow {
  version: string;
  description: string;
  type: string;
  applied: string;
  total: string;
  error: string | null;
  error_stmt: string | null;
  hash: string;
  partial_hashes: unknown;
  operator_version: string;
}

export async function revisions(db: string, schema = 'atlas_schema_revisions'): Promise<RevRow[]> {
  return adminQuery<RevRow & pg.QueryResultRow>(`SELECT * FROM "${schema}".atlas_schema_revisions ORDER BY version`, [], db);
}

/** Replaces timings in apply output so texts can be compared. */
export function stableText(s: string): string {
  return s.replace(/\((\d+(\.\d+)?(ns|µs|ms|s|m|h))+\)/g, '(T)').replace(/-- (\d+(\.\d+)?(ns|µs|ms|s|m|h))+\n/g, '-- T\n');
}
