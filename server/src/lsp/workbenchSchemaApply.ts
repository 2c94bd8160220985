// Typed requests of the editor's "Plan Schema Apply": atlas/planSchemaApply plans `schema apply` for an env (its
// `src`, or the files the client names), lints the plan on the database's state and keeps the plan under an id;
// atlas/applySchemaPlan runs exactly that plan (the engine refuses with planChanged when the desired files or the
// database moved). `output` is the plan document (Atlas's review text, then the lint findings); the findings carry
// the line of their statement in it.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver';
import {
  ApplySchemaPlanRequest,
  PlanSchemaApplyRequest,
  type ApplySchemaPlanParams,
  type ApplySchemaPlanResult,
  type PlanSchemaApplyParams,
  type PlanSchemaApplyResult,
} from '../protocol';
import type { SchemaApplyPlan, SchemaApplyPlanInput } from '../engine';
import type { ServerContext } from './context';
import { failure, load, operation, resolve, type Loaded, type Resolved } from './workbenchOperation';

interface KeptPlan {
  projectUri: string;
  env: string;
  to: string[];
  plan: SchemaApplyPlan;
}
/** Plans shown to the user, by id (the latest few; an older id answers planChanged). */
const kept = new Map<string, KeptPlan>();
const KEEP = 20;

/** The env's database and desired state as `schema apply --env` reads them (`to`: files named by the client). */
function inputOf(r: Resolved<undefined>, to: string[] | undefined, x: Loaded): SchemaApplyPlanInput {
  const env = r.env;
  if (env.unresolved.url) throw new x.EngineError('unresolved', `url: ${env.unresolved.url}`);
  if (!env.url) throw new x.EngineError('invalidInput', 'the env has no url: schema apply needs a database');
  const desired = to?.length ? to.map((abs) => `file://${path.relative(r.cwd, abs).split(path.sep).join('/') || '.'}`) : env.src;
  if (!desired.length) throw new x.EngineError('invalidInput', 'the env has no src: name the desired state with `src` (e.g. file://schema.pg.hcl)');
  return {
    url: x.absolutePgliteUrl(env.url, r.cwd),
    to: desired,
    devUrl: r.devUrl,
    env,
    cwd: r.cwd,
    environ: r.environ,
    schemas: env.schemas,
    exclude: env.exclude,
  };
}

async function onPlanSchemaApply(ctx: ServerContext, p: PlanSchemaApplyParams, token: CancellationToken): Promise<PlanSchemaApplyResult> {
  return operation(ctx, p, token, 'schema apply', async () => {
    const x = await load();
    let r: Resolved<undefined> | undefined;
    try {
      r = await resolve(ctx, p, x, false);
      const input = inputOf(r, p.to, x);
      const plan = await x.planSchemaApplyConfirmable(input);
      if (!plan.changes.length) return { synced: true, to: input.to, changes: [], findings: [], output: 'Schema is synced, no changes to be made\n' };
      const [{ planReviewText }, { planLintText }] = await Promise.all([import('../schema/planReview'), import('../lint/planLint')]);
      const review = planReviewText(plan.changes);
      const planId = randomUUID();
      kept.set(planId, { projectUri: p.projectUri, env: p.env, to: input.to, plan });
      for (const old of [...kept.keys()].slice(0, Math.max(0, kept.size - KEEP))) kept.delete(old);
      return {
        planId,
        to: input.to,
        changes: plan.changes.map((c, i) => ({ ...c, line: review.statementLines[i] })),
        findings: plan.lint.map(({ text, ...f }) => ({ ...f, message: text, line: review.statementLines[f.statement] })),
        destructive: plan.destructive,
        output: review.text + planLintText(plan.lint),
      };
    } catch (e) {
      return { output: '', error: failure(e, r ? { url: r.env.url ?? '', label: r.label } : undefined, x) };
    }
  });
}

async function onApplySchemaPlan(ctx: ServerContext, p: ApplySchemaPlanParams, token: CancellationToken): Promise<ApplySchemaPlanResult> {
  return operation(ctx, p, token, 'schema apply', async () => {
    const x = await load();
    let r: Resolved<undefined> | undefined;
    try {
      const k = kept.get(p.planId);
      if (!k || k.projectUri !== p.projectUri || k.env !== p.env)
        throw new x.EngineError(
          'planChanged',
          'the plan is no longer known (the language server restarted or planned again); plan again and confirm the new plan',
        );
      r = await resolve(ctx, p, x, false);
      const input = { ...inputOf(r, undefined, x), to: k.to };
      const done = await x.applySchemaPlan(input, k.plan);
      kept.delete(p.planId);
      return { applied: done.applied, output: `Applied ${done.applied} statement${done.applied === 1 ? '' : 's'} of the plan on ${r.label}\n` };
    } catch (e) {
      return { applied: 0, output: '', error: failure(e, r ? { url: r.env.url ?? '', label: r.label } : undefined, x) };
    }
  });
}

export function registerSchemaApplyRequests(ctx: ServerContext): void {
  const c = ctx.connection;
  c.onRequest(PlanSchemaApplyRequest.method, (p: PlanSchemaApplyParams, token: CancellationToken) => onPlanSchemaApply(ctx, p, token));
  c.onRequest(ApplySchemaPlanRequest.method, (p: ApplySchemaPlanParams, token: CancellationToken) => onApplySchemaPlan(ctx, p, token));
}
