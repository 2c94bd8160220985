// Typed engine requests of the workbench (atlas/planApply, applyPlan, planDown, applyDown): resolve the env's
// target the way the CLI does, call the engine API, and return its data plus Atlas's text (rendered by the
// same functions the CLI uses) for the log and the plan documents. Thin: no decision is made here.
import path from 'node:path';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { WorkDoneProgress } from 'vscode-languageserver';
import {
  ApplyDownRequest, ApplyPlanRequest, PlanApplyRequest, PlanDownRequest,
  type ApplyDownParams, type ApplyDownResult, type ApplyPlanParams, type ApplyPlanResult, type EngineFailure,
  type EnvOperationParams, type PlanApplyParams, type PlanApplyResult, type PlanDownParams, type PlanDownResult,
} from '../protocol';
import { applyDown, applyPlan, EngineError, planApply, planDown, resolveEnvs, targetOf, toEngineError, type Target } from '../engine';
import type { DownResult } from '../migrate/down';
import { downText } from '../migrate/down';
import { parseGoDuration } from '../migrate/lock';
import { parseExecOrder, type ExecOrder } from '../migrate/pending';
import { applyJson, applyText, type ApplyReport } from '../migrate/report';
import { redactPassword } from '../db/url';
import { rememberEnviron, shown, shownDeep } from '../secrets';
import type { ServerContext } from './context';
import { URI } from './uri';
import { commandEnviron, findEnvFile } from './workbenchRun';

interface Resolved { target: Target; devUrl?: string; cwd: string; lockTimeoutMs: number; revisionsSchema?: string; execOrder: ExecOrder }

async function resolve(ctx: ServerContext, p: EnvOperationParams): Promise<Resolved> {
  const configPath = URI.toPath(p.projectUri);
  const cwd = path.dirname(configPath);
  const settings = await ctx.settings(p.projectUri);
  const environ = commandEnviron(cwd, settings, p.environ, ctx.workspaceFolders());
  const envs = await resolveEnvs({ configPath, env: p.env, environ, dotenvPath: findEnvFile(cwd, settings.envFile, ctx.workspaceFolders()) });
  if (envs.length === 0) throw new EngineError('notFound', `env "${p.env}" not defined in project file`);
  const env = envs[0];
  const target = await targetOf({ env, envName: p.env, cwd });
  let lockTimeoutMs: number;
  let execOrder: ExecOrder;
  try {
    lockTimeoutMs = parseGoDuration(env.migration.lockTimeout ?? '10s');
    execOrder = parseExecOrder(env.migration.execOrder);
  } catch (e) { throw new EngineError('invalidInput', (e as Error).message); }
  return { target, devUrl: env.devUrl ?? (settings.devDatabase || undefined), cwd, lockTimeoutMs, revisionsSchema: env.migration.revisionsSchema, execOrder };
}

function failure(e: unknown, t?: Target): EngineFailure {
  const err = toEngineError(e);
  const msg = t ? redactPassword(err.message, t.url) : err.message;
  return { kind: err.kind, message: t?.label && !msg.includes(t.label) ? `${t.label}: ${msg}` : msg };
}

/** Runs `op` with $/progress on the client's token and cancellation from the request; every string through `shown`. */
async function operation<R>(ctx: ServerContext, p: EnvOperationParams, token: CancellationToken, title: string, op: (signal: AbortSignal, report: (m: string) => void) => Promise<R>): Promise<R> {
  rememberEnviron(p.environ, true);
  const c: Connection = ctx.connection;
  const ac = new AbortController();
  token.onCancellationRequested(() => ac.abort());
  if (p.workDoneToken !== undefined) void c.sendProgress(WorkDoneProgress.type, p.workDoneToken, { kind: 'begin', title, cancellable: true });
  const report = (message: string) => { if (p.workDoneToken !== undefined) void c.sendProgress(WorkDoneProgress.type, p.workDoneToken, { kind: 'report', message: shown(message) }); };
  try {
    return shownDeep(await op(ac.signal, report));
  } finally {
    if (p.workDoneToken !== undefined) void c.sendProgress(WorkDoneProgress.type, p.workDoneToken, { kind: 'end' });
  }
}

async function onPlanApply(ctx: ServerContext, p: PlanApplyParams, token: CancellationToken): Promise<PlanApplyResult> {
  return operation(ctx, p, token, `atlas migrate apply --dry-run (${p.env})`, async (signal) => {
    let r: Resolved | undefined;
    try {
      r = await resolve(ctx, p);
      const m = r.target.env?.migration;
      const { plan, report } = await planApply(r.target, { amount: p.amount, baseline: m?.baseline, revisionsSchema: r.revisionsSchema, lockTimeoutMs: r.lockTimeoutMs, execOrder: r.execOrder }, signal);
      return { plan, output: applyText(report) };
    } catch (e) {
      return { output: (e instanceof EngineError && e.detail.preamble) || '', error: failure(e, r?.target) };
    }
  });
}

async function onApplyPlan(ctx: ServerContext, p: ApplyPlanParams, token: CancellationToken): Promise<ApplyPlanResult> {
  return operation(ctx, p, token, `atlas migrate apply (${p.env})`, async (signal, report) => {
    let r: Resolved | undefined;
    try {
      r = await resolve(ctx, p);
      const done = await applyPlan(r.target, p.plan, { signal, onFile: (f) => report(`${f.error ? 'failed' : 'applied'} version ${f.file.version}`) });
      return { output: applyText(done), applied: done.applied.length, summary: summaryOf(done) };
    } catch (e) {
      const partial = e instanceof EngineError ? (e as EngineError<ApplyReport>).detail.partial : undefined;
      const applied = partial ? partial.applied.filter((f) => !f.error).length : 0;
      const stoppedAt = partial ? partial.applied.find((f) => f.error)?.file.version ?? partial.pending[partial.applied.length]?.version : undefined;
      return { output: partial ? applyText(partial) : '', applied, ...(stoppedAt ? { stoppedAt } : {}), error: failure(e, r?.target) };
    }
  });
}

/** Atlas's JSON `Message` of an apply (the one-line summary). */
function summaryOf(report: ApplyReport): string | undefined {
  const m = (JSON.parse(applyJson(report)) as { Message?: string }).Message;
  return m;
}

async function onPlanDown(ctx: ServerContext, p: PlanDownParams, token: CancellationToken): Promise<PlanDownResult> {
  return operation(ctx, p, token, `atlas migrate down --dry-run (${p.env})`, async () => {
    let r: Resolved | undefined;
    const notes: string[] = [];
    try {
      r = await resolve(ctx, p);
      const { plan, result } = await planDown(r.target, { amount: p.amount, devUrl: r.devUrl, revisionsSchema: r.revisionsSchema, lockTimeoutMs: r.lockTimeoutMs }, { cwd: r.cwd, onVersion: (m) => notes.push(`Warning: ${m}\n`) });
      if (notes.length) ctx.log(notes.join(''));
      return { plan, output: downText(result) };
    } catch (e) {
      const partial = e instanceof EngineError ? (e as EngineError<DownResult>).detail.partial : undefined;
      return { output: partial ? downText(partial) : '', error: failure(e, r?.target) };
    }
  });
}

async function onApplyDown(ctx: ServerContext, p: ApplyDownParams, token: CancellationToken): Promise<ApplyDownResult> {
  return operation(ctx, p, token, `atlas migrate down (${p.env})`, async () => {
    let r: Resolved | undefined;
    try {
      r = await resolve(ctx, p);
      const result = await applyDown(r.target, p.plan, r.devUrl, { cwd: r.cwd });
      return { output: downText(result) };
    } catch (e) {
      const partial = e instanceof EngineError ? (e as EngineError<DownResult>).detail.partial : undefined;
      return { output: partial ? downText(partial) : '', error: failure(e, r?.target) };
    }
  });
}

export function registerEngineRequests(ctx: ServerContext): void {
  const c = ctx.connection;
  // By method name: the server package carries its own copy of the protocol module (RequestType is not shared).
  c.onRequest(PlanApplyRequest.method, (p: PlanApplyParams, token: CancellationToken) => onPlanApply(ctx, p, token));
  c.onRequest(ApplyPlanRequest.method, (p: ApplyPlanParams, token: CancellationToken) => onApplyPlan(ctx, p, token));
  c.onRequest(PlanDownRequest.method, (p: PlanDownParams, token: CancellationToken) => onPlanDown(ctx, p, token));
  c.onRequest(ApplyDownRequest.method, (p: ApplyDownParams, token: CancellationToken) => onApplyDown(ctx, p, token));
}
