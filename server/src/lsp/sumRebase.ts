// atlas.sum merge conflicts in the editor: the `atlas/sumConflict` notification (once per conflicted content of a
// folder's atlas.sum) and the typed requests `atlas/planRebase` / `atlas/applyRebase` over the engine's rebase.
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { openDirPath } from '../migrate/dir';
import { SUM_FILE } from '../migrate/sum';
import {
  ApplyRebaseRequest,
  PlanRebaseRequest,
  SumConflictNotification,
  type ApplyRebaseParams,
  type ApplyRebaseResult,
  type PlanRebaseParams,
  type PlanRebaseResult,
} from '../protocol';
import type { ServerContext } from './context';
import type { SumDiagnosticData } from './sumDiagnostics';

const hasConflict = (json: string | undefined) =>
  json !== undefined && (JSON.parse(json) as Diagnostic[]).some((d) => (d.data as SumDiagnosticData | undefined)?.reason === 'conflict');

/** Sends `atlas/sumConflict` when the folder's atlas.sum diagnostics turn into (or change as) a merge conflict. */
export function notifyConflict(ctx: ServerContext, dir: string, before: Map<string, string>, after: Map<string, string>): void {
  const sumPath = path.join(dir, SUM_FILE);
  const now = after.get(sumPath);
  if (!hasConflict(now) || before.get(sumPath) === now) return;
  void ctx.connection.sendNotification(SumConflictNotification.method, { dir, sumPath });
}

const failure = (e: unknown) => {
  const kind = (e as { kind?: string }).kind;
  return { kind: (kind ?? 'other') as NonNullable<PlanRebaseResult['error']>['kind'], message: e instanceof Error ? e.message : String(e) };
};

/** `atlas/planRebase`: the renames of `migrate rebase` for the folder (nothing is written). */
export async function planRebaseHandler(p: PlanRebaseParams): Promise<PlanRebaseResult> {
  try {
    const engine = await import('../engine');
    const dir = openDirPath(p.dir);
    return { plan: engine.planRebase(dir, p.versions), files: dir.names().map((n) => n.name) };
  } catch (e) {
    return { error: failure(e) };
  }
}

/** `atlas/applyRebase`: renames the planned files and re-hashes atlas.sum. */
export async function applyRebaseHandler(p: ApplyRebaseParams): Promise<ApplyRebaseResult> {
  try {
    const engine = await import('../engine');
    return engine.applyRebase(openDirPath(p.plan.dir), p.plan);
  } catch (e) {
    return { renamed: [], error: failure(e) };
  }
}

/** Wires the two requests; `recheck(dir)` re-runs the live sum check after the folder changed. */
export function registerRebaseRequests(ctx: ServerContext, recheck: (dir: string) => Promise<void>): void {
  ctx.connection.onRequest(PlanRebaseRequest.method, (p: PlanRebaseParams) => planRebaseHandler(p));
  ctx.connection.onRequest(ApplyRebaseRequest.method, async (p: ApplyRebaseParams) => {
    const r = await applyRebaseHandler(p);
    await recheck(p.plan.dir);
    return r;
  });
}
