// `atlas-wb migrate lint --dir URL (--latest N | --git-base BRANCH) [--dev-url URL] [--format '{{ json . }}' | sarif | github] [--env NAME]`
// Static, state-aware analysis of the new files (server/src/lint), then a replay on the dev database (embedded
// PGlite unless a dev URL is given) to report execution errors as Atlas does. `--static` skips the replay.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs, bool, devUrlOf, str, strs } from './args';
import { UserError, type CliCommand, type CliIO } from './io';
import { dirFlags, dirFromFlags, userErrors } from './migrateHash';
import type { LintConfig, ResolvedEnv } from '../config/types';
import type { MigrationDir, MigrationFile } from '../migrate/dir';
import { checkDir, checksumErrorText } from '../migrate/validate';
import { maskUrl } from '../db/url';
import { initSqlParser } from '../sql/parser';
import { isErrorAnalyzer, lintSets } from '../lint/engine';
import { namedSelection, pendingSelection, selectionFlags, selectionMode, tailSelection, type Selection } from './lintSelection';
import { prepareFile, type PreparedFile } from '../lint/prepare';
import { renderText, summaryJson, type LintRun } from '../lint/report';
import { replayOnDev, type ReplayFailure } from '../lint/devReplay';
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

/** New files per `--latest` / `--git-base` (Atlas's latestChange / GitChangeDetector). */
export function detectNew(dir: MigrationDir, names: string[], latest: number | undefined, gitBase: string | undefined, gitDir?: string): number {
  if (latest !== undefined) return latest < 0 || latest >= names.length ? 0 : names.length - latest;
  let out: string;
  try {
    out = execFileSync('git', ['-C', gitDir ?? dir.path, '--no-pager', 'diff', '--name-only', '--diff-filter=A', gitBase!, 'HEAD', '--', dir.path], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    throw new UserError(`git diff: ${stderr || (e instanceof Error ? e.message : String(e))}`);
  }
  const added = new Set(
    out
      .split('\n')
      .filter(Boolean)
      .map((p) => path.basename(p)),
  );
  const i = names.findIndex((n) => added.has(n));
  return i < 0 ? names.length : i;
}

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
  const started = performance.now();
  // --pending reads the target's revisions first: its folder is the env's (or --dir).
  const pendingSel = modes[0] === 'pending' ? await pendingSelection(io, p) : undefined;
  const dir = pendingSel?.dir ?? (await dirFromFlags(io, p));
  const ci: CiContext | undefined = ciKind && { kind: ciKind, cwd: io.cwd, dirPath: dir.path, cfg };

  // Migration Integrity Check (a missing atlas.sum is fine for lint, as in Atlas).
  const problem = userErrors(() => checkDir(dir));
  if (problem && !/checksum file not found/.test(problem.message)) {
    io.out(checksumErrorText(problem));
    throw new UserError(problem.message);
  }
  const steps: Array<{ Name: string; Text?: string; Error?: string }> = [];
  if (!problem) steps.push({ Name: 'Migration Integrity Check', Text: 'File atlas.sum is valid' });

  await initSqlParser();
  const files = userErrors(() => dir.files());
  let sel: Selection;
  if (pendingSel) sel = pendingSel;
  else if (modes[0] === 'file') sel = namedSelection(dir, files, strs(p, 'file'));
  else {
    const gitDir = cfg.git?.dir && env ? path.resolve(path.dirname(env.configPath), cfg.git.dir) : undefined;
    sel = tailSelection(
      dir,
      files,
      detectNew(
        dir,
        files.map((f) => f.name),
        latest,
        gitBase,
        gitDir,
      ),
    );
  }
  steps.push({ Name: 'Detect New Migration Files', Text: `Found ${sel.news.length} new migration files (from ${files.length} total)` });
  const prepare = (f: MigrationFile): PreparedFile =>
    prepareFile(
      f.name,
      userErrors(() => f.bytes),
      f.dir.format !== 'atlas' ? f : undefined,
    );
  const base = sel.base.map(prepare);
  const news = sel.news.map(prepare);
  const result = lintSets(base, news, { analyzers: cfg.analyzers });
  // Each file's own time: its analysis, plus its replay on the dev database (added below).
  const durations = new Map(result.files.map((r) => [r.name, r.durationMs]));
  const lintRun: LintRun = { base, news, results: result.files, durations, totalMs: 0 };

  // Replay Migration Files on the dev database (separate step; --static skips it).
  const devUrl = devUrlOf(p, env, io);
  if (bool(p, 'static')) io.err('Static analysis only (--static): no dev database replay\n');
  else {
    const { openDevDatabase } = await import('../db/dev');
    const db = await openDevDatabase(devUrl);
    io.err(`Using ${db.description}\n${db.versionNotice ? `Warning: ${db.versionNotice.message}\n` : ''}`);
    try {
      const replay = await replayOnDev(db, lintRun.base, lintRun.news, io.signal);
      if (replay.failure) {
        if (ci) io.out(renderCi(ci, lintRun, replay.failure));
        steps.push({ Name: 'Replay Migration Files', Text: 'Failed loading changes on dev database', Error: replay.failure.message });
        if (json !== undefined)
          io.out(
            JSON.stringify(
              { Env: { Driver: 'postgres', Dir: dir.display }, Steps: steps, Files: [{ Name: replay.failure.file, Error: replay.failure.message }] },
              null,
              json || undefined,
            ) + '\n',
          );
        throw new UserError(replay.failure.message);
      }
      for (const [name, ms] of replay.durations) durations.set(name, (durations.get(name) ?? 0) + ms);
      steps.push({ Name: 'Replay Migration Files', Text: `Loaded ${lintRun.news.length} changes on dev database` });
    } finally {
      await db.close(); // a real dev database is restored to its state before the replay
    }
  }
  lintRun.totalMs = performance.now() - started;
  for (const r of result.files) steps.push({ Name: `Analyze ${r.name}`, Text: `${r.reports.length} reports were found in analysis` });
  if (ci) io.out(renderCi(ci, lintRun));
  else if (json !== undefined) {
    const doc = summaryJson(lintRun, { driver: 'postgres', url: urlJson(devUrl), dir: maskUrl(dir.url), steps });
    io.out(JSON.stringify(doc, null, json || undefined) + '\n');
  } else if (lintRun.news.length) {
    io.out(renderText(lintRun));
  }
  return result.files.some((r) => !r.ignored && (r.error || r.problems.length)) ? 1 : 0;
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
