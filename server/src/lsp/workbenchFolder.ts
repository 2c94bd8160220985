// Typed workbench requests for the folder and lint operations (atlas/hash, validate, newMigration, set, generate,
// lint): resolve the env as the CLI does, call the engine API, return its data plus Atlas's text as `output`.
// Thin: no decision is made here. With the `atlas` binary engine the supported ones go to lsp/atlasBinary.ts.
import fs from 'node:fs';
import path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver';
import {
  GenerateRequest,
  HashRequest,
  LintRequest,
  NewMigrationRequest,
  SetRequest,
  ValidateRequest,
  type EnvOperationParams,
  type GenerateParams,
  type GenerateResult,
  type HashParams,
  type HashResult,
  type LintParams,
  type LintResult,
  type LintSummary,
  type NewMigrationParams,
  type NewMigrationResult,
  type OperationResult,
  type SetParams,
  type ValidateResult,
} from '../protocol';
import { maskUrl } from '../db/url';
import type { ResolvedEnv } from '../config/types';
import { lintSummaryText } from '../engine/atlasBinary';
import type { LintSelection } from '../engine/lint';
import { DirError, openDir, openDirPath, type MigrationDir } from '../migrate/dir';
import { withDirFormat } from '../migrate/formats';
import type { ServerContext } from './context';
import type { WorkbenchOp } from './atlasBinary';
import { failure, load, operation, resolve, type Loaded, type Resolved } from './workbenchOperation';

/** The env's migration folder (default `file://migrations`, relative to atlas.hcl), created when asked. */
function envFolder(env: ResolvedEnv, cwd: string, x: Loaded, create = false): MigrationDir {
  try {
    return openDir(withDirFormat(env.migration.dir ?? 'file://migrations', env.migration.format), cwd, { create });
  } catch (e) {
    if (e instanceof DirError) throw new x.EngineError('invalidInput', `env "${env.name}": ${e.message}`);
    throw e;
  }
}

/** Runs one folder operation: resolved env (no URL needed), typed failure with Atlas's preamble as `output`. */
function folderOp<P extends EnvOperationParams, R extends OperationResult>(
  name: WorkbenchOp,
  op: (r: Resolved<undefined>, x: Loaded, p: P, signal: AbortSignal, notes: string[]) => Promise<R>,
) {
  return (ctx: ServerContext, p: P, token: CancellationToken): Promise<R> =>
    operation(ctx, p, token, name, async (signal) => {
      const x = await load();
      let r: Resolved<undefined> | undefined;
      const notes: string[] = [];
      try {
        r = await resolve(ctx, p, x, false);
        return await op(r, x, p, signal, notes);
      } catch (e) {
        const preamble = (e instanceof x.EngineError && e.detail.preamble) || '';
        return { output: notes.join('') + preamble, error: failure(e, r ? { url: r.env.url ?? '', label: r.label } : undefined, x) } as R;
      }
    });
}

const usingDev = (notes: string[]) => (d: string, n?: string) => notes.push(`Using ${d}\n${n ? `Warning: ${n}\n` : ''}`);

export const onHash = folderOp<HashParams, HashResult>('migrate hash', async (r, x, p) => {
  const dir = p.dir ? openDirPath(p.dir) : envFolder(r.env, r.cwd, x);
  const { entries, nonText } = x.hash(dir);
  return { files: entries.length, output: nonText.map((f) => x.nonTextWarning(f.name, f.problem)).join('') };
});

export const onValidate = folderOp<EnvOperationParams, ValidateResult>('migrate validate', async (r, x, _p, signal, notes) => {
  const dir = envFolder(r.env, r.cwd, x);
  const v = await x.validate(dir, r.devUrl, { err: (t) => notes.push(t), signal });
  return { replayed: v.replayed, output: notes.join('') };
});

export const onNewMigration = folderOp<NewMigrationParams, NewMigrationResult>('migrate new', async (r, x, p) => {
  const created = x.newMigration(envFolder(r.env, r.cwd, x, true), p.name || undefined);
  return { file: created.path, output: '' };
});

export const onSet = folderOp<SetParams, OperationResult>('migrate set', async (r, x, p) => {
  const { setText } = await import('../migrate/set');
  const t = await x.targetOf({ env: r.env, envName: p.env, cwd: r.cwd });
  const res = await x.set(t, { version: p.version, revisionsSchema: r.revisionsSchema });
  return { output: setText(res) };
});

export const onGenerate = folderOp<GenerateParams, GenerateResult>('migrate diff', async (r, x, p, _signal, notes) => {
  const dir = envFolder(r.env, r.cwd, x, true);
  const to = p.to?.length ? p.to.map((abs) => `file://${path.relative(r.cwd, abs).split(path.sep).join('/') || '.'}`) : r.env.src;
  if (!to.length) throw new x.EngineError('invalidInput', `env "${r.env.name}": no desired state: the env has no src and no schema file was given`);
  const sumFile = path.join(dir.path, 'atlas.sum');
  const sumBefore = fs.existsSync(sumFile) ? fs.readFileSync(sumFile, 'utf8') : '';
  const format = x.parseFormat(r.env.format['migrate.diff']);
  const g = await x.generate({
    dir,
    to,
    name: p.name,
    devUrl: r.devUrl,
    cwd: r.cwd,
    env: r.env,
    format: { indent: format.indent },
    environ: r.environ,
    onDev: usingDev(notes),
    renames: p.renames ? p.renames.map(({ kind, schema, table, from, to }) => ({ kind, schema, table, from, to })) : 'stop',
  });
  if (!p.renames && g.renameCandidates.length) {
    return { output: notes.join(''), renameCandidates: x.describeRenames(g.renameCandidates) };
  }
  if (g.synced) return { synced: true, output: `${notes.join('')}${x.SYNCED_DIR}\n` };
  return {
    synced: false,
    file: g.file,
    destructive: g.destructiveStatements,
    sumBefore,
    output: `${notes.join('')}-- ${path.basename(g.file!)}\n${g.content}`,
  };
});

export const onLint = folderOp<LintParams, LintResult>('migrate lint', async (r, x, p, signal, notes) => {
  const { renderText, summaryJson } = await import('../lint/report');
  const envDir = envFolder(r.env, r.cwd, x);
  let dir: MigrationDir | undefined = envDir;
  let selection: LintSelection;
  if (p.pending) {
    const target = await x.targetOf({ env: r.env, envName: p.env, cwd: r.cwd });
    const m = r.env.migration;
    selection = { kind: 'pending', target, amount: p.pending.amount, baseline: m.baseline, execOrder: r.execOrder, revisionsSchema: r.revisionsSchema };
    dir = undefined;
  } else if (p.file?.endsWith('.sql')) {
    const folder = path.dirname(path.resolve(p.file));
    if (folder !== envDir.path) dir = openDirPath(folder);
    selection = { kind: 'files', names: [path.basename(p.file)] };
  } else selection = { kind: 'latest', latest: 1 };
  const o = await x.lint({ dir, selection, config: r.env.lint ?? { analyzers: {} }, devUrl: r.devUrl, signal, onDev: usingDev(notes) });
  if (o.replayFailure) {
    const summary: LintSummary = { Steps: o.steps, Files: [{ Name: o.replayFailure.file, Error: o.replayFailure.message }] };
    return {
      summary,
      findings: lintSummaryText(summary),
      failed: true,
      output: notes.join(''),
      error: { kind: 'execution', message: o.replayFailure.message },
    };
  }
  const summary = summaryJson(o.run, { driver: 'postgres', dir: maskUrl(o.dir.url), steps: o.steps }) as unknown as LintSummary;
  return { summary, findings: lintSummaryText(summary), failed: o.failed, output: notes.join('') + (o.run.news.length ? renderText(o.run) : '') };
});

export function registerFolderRequests(ctx: ServerContext): void {
  const c = ctx.connection;
  // By method name: the server package carries its own copy of the protocol module (RequestType is not shared).
  c.onRequest(HashRequest.method, (p: HashParams, t: CancellationToken) => onHash(ctx, p, t));
  c.onRequest(ValidateRequest.method, (p: EnvOperationParams, t: CancellationToken) => onValidate(ctx, p, t));
  c.onRequest(NewMigrationRequest.method, (p: NewMigrationParams, t: CancellationToken) => onNewMigration(ctx, p, t));
  c.onRequest(SetRequest.method, (p: SetParams, t: CancellationToken) => onSet(ctx, p, t));
  c.onRequest(GenerateRequest.method, (p: GenerateParams, t: CancellationToken) => onGenerate(ctx, p, t));
  c.onRequest(LintRequest.method, (p: LintParams, t: CancellationToken) => onLint(ctx, p, t));
}
