// The `atlas` binary engine (setting `atlasWorkbench.engine: atlas`): runs an installed Atlas CLI with
// `--format '{{ json . }}'` where Atlas has it and maps its JSON (and its exit status) onto the engine API's result
// types, so the editor behaves the same on either engine. Operations Atlas cannot answer as data here throw
// EngineError `unsupported` naming the operation.
import { spawn } from 'node:child_process';
import type { AtlasStatusJson } from '../migrate/status';
import { EngineError, type EngineErrorKind } from './errors';

export const JSON_FORMAT = '{{ json . }}';

export interface AtlasBinary {
  /** the executable (setting atlasWorkbench.atlasPath) */
  path: string;
  /** the atlas.hcl folder */
  cwd: string;
  environ: Record<string, string | undefined>;
  signal?: AbortSignal;
}

export interface AtlasRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `atlas <argv>`; a missing executable is an EngineError naming it. */
export function runAtlas(b: AtlasBinary, argv: string[]): Promise<AtlasRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(b.path || 'atlas', argv, { cwd: b.cwd, env: b.environ as NodeJS.ProcessEnv, signal: b.signal });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => {
      if (e.name === 'AbortError') reject(new EngineError('cancelled', `atlas ${argv.slice(0, 2).join(' ')}: cancelled`));
      else reject(new EngineError('notFound', `cannot run "${b.path}": ${e.message} (setting atlasWorkbench.atlasPath)`));
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The kind of a failure Atlas printed (`Error: …` on stderr), by the texts Atlas and the PostgreSQL driver use. */
export function atlasErrorKind(message: string): EngineErrorKind {
  if (/password authentication failed|no password supplied/i.test(message)) return 'authFailed';
  if (/connection refused|no such host|i\/o timeout|dial tcp/i.test(message)) return 'connectionRefused';
  if (/checksum|atlas\.sum/i.test(message)) return 'checksumMismatch';
  if (/getenv|is not set|undefined variable/i.test(message)) return 'unresolved';
  if (/sql\/migrate: .*lock|acquiring .*lock/i.test(message)) return 'lockTimeout';
  if (/is not clean|connected database is not clean/i.test(message)) return 'dirtyDevDatabase';
  return 'other';
}

/** A failed run as an EngineError: Atlas's `Error: ` line is the message, what it printed before is the preamble. */
export function atlasFailure(r: AtlasRun, op: string): EngineError {
  const text = r.stderr.trim() || r.stdout.trim();
  const message = text.replace(/^Error:\s*/m, '').trim() || `atlas ${op} exited with status ${r.code}`;
  return new EngineError(atlasErrorKind(message), message, r.stdout && r.stderr ? { preamble: r.stdout } : {});
}

function parseJson(r: AtlasRun, op: string): unknown {
  try {
    return JSON.parse(r.stdout.trim());
  } catch {
    throw r.code !== 0 ? atlasFailure(r, op) : new EngineError('other', `atlas ${op} printed no JSON report: ${r.stdout.trim().slice(0, 200)}`);
  }
}

/** `migrate status --format '{{ json . }}'`: Atlas's MigrateStatus report (the shape the built-in engine renders too). */
export function statusFromAtlas(json: unknown): AtlasStatusJson {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new EngineError('other', 'atlas migrate status: the JSON report is not an object');
  const s = json as AtlasStatusJson;
  if (s.Status === undefined && s.Available === undefined) throw new EngineError('other', 'atlas migrate status: the JSON report has no Status');
  return s;
}

export async function atlasStatus(b: AtlasBinary, env: string): Promise<AtlasStatusJson> {
  const r = await runAtlas(b, ['migrate', 'status', '--env', env, '--format', JSON_FORMAT]);
  if (r.code !== 0 && !r.stdout.trim().startsWith('{')) throw atlasFailure(r, 'migrate status');
  return statusFromAtlas(parseJson(r, 'migrate status'));
}

/** Atlas's lint SummaryReport (cmdlog.SummaryReport), the fields the editor reads. */
export interface AtlasLintSummary {
  Steps: Array<{ Name: string; Text?: string; Error?: string }>;
  Files: Array<{ Name: string; Error?: string; Reports?: Array<{ Text: string; Diagnostics?: Array<{ Text: string; Code?: string }> }> }>;
}

/** The lint report as data: the summary, and whether Atlas failed the run (an error or an error-level finding). */
export function lintFromAtlas(json: unknown, code: number): { summary: AtlasLintSummary; failed: boolean } {
  const o = (json ?? {}) as { Steps?: unknown; Files?: unknown };
  if (typeof json !== 'object' || json === null || (o.Steps !== undefined && !Array.isArray(o.Steps)) || (o.Files !== undefined && !Array.isArray(o.Files)))
    throw new EngineError('other', 'atlas migrate lint: the JSON report is not a SummaryReport');
  const summary: AtlasLintSummary = {
    Steps: (o.Steps as AtlasLintSummary['Steps'] | undefined) ?? [],
    Files: ((o.Files as AtlasLintSummary['Files'] | null | undefined) ?? []).map((f) => ({ ...f, Reports: f.Reports ?? undefined })),
  };
  const failed = code !== 0 || summary.Files.some((f) => f.Error) || summary.Steps.some((s) => s.Error);
  return { summary, failed };
}

/** The readable form of a lint summary (one block per file, then failed steps). */
export function lintSummaryText(s: AtlasLintSummary): string {
  const out: string[] = [];
  for (const f of s.Files) {
    out.push(`${f.Name}:`);
    for (const r of f.Reports ?? []) {
      out.push(`  ${r.Text}:`);
      for (const d of r.Diagnostics ?? []) out.push(`    - ${d.Text}${d.Code ? ` (${d.Code})` : ''}`);
    }
    if (f.Error) out.push(`  Error: ${f.Error}`);
  }
  for (const st of s.Steps) if (st.Error) out.push(`${st.Name}: ${st.Error}`);
  return out.join('\n') + '\n';
}

/** `migrate lint --latest 1` on the env's folder (Atlas has no per-file or pending selection). */
export async function atlasLint(b: AtlasBinary, env: string): Promise<{ summary: AtlasLintSummary; failed: boolean }> {
  const r = await runAtlas(b, ['migrate', 'lint', '--env', env, '--latest', '1', '--format', JSON_FORMAT]);
  if (!r.stdout.trim().startsWith('{')) throw atlasFailure(r, 'migrate lint');
  return lintFromAtlas(parseJson(r, 'migrate lint'), r.code);
}

/** `migrate hash` / `migrate validate`: no report, the exit status says it (a failure keeps Atlas's message). */
export async function atlasCheck(b: AtlasBinary, env: string, verb: 'hash' | 'validate', dirUrl?: string): Promise<string> {
  const r = await runAtlas(b, ['migrate', verb, '--env', env, ...(dirUrl ? ['--dir', dirUrl] : [])]);
  if (r.code !== 0) throw atlasFailure(r, `migrate ${verb}`);
  return r.stdout + r.stderr;
}

export function unsupported(op: string): EngineError {
  return new EngineError(
    'unsupported',
    `${op} is not available with the atlas binary engine (atlasWorkbench.engine: atlas); set atlasWorkbench.engine to "builtin" to run it`,
  );
}
