// `atlas-wb migrate lint --dir URL (--latest N | --git-base BRANCH) [--dev-url URL] [--format '{{ json . }}'] [--env NAME]`
// Static, state-aware analysis of the new files (server/src/lint), then a replay on the dev database (embedded
// PGlite unless a dev URL is given) to report execution errors as Atlas does. `--static` skips the replay.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs, bool, devUrlOf, str, strs } from './args';
import { UserError, type CliCommand, type CliIO } from './io';
import { dirFlags, dirFromFlags, userErrors } from './migrateHash';
import type { LintConfig, ResolvedEnv } from '../config/types';
import type { MigrationDir } from '../migrate/dir';
import { checkDir, checksumErrorText } from '../migrate/validate';
import { maskUrl } from '../db/url';
import { initSqlParser } from '../sql/parser';
import { lintFolder } from '../lint/engine';
import { prepareFile, type PreparedFile } from '../lint/prepare';
import { renderText, summaryJson, type LintRun } from '../lint/report';
import { replayOnDev } from '../lint/devReplay';

export const usage = "atlas-wb migrate lint [--dir file://migrations] (--latest N | --git-base BRANCH) [--dev-url URL] [--format '{{ json . }}'] [--env NAME] [--static]";

/** New files per `--latest` / `--git-base` (Atlas's latestChange / GitChangeDetector). */
export function detectNew(dir: MigrationDir, names: string[], latest: number | undefined, gitBase: string | undefined, gitDir?: string): number {
  if (latest !== undefined) return latest < 0 || latest >= names.length ? 0 : names.length - latest;
  let out: string;
  try {
    out = execFileSync('git', ['-C', gitDir ?? dir.path, '--no-pager', 'diff', '--name-only', '--diff-filter=A', gitBase!, 'HEAD', '--', dir.path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    throw new UserError(`git diff: ${stderr || (e instanceof Error ? e.message : String(e))}`);
  }
  const added = new Set(out.split('\n').filter(Boolean).map((p) => path.basename(p)));
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
    const u = new URL(raw);
    return {
      Scheme: u.protocol.replace(/:$/, ''), Opaque: '', User: u.username ? {} : null, Host: u.host, Path: decodeURIComponent(u.pathname),
      RawPath: '', OmitHost: false, ForceQuery: false, RawQuery: u.search.replace(/^\?/, ''), Fragment: '', RawFragment: '',
      Schema: u.searchParams.get('search_path') ?? '',
    };
  } catch {
    return undefined;
  }
}

export const run: CliCommand = async (args, io) => {
  const p = parseArgs(args, {
    ...dirFlags, latest: { type: 'string' }, 'git-base': { type: 'string' }, 'git-dir': { type: 'string' },
    'dev-url': { type: 'string' }, format: { type: 'string' }, log: { type: 'string' }, static: { type: 'boolean' }, web: { type: 'boolean', short: 'w' },
  });
  if (p.positional.length > 0) throw new UserError(`unknown command ${JSON.stringify(p.positional[0])} for "atlas-wb migrate lint"`);
  // ./project (atlas.hcl parser, tree-sitter) is loaded only when --env is given.
  const env = str(p, 'env') !== undefined ? await (await import('./project')).envFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') }) : undefined;
  const cfg = lintConfig(env);
  const latestFlag = str(p, 'latest');
  let gitBase = str(p, 'git-base');
  let latest = latestFlag !== undefined ? Number(latestFlag) : undefined;
  if (latestFlag !== undefined && (!Number.isInteger(latest) || latestFlag.trim() === '')) throw new UserError(`invalid argument "${latestFlag}" for "--latest" flag: strconv.ParseUint: parsing "${latestFlag}": invalid syntax`);
  if (latest !== undefined && gitBase !== undefined) throw new UserError('--latest and --git-base are mutually exclusive');
  if (latest === undefined && gitBase === undefined) {
    if (cfg.latest !== undefined) latest = cfg.latest;
    else if (cfg.git?.base) gitBase = cfg.git.base;
    else throw new UserError('--latest or --git-base is required');
  }
  const format = str(p, 'format') ?? str(p, 'log') ?? cfg.format ?? env?.format['migrate.lint'];
  const json = format !== undefined ? jsonIndent(format) : undefined;
  const dir = await dirFromFlags(io, p);
  const started = performance.now();

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
  const names = files.map((f) => f.name);
  const newFrom = detectNew(dir, names, latest, gitBase, cfg.git?.dir && env ? path.resolve(path.dirname(env.configPath), cfg.git.dir) : undefined);
  steps.push({ Name: 'Detect New Migration Files', Text: `Found ${files.length - newFrom} new migration files (from ${files.length} total)` });
  const prepared: PreparedFile[] = files.map((f) => prepareFile(f.name, userErrors(() => f.bytes)));
  const durations = new Map<string, number>();
  const t0 = performance.now();
  const result = lintFolder(prepared, newFrom, { analyzers: cfg.analyzers });
  const each = (performance.now() - t0) / Math.max(1, result.files.length);
  for (const r of result.files) durations.set(r.name, each);
  const lintRun: LintRun = { base: prepared.slice(0, newFrom), news: prepared.slice(newFrom), results: result.files, durations, totalMs: 0 };

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
        steps.push({ Name: 'Replay Migration Files', Text: 'Failed loading changes on dev database', Error: replay.failure.message });
        if (json !== undefined) io.out(JSON.stringify({ Env: { Driver: 'postgres', Dir: dir.display }, Steps: steps, Files: [{ Name: replay.failure.file, Error: replay.failure.message }] }, null, json || undefined) + '\n');
        throw new UserError(replay.failure.message);
      }
      steps.push({ Name: 'Replay Migration Files', Text: `Loaded ${lintRun.news.length} changes on dev database` });
    } finally {
      await db.close(); // a real dev database is restored to its state before the replay
    }
  }
  lintRun.totalMs = performance.now() - started;
  for (const r of result.files) steps.push({ Name: `Analyze ${r.name}`, Text: `${r.reports.length} reports were found in analysis` });
  if (json !== undefined) {
    const doc = summaryJson(lintRun, { driver: 'postgres', url: urlJson(devUrl), dir: maskUrl(dir.url), steps });
    io.out(JSON.stringify(doc, null, json || undefined) + '\n');
  } else if (lintRun.news.length) {
    io.out(renderText(lintRun));
  }
  return result.files.some((r) => !r.ignored && (r.error || r.problems.length)) ? 1 : 0;
};

/** Supported --format templates: `{{ json . }}` and `{{ json . "<indent>" }}`; returns the indent ('' = compact). */
function jsonIndent(format: string): string {
  const m = /^\s*\{\{-?\s*json\s+\.\s*(?:"((?:[^"\\]|\\.)*)"\s*)?-?\}\}\s*$/.exec(format);
  if (!m) throw new UserError(`unsupported --format template ${JSON.stringify(format)}: only '{{ json . }}' is available in atlas-wb`);
  return m[1] !== undefined ? JSON.parse(`"${m[1]}"`) as string : '';
}

export type { CliIO };
