// Desired and current states for the generate-migration flow and `schema diff/inspect`: a URL (file://
// SQL file, folder of SQL, migration folder; postgres:// / pglite:// database; env://…; external_schema://…)
// turned into a schema model, executing SQL on a clean dev database where needed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import nodePath from 'node:path';
import { openDatabase } from '../db/connect';
import { openDevDatabase, type DevDatabase, type DevOptions } from '../db/dev';
import type { Database } from '../db/types';
import type { ResolvedEnv } from '../config/types';
import { inspect } from '../schema/inspect';
import type { Realm } from '../schema/model';
import { openDirPath, type MigrationDir, type MigrationFile } from './dir';
import { splitStatements } from './splitter';
import { SUM_FILE } from './sum';

export class SourceError extends Error {}

export interface SourceContext {
  cwd: string;
  devUrl?: string;
  env?: ResolvedEnv;
  /** called once with the dev database's description (and its version notice, if any) when one is used */
  onDev?: (description: string, notice?: string) => void;
  /** environment for external programs */
  environ?: Record<string, string | undefined>;
}

const isDbUrl = (u: string) => /^(postgres|postgresql|pglite|docker|docker\+postgres):\/\//i.test(u);

/** Scope (search_path) of a database URL, undefined for realm scope. */
export function urlScope(url: string): string | undefined {
  const m = /[?&]search_path=([^&]*)/.exec(url);
  return m ? decodeURIComponent(m[1]) : undefined;
}

/** Expands env://src and friends into concrete URLs. */
export function expandUrls(urls: string[], ctx: SourceContext): string[] {
  return urls.flatMap((u) => {
    if (!u.startsWith('env://')) return [u];
    if (!ctx.env) throw new SourceError(`cannot use ${u} without --env`);
    const attr = u.slice('env://'.length);
    const env = ctx.env;
    const values: Record<string, string[]> = {
      src: env.src,
      'schema.src': env.src,
      url: env.url ? [env.url] : [],
      dev: env.devUrl ? [env.devUrl] : [],
      'migration.dir': env.migration.dir ? [env.migration.dir] : [],
    };
    const v = values[attr] ?? (typeof env.extra[attr] === 'string' ? [env.extra[attr] as string] : undefined);
    if (!v || !v.length) throw new SourceError(`env://${attr}: the env has no value for "${attr}"`);
    return expandUrls(v, ctx);
  });
}

/**
 * Loads a state given by one or more URLs into a model. `onDevLoaded` runs on the dev database while the
 * loaded state is still there (not called for a database URL, which is only read).
 */
export async function loadState(
  urls: string[],
  ctx: SourceContext,
  onDevLoaded?: (dev: DevDatabase, realm: Realm) => Promise<void>,
  devOptions?: DevOptions,
): Promise<Realm> {
  const list = expandUrls(urls, ctx);
  if (!list.length) throw new SourceError('no desired state given (--to)');
  const schemes = new Set(list.map((u) => u.split('://')[0]));
  if (schemes.size > 1) throw new SourceError(`cannot mix URL schemes: ${[...schemes].join(', ')}`);
  if (isDbUrl(list[0]) && !list[0].startsWith('docker')) {
    if (list.length > 1) throw new SourceError('only one database URL can be given');
    const db = await openDatabase(list[0]);
    try {
      return await inspect(db, { schema: db.schema });
    } finally {
      await db.close();
    }
  }
  return withDev(
    ctx,
    async (dev) => {
      for (const u of list) await loadOnDev(dev, u, ctx);
      const realm = await inspect(dev, { schema: dev.schema, hidden: dev.hiddenSchemas });
      await onDevLoaded?.(dev, realm);
      return realm;
    },
    devOptions,
  );
}

/** Runs fn on a clean dev database; closing it leaves it clean again (a real dev database is restored). */
export async function withDev<T>(ctx: SourceContext, fn: (dev: DevDatabase) => Promise<T>, opts?: DevOptions): Promise<T> {
  const dev = await openDevDatabase(ctx.devUrl, opts);
  try {
    ctx.onDev?.(dev.description, dev.versionNotice?.message);
    return await fn(dev);
  } finally {
    await dev.close();
  }
}

const txControl = /^(BEGIN|COMMIT|END|ROLLBACK|START\s+TRANSACTION|SAVEPOINT|RELEASE|ABORT)\b/i;

/**
 * Runs statements on a dev database: first as one batch (a single round trip; the simple query protocol runs
 * it as one implicit transaction, so a failure leaves nothing behind), then, if the batch fails, one by one so
 * the error names the statement (and statements that refuse transaction blocks, e.g. CONCURRENTLY, still run).
 */
async function execStatements(db: Database, stmts: string[], fail: (stmt: string, e: Error) => Error): Promise<void> {
  if (!stmts.length) return;
  if (stmts.length > 1 && !stmts.some((s) => txControl.test(s))) {
    try {
      await db.exec(stmts.join('\n'));
      return;
    } catch {
      /* fall through: rolled back, locate the failing statement */
    }
  }
  for (const st of stmts) {
    try {
      await db.exec(st);
    } catch (e) {
      throw fail(st, e as Error);
    }
  }
}

const short = (s: string) => JSON.stringify(s.length > 200 ? s.slice(0, 200) + '…' : s);

/** Executes every statement of a SQL text, naming the source in errors. */
export async function execScript(db: Database, text: string, where: string): Promise<void> {
  await execStatements(
    db,
    splitStatements(text).map((s) => s.text),
    (st, e) => new SourceError(`${where}: executing statement ${short(st)}: ${e.message}`),
  );
}

/** Replays a migration folder (from its last checkpoint) on a database, as Atlas's Executor.Replay does. */
export async function replayDir(db: Database, dir: MigrationDir, upTo?: string): Promise<void> {
  await replayFiles(
    db,
    dir.filesFromLastCheckpoint().filter((f) => upTo === undefined || f.version <= upTo),
  );
}

/** Replays these files in order (see replayDir); returns the number of statements run. */
export async function replayFiles(db: Database, files: MigrationFile[]): Promise<number> {
  const perFile = files.map((f) => ({ version: f.version, stmts: f.stmts().map((s) => s.text) }));
  // The whole folder in one round trip when possible; on failure (rolled back) file by file, for the error.
  const all = perFile.flatMap((f) => f.stmts);
  if (perFile.length > 1 && !all.some((s) => txControl.test(s))) {
    try {
      await db.exec(all.join('\n'));
      return all.length;
    } catch {
      /* locate the failing file and statement below */
    }
  }
  for (const f of perFile) {
    await execStatements(
      db,
      f.stmts,
      (st, e) => new SourceError(`sql/migrate: executing statement ${JSON.stringify(st)} from version ${JSON.stringify(f.version)}: ${e.message}`),
    );
  }
  return all.length;
}

async function loadOnDev(dev: Database, url: string, ctx: SourceContext): Promise<void> {
  if (url.startsWith('external_schema://')) {
    const name = url.slice('external_schema://'.length);
    const ext = ctx.env?.externalSchemas[name];
    if (!ext) throw new SourceError(`data.external_schema.${name}: unknown data source`);
    const base = ctx.env ? nodePath.dirname(ctx.env.configPath) : ctx.cwd;
    const sql = await runProgram(ext.program, nodePath.resolve(base, ext.workingDir ?? '.'), ctx.environ);
    await execScript(dev, sql, `data.external_schema.${name}`);
    return;
  }
  if (!url.startsWith('file://')) throw new SourceError(`unsupported desired-state URL ${JSON.stringify(url)}`);
  const [rawPath, query = ''] = url.slice('file://'.length).split('?');
  const abs = nodePath.resolve(ctx.cwd, rawPath);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new SourceError(`stat ${rawPath}: no such file or directory`);
  }
  const version = new URLSearchParams(query).get('version') ?? undefined;
  if (st.isDirectory()) {
    const isMigrationDir = fs.existsSync(nodePath.join(abs, SUM_FILE)) || nodePath.basename(abs) === 'migrations' || version !== undefined;
    if (isMigrationDir) {
      await replayDir(dev, openDirPath(abs), version);
      return;
    }
    const hcl = fs
      .readdirSync(abs)
      .filter((n) => n.endsWith('.hcl') && n !== 'atlas.hcl')
      .sort();
    if (hcl.length) {
      await loadHcl(
        dev,
        hcl.map((n) => nodePath.join(abs, n)),
        rawPath,
        ctx,
      );
      return;
    }
    for (const f of fs
      .readdirSync(abs)
      .filter((n) => n.endsWith('.sql'))
      .sort())
      await execScript(dev, fs.readFileSync(nodePath.join(abs, f), 'utf8'), f);
    return;
  }
  if (abs.endsWith('.hcl')) {
    await loadHcl(dev, [abs], rawPath, ctx);
    return;
  }
  await execScript(dev, fs.readFileSync(abs, 'utf8'), rawPath);
}

/**
 * Runs the statements of HCL schema files (one state, read together) on the dev database. A statement that needs
 * an object created later (a view on a later view, a default calling a later function) is retried after the
 * others; the state fails only when a whole pass makes no progress.
 */
async function loadHcl(dev: Database, paths: string[], where: string, ctx: SourceContext): Promise<void> {
  const { hclSchemaStatements, HclSchemaError } = await import('../schema/hclSchema');
  let stmts: string[];
  try {
    const files = paths.map((p) => ({ file: paths.length === 1 ? where : nodePath.relative(ctx.cwd, p), text: fs.readFileSync(p, 'utf8') }));
    stmts = await hclSchemaStatements(files, { schemaScope: dev.schema });
  } catch (e) {
    if (e instanceof HclSchemaError) throw new SourceError(e.message);
    throw e;
  }
  try {
    await execStatements(dev, stmts, (st, e) => Object.assign(e, { stmt: st }));
    return;
  } catch {
    /* per statement below, retrying what depends on later objects */
  }
  let pending = stmts;
  for (;;) {
    const failed: Array<{ st: string; e: Error }> = [];
    for (const st of pending) {
      try {
        await dev.exec(st);
      } catch (e) {
        failed.push({ st, e: e as Error });
      }
    }
    if (!failed.length) return;
    if (failed.length === pending.length) throw new SourceError(`${where}: executing statement ${short(failed[0].st)}: ${failed[0].e.message}`);
    pending = failed.map((f) => f.st);
  }
}

/** Runs an external_schema program and returns its stdout (the schema as SQL). */
export function runProgram(program: string[], cwd: string, environ?: Record<string, string | undefined>): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!program.length) {
      reject(new SourceError('external_schema: empty program'));
      return;
    }
    const child = spawn(program[0], program.slice(1), { cwd, env: { ...process.env, ...environ } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    child.on('error', (e) => reject(new SourceError(`external_schema: running ${JSON.stringify(program.join(' '))}: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new SourceError(`external_schema: ${JSON.stringify(program.join(' '))} exited with code ${code}${err.trim() ? `: ${err.trim()}` : ''}`));
    });
  });
}
