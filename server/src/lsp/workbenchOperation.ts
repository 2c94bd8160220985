// What every typed workbench request shares: the engine loaded on first use, the env of a request resolved the way
// the CLI resolves it (process env + the project's env file + the client's secrets), a typed failure, and
// `operation` (client progress token, cancellation, every returned string through `shown`).
import path from 'node:path';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { WorkDoneProgress } from 'vscode-languageserver';
import type { EngineFailure, EnvOperationParams, OperationResult } from '../protocol';
import type { Target } from '../engine';
import type { ExecOrder } from '../migrate/pending';
import type { ResolvedEnv } from '../config/types';
import { findEnvFile } from '../config/dotenv';
import { redactPassword } from '../db/url';
import { rememberEnviron, shown, shownDeep } from '../secrets';
import type { ServerContext } from './context';
import { URI } from './uri';
import { atlasBinaryOperation, type WorkbenchOp } from './atlasBinary';
import { commandEnviron } from './workbenchEnviron';

/** The engine and the renderers, loaded on first use (the server starts without the parsers and the dev database). */
export async function load() {
  const [engine, down, lock, pending, report, status, lint] = await Promise.all([
    import('../engine'),
    import('../migrate/down'),
    import('../migrate/lock'),
    import('../migrate/pending'),
    import('../migrate/report'),
    import('../migrate/status'),
    import('../engine/lint'),
  ]);
  return {
    ...engine,
    lint: lint.lint,
    statusJson: status.statusJson,
    statusText: status.statusText,
    downText: down.downText,
    parseGoDuration: lock.parseGoDuration,
    parseExecOrder: pending.parseExecOrder,
    applyJson: report.applyJson,
    applyText: report.applyText,
  };
}
export type Loaded = Awaited<ReturnType<typeof load>>;

export interface Resolved<T extends Target | undefined = Target> {
  environ: Record<string, string | undefined>;
  env: ResolvedEnv;
  label: string;
  target: T;
  devUrl?: string;
  cwd: string;
  lockTimeoutMs: number;
  revisionsSchema?: string;
  execOrder: ExecOrder;
}

/** The env of a request; with `target` (default) also its database URL and migration folder, as the CLI resolves them. */
export async function resolve(ctx: ServerContext, p: EnvOperationParams, x: Loaded): Promise<Resolved>;
export async function resolve(ctx: ServerContext, p: EnvOperationParams, x: Loaded, target: false): Promise<Resolved<undefined>>;
export async function resolve(
  ctx: ServerContext,
  p: EnvOperationParams,
  { EngineError, resolveEnvs, targetOf, parseGoDuration, parseExecOrder }: Loaded,
  withTarget = true,
): Promise<Resolved<Target | undefined>> {
  const configPath = URI.toPath(p.projectUri);
  const cwd = path.dirname(configPath);
  const settings = await ctx.settings(p.projectUri);
  const environ = commandEnviron(cwd, settings, p.environ, ctx.workspaceFolders());
  const envs = await resolveEnvs({ configPath, env: p.env, environ, dotenvPath: findEnvFile(cwd, settings.envFile, ctx.workspaceFolders()) });
  if (envs.length === 0) throw new EngineError('notFound', `env "${p.env}" not defined in project file`);
  const env = envs[0];
  const target = withTarget ? await targetOf({ env, envName: p.env, cwd }) : undefined;
  let lockTimeoutMs: number;
  let execOrder: ExecOrder;
  try {
    lockTimeoutMs = parseGoDuration(env.migration.lockTimeout ?? '10s');
    execOrder = parseExecOrder(env.migration.execOrder);
  } catch (e) {
    throw new EngineError('invalidInput', (e as Error).message);
  }
  return {
    environ,
    env,
    label: `env "${env.name ?? p.env}"`,
    target,
    devUrl: env.devUrl ?? (settings.devDatabase || undefined),
    cwd,
    lockTimeoutMs,
    revisionsSchema: env.migration.revisionsSchema,
    execOrder,
  };
}

export function failure(e: unknown, t: Pick<Target, 'url' | 'label'> | undefined, { toEngineError }: Loaded): EngineFailure {
  const err = toEngineError(e);
  const msg = t ? redactPassword(err.message, t.url) : err.message;
  return { kind: err.kind, message: t?.label && !msg.includes(t.label) ? `${t.label}: ${msg}` : msg };
}

/** Runs `op` (or its `atlas` binary counterpart) with $/progress on the client's token and cancellation from the request; every string through `shown`. */
export async function operation<R extends OperationResult>(
  ctx: ServerContext,
  p: EnvOperationParams,
  token: CancellationToken,
  name: WorkbenchOp,
  op: (signal: AbortSignal, report: (m: string) => void) => Promise<R>,
): Promise<R> {
  rememberEnviron(p.environ, true);
  const title = `atlas ${name} (${p.env})`;
  const c: Connection = ctx.connection;
  const ac = new AbortController();
  token.onCancellationRequested(() => ac.abort());
  if (p.workDoneToken !== undefined) void c.sendProgress(WorkDoneProgress.type, p.workDoneToken, { kind: 'begin', title, cancellable: true });
  const report = (message: string) => {
    if (p.workDoneToken !== undefined) void c.sendProgress(WorkDoneProgress.type, p.workDoneToken, { kind: 'report', message: shown(message) });
  };
  try {
    // The `atlas` binary engine answers what it can as data, and the rest as the typed failure `unsupported`.
    const binary = await atlasBinaryOperation(ctx, name, p, ac.signal);
    return shownDeep(binary ? (binary as R) : await op(ac.signal, report));
  } finally {
    if (p.workDoneToken !== undefined) void c.sendProgress(WorkDoneProgress.type, p.workDoneToken, { kind: 'end' });
  }
}
