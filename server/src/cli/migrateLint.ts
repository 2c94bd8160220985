// `atlas-wb migrate lint --dir URL (--latest N | --git-base BRANCH) [--dev-url URL] [--format '{{ json . }}' | sarif | github] [--env NAME]`
// Static, state-aware analysis of the new files (server/src/lint), then a replay on the dev database (embedded
// PGlite unless a dev URL is given) to report execution errors as Atlas does. `--static` skips the replay.
import path from 'node:path';
import { parseArgs, bool, devUrlOf, str, strs } from './args';
import { UserError, type CliCommand, type CliIO } from './io';
import { dirFlags, dirFromFlags } from './migrateHash';
import { viaEngine } from './engineCall';
import type { LintConfig, ResolvedEnv } from '../config/types';
import { maskUrl } from '../db/url';
import { lint, type LintSelection } from '../engine/lint';
import { pendingSelection, selectionFlags, selectionMode } from './lintSelection';
import { renderText, summaryJson, type LintRun } from '../lint/report';
import { isErrorAnalyzer } from '../lint/engine';
import type { ReplayFailure } from '../lint/devReplay';
import { analyzers } from '../lint/analyzers';
import { namingPolicy } from '../lint/analyzers/naming';
import { ciFindings } from '../lint/ciFindings';
import { sarifLog } from '../lint/sarif';
import { githubAnnotations } from '../lint/githubAnnotations';
import { productVersion, projectUrl } from '../version';

export const usage =
  "atlas-wb migrate lint [--dir file://migrations] (--latest N | --git-base BRANCH | --file NAME | --pending [--amount N] [--to-version V] [--url URL]) [--dev-url URL] [--format '{{ json . }}' | sarif | github] [--env NAME] [--static]\n\n" +
  '--file NAME lints that file on top of the files before it; --pending lints exactly the files `migrate apply` would run\n' +
  "on the target (--url or the env's url; --amount and --to-version as in migrate apply). Both are Atlas Workbench additions.\n" +
  '--format sarif prints a SARIF 2.1.0 log (code scanning), --format github GitHub Actions annotations (::error/::warning);\n' +
  'paths in both are relative to the working directory. Any other --format is a Go template as in Atlas.';

export { detectNew } from '../engine/lint';

function lintConfig(env: ResolvedEnv | undefined): LintConfig {
  return env?.lint ?? { analyzers: {} };
}

/** Go's url.URL JSON shape for Env.URL (password never included). */
function urlJson(raw: string | undefined): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(maskUrl(raw));
    return {
      Scheme: u.protocol.replace(/:$/, ''),
      Opaque: '',
      User: u.username ? {} : null,
      Host: u.host,
      Path: decodeURIComponent(u.pathname),
      RawPath: '',
      OmitHost: false,
      ForceQuery: false,
      RawQuery: u.search.replace(/^\?/, ''),
      Fragment: '',
      RawFragment: '',
      Schema: u.searchParams.get('search_path') ?? '',
    };
  } catch {
    return undefined;
  }
}

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, {
    ...dirFlags,
    latest: { type: 'string' },
    'git-base': { type: 'string' },
    'git-dir': { type: 'string' },
    'dev-url': { type: 'string' },
    format: { type: 'string' },
    log: { type: 'string' },
    static: { type: 'boolean' },
    web: { type: 'boolean', short: 'w' },
    ...selectionFlags,
  });
  if (p.positional.length > 0) throw new UserError(`unknown command ${JSON.stringify(p.positional[0])} for "atlas-wb migrate lint"`);
  // ./project (atlas.hcl parser, tree-sitter) is loaded only when --env is given.
  const env =
    str(p, 'env') !== undefined
      ? await (await import('./project')).envFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') })
      : undefined;
  const cfg = lintConfig(env);
  const namingError = namingPolicy(cfg.analyzers.naming).error;
  if (namingError) throw new UserError(`lint: ${namingError}`);
  const latestFlag = str(p, 'latest');
  let gitBase = str(p, 'git-base');
  let latest = latestFlag !== undefined ? Number(latestFlag) : undefined;
  if (latestFlag !== undefined && (!Number.isInteger(latest) || latestFlag.trim() === ''))
    throw new UserError(`invalid argument "${latestFlag}" for "--latest" flag: strconv.ParseUint: parsing "${latestFlag}": invalid syntax`);
  if (latest !== undefined && gitBase !== undefined) throw new UserError('--latest and --git-base are mutually exclusive');
  const modes = selectionMode(p);
  if (modes.length > 1)
    throw new UserError(`only one of --latest, --git-base, --file and --pending can be given (got ${modes.map((m) => `--${m}`).join(', ')})`);
  const explicit = modes[0] === 'file' || modes[0] === 'pending';
  if (latest === undefined && gitBase === undefined && !explicit) {
    if (cfg.latest !== undefined) latest = cfg.latest;
    else if (cfg.git?.base) gitBase = cfg.git.base;
    else throw new UserError('--latest or --git-base is required');
  }
  const format = str(p, 'format') ?? str(p, 'log') ?? cfg.format ?? env?.format['migrate.lint'];
  const ciKind = format !== undefined ? ciFormat(format) : undefined;
  const json = format !== undefined && !ciKind ? jsonIndent(format) : undefined;
  // --pending reads the target's revisions first: its folder is the env's (or --dir).
  const pending = modes[0] === 'pending' ? await pendingSelection(io, p) : undefined;
  const dir = pending ? undefined : await dirFromFlags(io, p);
  let selection: LintSelection;
  if (pending) selection = pending;
  else if (modes[0] === 'file') selection = { kind: 'files', names: strs(p, 'file') };
  else if (latest !== undefined) selection = { kind: 'latest', latest };
  else selection = { kind: 'gitBase', base: gitBase!, gitDir: cfg.git?.dir && env ? path.resolve(path.dirname(env.configPath), cfg.git.dir) : undefined };
  const devUrl = devUrlOf(p, env, io);
  const o = await viaEngine(io, () =>
    lint({
      dir,
      selection,
      config: cfg,
      devUrl,
      static: bool(p, 'static'),
      signal: io.signal,
      onStatic: () => io.err('Static analysis only (--static): no dev database replay\n'),
      onDev: (d, n) => io.err(`Using ${d}\n${n ? `Warning: ${n}\n` : ''}`),
    }),
  );
  const ci: CiContext | undefined = ciKind && { kind: ciKind, cwd: io.cwd, dirPath: o.dir.path, cfg };
  if (o.replayFailure) {
    if (ci) io.out(renderCi(ci, o.run, o.replayFailure));
    if (json !== undefined)
      io.out(
        JSON.stringify(
          { Env: { Driver: 'postgres', Dir: o.dir.display }, Steps: o.steps, Files: [{ Name: o.replayFailure.file, Error: o.replayFailure.message }] },
          null,
          json || undefined,
        ) + '\n',
      );
    throw new UserError(o.replayFailure.message);
  }
  if (ci) io.out(renderCi(ci, o.run));
  else if (json !== undefined) {
    const doc = summaryJson(o.run, { driver: 'postgres', url: urlJson(devUrl), dir: maskUrl(o.dir.url), steps: o.steps });
    io.out(JSON.stringify(doc, null, json || undefined) + '\n');
  } else if (o.run.news.length) {
    io.out(renderText(o.run));
  }
  return o.failed ? 1 : 0;
};

/** `--format sarif` / `--format github`: named CI formats (a Go template never is a bare word). */
function ciFormat(format: string): 'sarif' | 'github' | undefined {
  const f = format.trim().toLowerCase();
  return f === 'sarif' || f === 'github' ? f : undefined;
}

interface CiContext {
  kind: 'sarif' | 'github';
  cwd: string;
  dirPath: string;
  cfg: LintConfig;
}

function renderCi(c: CiContext, run: LintRun, failure?: ReplayFailure): string {
  const uriOf = (name: string) => path.relative(c.cwd, path.join(c.dirPath, name)).split(path.sep).join('/');
  const findings = ciFindings(run, uriOf, failure);
  if (c.kind === 'github') return githubAnnotations(findings);
  const errorAnalyzers = new Set(analyzers.filter((a) => isErrorAnalyzer(a, { analyzers: c.cfg.analyzers })).map((a) => a.name));
  const log = sarifLog(findings, { toolName: 'atlas-wb', version: productVersion.replace(/^v/, ''), informationUri: projectUrl, errorAnalyzers });
  return JSON.stringify(log, null, 2) + '\n';
}

/** Supported --format templates: `{{ json . }}` and `{{ json . "<indent>" }}`; returns the indent ('' = compact). */
function jsonIndent(format: string): string {
  const m = /^\s*\{\{-?\s*json\s+\.\s*(?:"((?:[^"\\]|\\.)*)"\s*)?-?\}\}\s*$/.exec(format);
  if (!m) throw new UserError(`unsupported --format template ${JSON.stringify(format)}: only '{{ json . }}' is available in atlas-wb`);
  return m[1] !== undefined ? (JSON.parse(`"${m[1]}"`) as string) : '';
}

export type { CliIO };
