// Typed engine requests of the workbench (atlas/planApply, applyPlan, planDown, applyDown): resolve the env's
// target the way the CLI does, call the engine API, and return its data plus Atlas's text (rendered by the
// same functions the CLI uses) for the log and the plan documents. Thin: no decision is made here.
import type { CancellationToken } from 'vscode-languageserver';
import {
  ApplyDownRequest,
  ApplyPlanRequest,
  DriftRequest,
  InspectRequest,
  PlanApplyRequest,
  ConvertFolderRequest,
  type ConvertFolderParams,
  PlanDownRequest,
  type DriftResult,
  type InspectParams,
  type InspectResult,
  type ApplyDownParams,
  type ApplyDownResult,
  type ApplyPlanParams,
  type ApplyPlanResult,
  type EngineFailure,
  type EnvOperationParams,
  type PlanApplyParams,
  type PlanApplyResult,
  type PlanDownParams,
  type PlanDownResult,
} from '../protocol';
import type { EngineError as EngineErrorT, Target } from '../engine';
import type { DownResult } from '../migrate/down';
import type { ApplyReport } from '../migrate/report';
import type { ServerContext } from './context';
import { convertFolder } from './convertFolder';
import type { AtlasStatusJson } from './workbenchStatus';
import { failure, load, operation, resolve, type Loaded, type Resolved } from './workbenchOperation';

async function onPlanApply(ctx: ServerContext, p: PlanApplyParams, token: CancellationToken): Promise<PlanApplyResult> {
  return operation(ctx, p, token, 'migrate apply', async (signal) => {
    const x = await load();
    const { EngineError } = x;
    let r: Resolved | undefined;
    try {
      r = await resolve(ctx, p, x);
      const m = r.target.env?.migration;
      const { plan, report } = await x.planApply(
        r.target,
        { amount: p.amount, baseline: m?.baseline, revisionsSchema: r.revisionsSchema, lockTimeoutMs: r.lockTimeoutMs, execOrder: r.execOrder },
        signal,
      );
      return { plan, output: x.applyText(report) };
    } catch (e) {
      return { output: (e instanceof EngineError && e.detail.preamble) || '', error: failure(e, r?.target, x) };
    }
  });
}

async function onApplyPlan(ctx: ServerContext, p: ApplyPlanParams, token: CancellationToken): Promise<ApplyPlanResult> {
  return operation(ctx, p, token, 'migrate apply', async (signal, report) => {
    const x = await load();
    const { EngineError } = x;
    let r: Resolved | undefined;
    try {
      r = await resolve(ctx, p, x);
      const done = await x.applyPlan(r.target, p.plan, { signal, onFile: (f) => report(`${f.error ? 'failed' : 'applied'} version ${f.file.version}`) });
      return { output: x.applyText(done), applied: done.applied.length, summary: summaryOf(done, x) };
    } catch (e) {
      const partial = e instanceof EngineError ? (e as EngineErrorT<ApplyReport>).detail.partial : undefined;
      const applied = partial ? partial.applied.filter((f) => !f.error).length : 0;
      const stoppedAt = partial ? (partial.applied.find((f) => f.error)?.file.version ?? partial.pending[partial.applied.length]?.version) : undefined;
      const stop = e instanceof EngineError ? e.detail.stopped : undefined;
      const file = stop && partial?.pending.find((f) => f.version === stop.version)?.name;
      const cancelled = stop && file ? { ...stop, file } : undefined;
      return {
        output: partial ? x.applyText(partial) : '',
        applied,
        ...(stoppedAt ? { stoppedAt } : {}),
        ...(cancelled ? { cancelled } : {}),
        error: failure(e, r?.target, x),
      };
    }
  });
}

/** Atlas's JSON `Message` of an apply (the one-line summary). */
function summaryOf(report: ApplyReport, { applyJson }: Loaded): string | undefined {
  const m = (JSON.parse(applyJson(report)) as { Message?: string }).Message;
  return m;
}

/** A failed down plan or run: the report of what ran (Atlas's text) and the typed failure. */
function downFailure(e: unknown, target: Target | undefined, x: Loaded): { output: string; error: EngineFailure } {
  const partial = e instanceof x.EngineError ? (e as EngineErrorT<DownResult>).detail.partial : undefined;
  return { output: partial ? x.downText(partial) : '', error: failure(e, target, x) };
}

async function onPlanDown(ctx: ServerContext, p: PlanDownParams, token: CancellationToken): Promise<PlanDownResult> {
  return operation(ctx, p, token, 'migrate down', async () => {
    const x = await load();
    let r: Resolved | undefined;
    const notes: string[] = [];
    try {
      r = await resolve(ctx, p, x);
      const { plan, result } = await x.planDown(
        r.target,
        { amount: p.amount, devUrl: r.devUrl, revisionsSchema: r.revisionsSchema, lockTimeoutMs: r.lockTimeoutMs },
        { cwd: r.cwd, onVersion: (m) => notes.push(`Warning: ${m}\n`) },
      );
      if (notes.length) ctx.log(notes.join(''));
      return { plan, output: x.downText(result) };
    } catch (e) {
      return downFailure(e, r?.target, x);
    }
  });
}

async function onApplyDown(ctx: ServerContext, p: ApplyDownParams, token: CancellationToken): Promise<ApplyDownResult> {
  return operation(ctx, p, token, 'migrate down', async (signal) => {
    const x = await load();
    let r: Resolved | undefined;
    try {
      r = await resolve(ctx, p, x);
      const result = await x.applyDown(r.target, p.plan, r.devUrl, { cwd: r.cwd, signal });
      return { output: x.downText(result) };
    } catch (e) {
      return downFailure(e, r?.target, x);
    }
  });
}

async function onDrift(ctx: ServerContext, p: EnvOperationParams, token: CancellationToken): Promise<DriftResult> {
  return operation(ctx, p, token, 'schema diff', async () => {
    const x = await load();
    let r: Resolved<undefined> | undefined;
    try {
      r = await resolve(ctx, p, x, false);
      const env = r.env;
      const to = env.migration.dir ? [env.migration.dir] : env.src;
      const d = await x.schemaDiff({ from: ['env://url'], to, devUrl: r.devUrl, env, fromCwd: r.cwd, toCwd: r.cwd, environ: r.environ });
      const synced = d.changes.length === 0;
      return { to: to.join(', '), synced, statements: d.statements, output: synced ? `${x.SYNCED_SCHEMAS}\n` : d.text };
    } catch (e) {
      return { output: '', error: failure(e, r ? { url: r.env.url ?? '', label: r.label } : undefined, x) };
    }
  });
}

async function onInspect(ctx: ServerContext, p: InspectParams, token: CancellationToken): Promise<InspectResult> {
  return operation(ctx, p, token, 'schema inspect', async () => {
    const x = await load();
    let r: Resolved<undefined> | undefined;
    try {
      r = await resolve(ctx, p, x, false);
      const env = r.env;
      const realm = await x.inspectState({ url: `env://${p.source}`, env, cwd: r.cwd, devUrl: r.devUrl, environ: r.environ, exclude: env.exclude });
      return {
        schemas: realm.schemas.map((s) => s.name),
        output: p.format === 'mermaid' ? x.modelErd(realm) : p.format === 'hcl' ? x.modelHcl(realm) : x.modelSql(realm),
      };
    } catch (e) {
      return { output: '', error: failure(e, r ? { url: r.env.url ?? '', label: r.label } : undefined, x) };
    }
  });
}

/**
 * `migrate status` of an env through the engine API for the Migrations view: Atlas's status JSON shape (what the
 * view merges, shared with the `atlas` binary engine) and its text for the Migrate Status document.
 */
export async function engineStatus(ctx: ServerContext, p: EnvOperationParams): Promise<{ json?: AtlasStatusJson; output: string; error?: EngineFailure }> {
  const x = await load();
  let r: Resolved | undefined;
  try {
    r = await resolve(ctx, p, x);
    const report = await x.status(r.target, { revisionsSchema: r.revisionsSchema });
    return { json: JSON.parse(x.statusJson(report)) as AtlasStatusJson, output: x.statusText(report) };
  } catch (e) {
    return { output: (e instanceof x.EngineError && e.detail.preamble) || '', error: failure(e, r?.target, x) };
  }
}

export function registerEngineRequests(ctx: ServerContext): void {
  const c = ctx.connection;
  // By method name: the server package carries its own copy of the protocol module (RequestType is not shared).
  c.onRequest(PlanApplyRequest.method, (p: PlanApplyParams, token: CancellationToken) => onPlanApply(ctx, p, token));
  c.onRequest(ApplyPlanRequest.method, (p: ApplyPlanParams, token: CancellationToken) => onApplyPlan(ctx, p, token));
  c.onRequest(PlanDownRequest.method, (p: PlanDownParams, token: CancellationToken) => onPlanDown(ctx, p, token));
  c.onRequest(ApplyDownRequest.method, (p: ApplyDownParams, token: CancellationToken) => onApplyDown(ctx, p, token));
  c.onRequest(InspectRequest.method, (p: InspectParams, token: CancellationToken) => onInspect(ctx, p, token));
  c.onRequest(DriftRequest.method, (p: EnvOperationParams, token: CancellationToken) => onDrift(ctx, p, token));
  c.onRequest(ConvertFolderRequest.method, (p: ConvertFolderParams) => convertFolder(p));
}
