// The workbench requests on the `atlas` binary engine (setting atlasWorkbench.engine: atlas): the operations Atlas
// answers as data (status, lint, hash, validate) go to engine/atlasBinary.ts; the others return the typed failure
// `unsupported` naming the operation instead of silently running on another engine.
import path from 'node:path';
import type { EnvOperationParams, HashParams, OperationResult } from '../protocol';
import type { ServerContext } from './context';
import { URI } from './uri';
import { commandEnviron } from './workbenchEnviron';

/** The operations of the workbench, by the name Atlas gives them. */
export type WorkbenchOp =
  | 'migrate status'
  | 'migrate lint'
  | 'migrate hash'
  | 'migrate validate'
  | 'migrate new'
  | 'migrate set'
  | 'migrate diff'
  | 'migrate apply'
  | 'migrate down'
  | 'schema diff'
  | 'schema inspect'
  | 'schema apply';

async function binaryOf(ctx: ServerContext, p: EnvOperationParams, signal?: AbortSignal) {
  const settings = await ctx.settings(p.projectUri);
  if (settings.engine !== 'atlas') return undefined;
  const cwd = path.dirname(URI.toPath(p.projectUri));
  return { path: settings.atlasPath || 'atlas', cwd, environ: commandEnviron(cwd, settings, p.environ, ctx.workspaceFolders()), signal };
}

/**
 * The result of `op` on the atlas binary engine, or undefined when the project uses the built-in engine. Lint of a
 * single file or of the pending files has no Atlas equivalent: unsupported.
 */
export async function atlasBinaryOperation(
  ctx: ServerContext,
  op: WorkbenchOp,
  p: EnvOperationParams,
  signal?: AbortSignal,
): Promise<OperationResult | undefined> {
  const b = await binaryOf(ctx, p, signal);
  if (!b) return undefined;
  const a = await import('../engine/atlasBinary');
  const { toEngineError } = await import('../engine/errors');
  try {
    switch (op) {
      case 'migrate lint': {
        const lp = p as EnvOperationParams & { file?: string; pending?: unknown };
        if (lp.pending || lp.file) throw a.unsupported(lp.pending ? 'the lint gate (lint of the pending files)' : 'migrate lint of one file');
        const { summary, failed } = await a.atlasLint(b, p.env);
        const findings = a.lintSummaryText(summary);
        return { summary, failed, findings, output: findings } as OperationResult;
      }
      case 'migrate hash': {
        const dir = (p as HashParams).dir;
        const rel = dir ? `file://${path.relative(b.cwd, dir).split(path.sep).join('/') || '.'}` : undefined;
        return { output: await a.atlasCheck(b, p.env, 'hash', rel) };
      }
      case 'migrate validate':
        return { replayed: true, output: await a.atlasCheck(b, p.env, 'validate') } as OperationResult;
      default:
        throw a.unsupported(`atlas ${op}`);
    }
  } catch (e) {
    const err = toEngineError(e);
    return { output: err.detail.preamble ?? '', error: { kind: err.kind, message: err.message } };
  }
}

/** `migrate status` JSON from the binary (undefined on the built-in engine). */
export async function atlasBinaryStatus(ctx: ServerContext, p: EnvOperationParams) {
  const b = await binaryOf(ctx, p);
  if (!b) return undefined;
  const a = await import('../engine/atlasBinary');
  const { toEngineError } = await import('../engine/errors');
  try {
    const json = await a.atlasStatus(b, p.env);
    return { json, output: `${JSON.stringify(json, null, 2)}\n` };
  } catch (e) {
    const err = toEngineError(e);
    return { error: { kind: err.kind, message: err.message } };
  }
}
