// Custom requests behind the client's views: list envs, migration status per env, Kubernetes export; the typed engine
// requests are registered from workbenchEngine.ts and workbenchFolder.ts. Thin wiring over the engine.
import fs from 'node:fs';
import path from 'node:path';
import {
  K8sExportRequest,
  ListEnvsRequest,
  MigrationStatusRequest,
  type EnvSummary,
  type K8sExportParams,
  type K8sExportResult,
  type WorkbenchListEnvsParams,
  type ListEnvsResult,
  type MigrationStatusParams,
  type MigrationStatusResult,
} from '../protocol';
import { embeddedNoticeFor } from '../db/devVersion';
import { maskUrl } from '../db/url';
import { k8sExport } from '../engine/folder';
import { rememberEnviron, shown, shownDeep } from '../secrets';
import { compareSums, computeHashFile, readSum } from '../migrate/sum';
import { migrationDirFormat, migrationDirPath, openDirPath } from '../migrate/dir';
import { foreignLayoutShortHint } from '../migrate/formats/detect';
import { findEnvFile } from '../config/dotenv';
import type { Feature, ServerContext } from './context';
import { URI } from './uri';
import { envsFromText, findProjects } from './workbenchEnvs';
import { commandEnviron } from './workbenchEnviron';
import { atlasBinaryStatus } from './atlasBinary';
import { engineStatus, registerEngineRequests } from './workbenchEngine';
import { registerSchemaApplyRequests } from './workbenchSchemaApply';
import { registerFolderRequests } from './workbenchFolder';
import { EnvListCache, envListVersion } from './workbenchEnvCache';
import { fileIdentity, mergeStatus, statusErrorKind, statusResult, type FolderFile } from './workbenchStatus';

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
          const migrationPath = migrationDirPath(configPath, l.migrationDir);
          const unset = Object.keys(l.unresolved)
            .filter((k) => k.startsWith('getenv.'))
            .map((k) => k.slice('getenv.'.length));
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
            ...(l.migrationFormat !== undefined ? { migrationFormat: l.migrationFormat } : {}),
            ...(migrationPath !== undefined ? { migrationPath } : {}),
            ...(reason ? { unresolved: reason } : {}),
            ...(unset.length ? { unsetVariables: unset } : {}),
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

/** The migration files of a folder as `format` reads them (a golang-migrate folder's up files, a Flyway folder's
 * V/B/R files in version order, …) with their versions and descriptions. */
export function readFolder(dir: string, format = 'atlas'): FolderFile[] {
  return openDirPath(dir, undefined, format)
    .files()
    .map((f) => ({ name: f.name, path: f.path, content: f.text, version: f.version, description: f.desc }));
}

/** A failed status's message led by the hint when the folder looks like another tool's but is read as Atlas format. */
function withForeignHint(message: string, dir: string, format: string, display: string): string {
  if (format !== 'atlas') return message;
  try {
    const found = openDirPath(dir).foreignLayout();
    return found ? `${foreignLayoutShortHint(found, display)}\n${message}` : message;
  } catch {
    return message;
  }
}

async function migrationStatus(ctx: ServerContext, p: MigrationStatusParams): Promise<MigrationStatusResult> {
  const configPath = URI.toPath(p.projectUri);
  const cwd = path.dirname(configPath);
  const base = { env: p.env, projectUri: p.projectUri };
  const summary = (await listEnvs(ctx, { projectUri: p.projectUri, environ: p.environ })).envs.find((e) => e.name === p.env);
  const dir = summary?.migrationPath ?? migrationDirPath(configPath, summary?.migrationDir) ?? path.join(cwd, 'migrations');
  const format = migrationDirFormat(summary?.migrationDir, summary?.migrationFormat);
  let files: FolderFile[];
  try {
    files = readFolder(dir, format);
  } catch {
    const error = `migration directory ${path.relative(cwd, dir) || dir} not found`;
    return { ...base, dir, files: [], pendingCount: 0, error, errorKind: 'noMigrationDir', failure: { kind: 'notFound', message: error } };
  }
  const listed = files.map((f) => ({ name: f.name, ...fileIdentity(f), path: f.path, state: 'unknown' as const }));
  if (summary?.unresolved)
    return {
      ...base,
      dir,
      files: listed,
      pendingCount: 0,
      error: summary.unresolved,
      errorKind: 'unresolved',
      failure: { kind: 'unresolved', message: summary.unresolved },
    };
  // The `atlas` binary engine answers with Atlas's status JSON only; the built-in engine also gives Atlas's text.
  const binary = await atlasBinaryStatus(ctx, p);
  const s = binary ?? (await engineStatus(ctx, p));
  const output = s.output;
  if (s.error !== undefined || !s.json) {
    const error = s.error ?? { kind: 'other' as const, message: 'migrate status returned no report' };
    return {
      ...base,
      dir,
      files: listed,
      pendingCount: 0,
      error: withForeignHint(error.message, dir, format, path.relative(cwd, dir) || '.'),
      errorKind: statusErrorKind(error.kind),
      failure: error,
      ...(output !== undefined ? { output } : {}),
    };
  }
  return { ...statusResult({ ...base, dir }, mergeStatus(files, s.json, editedFiles(dir, files)), s.json), ...(output !== undefined ? { output } : {}) };
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

function exportK8s(p: K8sExportParams): K8sExportResult {
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
    c.onRequest(MigrationStatusRequest.method, (p: MigrationStatusParams) => shownResult(p.environ, () => migrationStatus(ctx, p)));
    c.onRequest(K8sExportRequest.method, (p: K8sExportParams) => exportK8s(p));
    registerEngineRequests(ctx);
    registerSchemaApplyRequests(ctx);
    registerFolderRequests(ctx);
  },
};
