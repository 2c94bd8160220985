// Custom requests behind the client's views and commands: list envs, run engine commands with $/progress,
// migration status per env, Kubernetes export. Thin wiring over workbenchEnvs/Run/Status and the engine.
import fs from 'node:fs';
import path from 'node:path';
import { WorkDoneProgress, type CancellationToken, type Connection } from 'vscode-languageserver';
import {
  K8sExportRequest,
  ListEnvsRequest,
  MigrationStatusRequest,
  RunCommandRequest,
  type EnvSummary,
  type K8sExportParams,
  type K8sExportResult,
  type WorkbenchListEnvsParams,
  type ListEnvsResult,
  type MigrationStatusParams,
  type MigrationStatusResult,
  type RunCommandParams,
  type RunCommandResult,
} from '../protocol';
import { embeddedNoticeFor } from '../db/devVersion';
import { maskUrl } from '../db/url';
import { k8sExport } from '../engine/folder';
import { rememberEnviron, shown, shownDeep } from '../secrets';
import { compareSums, computeHashFile, readSum } from '../migrate/sum';
import type { Feature, ServerContext } from './context';
import { URI } from './uri';
import { envsFromText, findProjects } from './workbenchEnvs';
import { commandEnviron, findEnvFile, runEngine } from './workbenchRun';
import { engineStatus, registerEngineRequests } from './workbenchEngine';
import { EnvListCache, envListVersion } from './workbenchEnvCache';
import { classifyError, mergeStatus, statusResult, type AtlasStatusJson, type FolderFile } from './workbenchStatus';

type Token = string | number | undefined;

function reporter(connection: Connection, token: Token, title: string) {
  if (token === undefined) return { report: undefined, done: () => undefined };
  void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'begin', title, cancellable: true });
  return {
    report: (message: string, percentage?: number) => void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'report', message, percentage }),
    done: () => void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'end' }),
  };
}

function abortOn(token: CancellationToken): AbortSignal {
  const ac = new AbortController();
  token.onCancellationRequested(() => ac.abort());
  return ac.signal;
}

/**
 * The SecretStorage variables for one project: its own entry of `environByProject` (folders compared as paths;
 * case-insensitively on Windows), never another project's; else the single `environ`.
 */
export function projectEnviron(params: WorkbenchListEnvsParams, configPath: string): Record<string, string> | undefined {
  if (!params.environByProject) return params.environ;
  const norm = (p: string) => (process.platform === 'win32' ? path.resolve(p).toLowerCase() : path.resolve(p));
  const dir = norm(path.dirname(configPath));
  const key = Object.keys(params.environByProject).find((k) => norm(k) === dir);
  return key !== undefined ? params.environByProject[key] : {};
}

/** Resolved env lists per atlas.hcl version (see workbenchEnvCache.ts). */
export const envListCache = new EnvListCache<Awaited<ReturnType<typeof import('../config/resolve').listEnvs>>>();

export async function listEnvs(
  ctx: Pick<ServerContext, 'settings' | 'workspaceFolders' | 'log' | 'documents'>,
  params: WorkbenchListEnvsParams,
): Promise<ListEnvsResult> {
  const projects = params.projectUri ? [URI.toPath(params.projectUri)] : findProjects(ctx.workspaceFolders());
  const envs: EnvSummary[] = [];
  for (const configPath of projects) {
    const settings = await ctx.settings(URI.fromPath(configPath));
    const environ = commandEnviron(path.dirname(configPath), settings, projectEnviron(params, configPath), ctx.workspaceFolders());
    try {
      // The config engine: full static evaluation (variables, locals, getenv + .env, for_each).
      const { listEnvs: configListEnvs } = await import('../config/resolve'); // tree-sitter: loaded on first use
      const dotenvPath = findEnvFile(path.dirname(configPath), settings.envFile, ctx.workspaceFolders());
      const version = envListVersion({ configPath, dotenvPath, environ });
      const listed = await envListCache.get(configPath, version, () => configListEnvs(configPath, { environ, dotenvPath }));
      envs.push(
        ...listed.map((l): EnvSummary => {
          const reason = l.unresolved.url ?? Object.entries(l.unresolved).find(([k]) => k.startsWith('getenv.') || k.startsWith('var.'))?.[1];
          // An env without `dev` uses the atlasWorkbench.devDatabase setting (runEngine passes it as the default dev URL).
          const dev = l.dev ?? (settings.devDatabase ? maskUrl(settings.devDatabase) : undefined);
          const devVersion = embeddedNoticeFor(dev);
          return {
            projectUri: URI.fromPath(configPath),
            name: l.name,
            range: l.range,
            ...(l.url !== undefined ? { url: l.url } : {}),
            ...(dev !== undefined ? { dev } : {}),
            ...(l.dev === undefined && dev !== undefined ? { devFromSettings: true } : {}),
            ...(devVersion ? { devVersion } : {}),
            ...(l.src.length ? { src: l.src } : {}),
            ...(l.migrationDir !== undefined ? { migrationDir: l.migrationDir } : {}),
            ...(reason ? { unresolved: reason } : {}),
          };
        }),
      );
    } catch (e) {
      // Fall back to the block scanner so the sidebar still lists envs of a file the engine cannot load.
      ctx.log(`workbench: listEnvs(${configPath}) failed, using the block scanner: ${e instanceof Error ? e.message : String(e)}`);
      const open = ctx.documents.get(URI.fromPath(configPath));
      let text: string;
      try {
        text = open ? open.getText() : fs.readFileSync(configPath, 'utf8');
      } catch {
        continue;
      }
      envs.push(...envsFromText(configPath, text, environ));
    }
  }
  return { v: 0, envs, projects: projects.map((p) => URI.fromPath(p)) };
}

async function runCommand(ctx: ServerContext, p: RunCommandParams, token: CancellationToken): Promise<RunCommandResult> {
  const settings = await ctx.settings(URI.fromPath(p.cwd));
  const progress = reporter(ctx.connection, p.workDoneToken, `atlas ${p.argv.slice(0, 2).join(' ')}`);
  try {
    return await runEngine({
      argv: p.argv,
      cwd: p.cwd,
      environ: commandEnviron(p.cwd, settings, p.env, ctx.workspaceFolders()),
      settings,
      progress: progress.report,
      signal: abortOn(token),
    });
  } finally {
    progress.done();
  }
}

/** Absolute migration folder of an env (file:// URL relative to the atlas.hcl folder; default `migrations`). */
export function migrationDirPath(configPath: string, dir: string | undefined): string {
  const raw = (dir ?? 'file://migrations').replace(/^file:\/\//, '').replace(/\?.*$/, '');
  return path.resolve(path.dirname(configPath), raw);
}

export function readFolder(dir: string): FolderFile[] {
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, path: path.join(dir, name), content: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

async function migrationStatus(ctx: ServerContext, p: MigrationStatusParams, token: CancellationToken): Promise<MigrationStatusResult> {
  const configPath = URI.toPath(p.projectUri);
  const cwd = path.dirname(configPath);
  const base = { env: p.env, projectUri: p.projectUri };
  const summary = (await listEnvs(ctx, { projectUri: p.projectUri, environ: p.environ })).envs.find((e) => e.name === p.env);
  const dir = migrationDirPath(configPath, summary?.migrationDir);
  let files: FolderFile[];
  try {
    files = readFolder(dir);
  } catch {
    return { ...base, dir, files: [], pendingCount: 0, error: `migration directory ${path.relative(cwd, dir) || dir} not found`, errorKind: 'noMigrationDir' };
  }
  const listed = files.map((f) => ({ name: f.name, ...nameParts(f.name), path: f.path, state: 'unknown' as const }));
  if (summary?.unresolved) return { ...base, dir, files: listed, pendingCount: 0, error: summary.unresolved, errorKind: 'unresolved' };
  if ((await ctx.settings(p.projectUri)).engine !== 'atlas') {
    // The built-in engine: the engine API directly (typed errors, Atlas's text kept for the Migrate Status document).
    const s = await engineStatus(ctx, p);
    if (s.error !== undefined || !s.json) {
      const error = s.error ?? 'migrate status returned no report';
      return { ...base, dir, files: listed, pendingCount: 0, error, errorKind: classifyError(error), output: s.output };
    }
    return { ...statusResult({ ...base, dir }, mergeStatus(files, s.json, editedFiles(dir, files)), s.json), output: s.output };
  }
  const r = await runCommand(
    ctx,
    { argv: ['migrate', 'status', '--env', p.env, '--format', '{{ json . }}'], cwd, env: p.environ, workDoneToken: p.workDoneToken },
    token,
  );
  const json = r.json as AtlasStatusJson | undefined;
  if (r.exitCode !== 0 || !json) {
    const error = (r.stderr || r.stdout).trim().replace(/^Error:\s*/, '') || `migrate status exited with ${r.exitCode}`;
    return { ...base, dir, files: listed, pendingCount: 0, error, errorKind: classifyError(error) };
  }
  return statusResult({ ...base, dir }, mergeStatus(files, json, editedFiles(dir, files)), json);
}

/** The file atlas.sum says was edited (Atlas reports the first mismatch), if any. */
export function editedFiles(dir: string, files: FolderFile[]): Set<string> {
  try {
    const stored = readSum(dir);
    if (!stored) return new Set();
    const err = compareSums(stored, computeHashFile(files.map((f) => ({ name: f.name, bytes: Buffer.from(f.content, 'utf8') }))));
    return err?.reason === 'edited' ? new Set([err.file]) : new Set();
  } catch {
    return new Set();
  }
}

function nameParts(name: string) {
  const b = name.replace(/\.sql$/, '');
  const i = b.indexOf('_');
  return { version: i < 0 ? b : b.slice(0, i), description: i < 0 ? '' : b.slice(i + 1) };
}

function exportK8s(p: K8sExportParams): K8sExportResult & { warnings: string[] } {
  return k8sExport(p);
}

/** A request's result (or error) as the client may see it; `secrets` are the SecretStorage values it sent. */
async function shownResult<T>(secrets: Record<string, string> | undefined, run: () => Promise<T>): Promise<T> {
  rememberEnviron(secrets, true);
  try {
    return shownDeep(await run());
  } catch (e) {
    throw new Error(shown(e instanceof Error ? e.message : String(e)));
  }
}

export const feature: Feature = {
  capabilities: {},
  register(ctx) {
    const c = ctx.connection;
    // Results go to the sidebar and the log: every string in them through `shown` (the variables the client sends
    // come from SecretStorage, so all their values are secrets).
    c.onRequest(ListEnvsRequest.method, (p: WorkbenchListEnvsParams) => shownResult(p?.environ, () => listEnvs(ctx, p ?? {})));
    c.onRequest(RunCommandRequest.method, (p: RunCommandParams, token: CancellationToken) => shownResult(p.env, () => runCommand(ctx, p, token)));
    c.onRequest(MigrationStatusRequest.method, (p: MigrationStatusParams, token: CancellationToken) =>
      shownResult(p.environ, () => migrationStatus(ctx, p, token)),
    );
    c.onRequest(K8sExportRequest.method, (p: K8sExportParams) => exportK8s(p));
    registerEngineRequests(ctx);
  },
};
