// The one test entry point: `node scripts/test.mjs <check|unit|integration|e2e|all> [mocha file globs...]`.
// `check` (also the first step of `all`): the layer rules (dependency-cruiser) and the linter; each failing tool
// counts as one failed test.
// Runs mocha programmatically (TypeScript through tsx), starts a throw-away PostgreSQL 15 for the
// integration layer when DATABASE_URL is not set, and ends with a plain `N passed, N failed` line.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './pg.mjs';
import { ensureBuilt, ensureInstalled, ensureSystemPackages } from './bootstrap.mjs';
import { codeServerReady } from './e2e-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [layer = 'all', ...globs] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
ensureSystemPackages({ postgres: layer !== 'unit', chromium: layer === 'e2e' || layer === 'all' });
ensureInstalled();
ensureBuilt();

/**
 * On a machine without the workbench cache, code-server is installed (~3.5 min, mostly download and native
 * builds) in the background while the check, unit and integration layers run; the e2e layer waits for it.
 */
function prepareWorkbenchInBackground() {
  if (codeServerReady()) return undefined;
  const log = path.join(root, 'out', 'code-server-install.log');
  fs.mkdirSync(path.dirname(log), { recursive: true });
  console.log(`e2e: installing code-server in the background while the other layers run (log: ${path.relative(root, log)})`);
  const fd = fs.openSync(log, 'w');
  const child = spawn(process.execPath, ['-e', "import('./scripts/e2e-env.mjs').then((m) => m.ensureCodeServer())"], {
    cwd: root,
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  return {
    log,
    done: new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1))),
  };
}
const workbench = layer === 'e2e' || layer === 'all' ? prepareWorkbenchInBackground() : undefined;

/** Counts one mocha run's stats file into the totals (a run that died before writing it counts as one failure). */
function countStats(statsFile, status) {
  if (fs.existsSync(statsFile)) {
    const s = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
    totals.passed += s.passes;
    totals.failed += s.failures;
    totals.skipped += s.pending;
    fs.rmSync(statsFile);
  } else if (status !== 0) {
    totals.failed += 1;
  }
}

/** The corpus-wide integration files: they run as a second mocha process beside the rest (the machine has 2 cores,
 * and a real PostgreSQL round trip leaves most of one idle); their report is printed when both are done. */
const corpusShard = [
  'test/integration/schema/corpusFixedPoint.test.ts',
  'test/integration/schema/corpusHclRoundTrip.test.ts',
  'test/integration/schema/corpusRoundTrip.test.ts',
  'test/integration/schema/migraCorpus.test.ts',
  'test/integration/txtar/*.test.ts',
];

/** Both integration shards at once against one PostgreSQL server; each creates its own databases (named by pid). */
async function runIntegrationShards(env) {
  console.log('\n=== integration tests (two shards: the corpus-wide files, printed at the end, and the rest) ===');
  const base = path.join(root, 'out', `mocha-stats-${process.pid}`);
  const logFile = `${base}-corpus.log`;
  fs.mkdirSync(path.dirname(base), { recursive: true });
  const run = (patterns, stats, stdout) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/mocha-run.mjs'), ...patterns], {
        cwd: root,
        stdio: ['ignore', stdout, stdout === 'inherit' ? 'inherit' : stdout],
        env: { ...process.env, ...env, MOCHA_STATS_FILE: stats },
      });
      child.on('exit', (code) => resolve(code ?? 1));
    });
  const log = fs.openSync(logFile, 'w');
  const [corpus, rest] = await Promise.all([
    run(corpusShard, `${base}-corpus.json`, log),
    run(['test/integration/**/*.test.ts', ...corpusShard.map((p) => `!${p}`)], `${base}-rest.json`, 'inherit'),
  ]);
  fs.closeSync(log);
  console.log('\n=== integration tests: corpus shard ===');
  process.stdout.write(fs.readFileSync(logFile, 'utf8'));
  fs.rmSync(logFile);
  countStats(`${base}-corpus.json`, corpus);
  countStats(`${base}-rest.json`, rest);
  return corpus === 0 && rest === 0;
}

function runMocha(name, patterns, env = {}) {
  console.log(`\n=== ${name} tests ===`);
  const args = ['--import', 'tsx', path.join(root, 'scripts/mocha-run.mjs'), ...patterns];
  const statsFile = path.join(root, 'out', `mocha-stats-${process.pid}.json`);
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env, MOCHA_STATS_FILE: statsFile },
  });
  countStats(statsFile, r.status);
  return r.status === 0;
}

/** Runs one static check (a node script from node_modules); a non-zero exit counts as one failed test. */
function runCheck(name, script, args) {
  console.log(`\n=== check: ${name} ===`);
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', script), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status === 0) totals.passed += 1;
  else totals.failed += 1;
  return r.status === 0;
}

let ok = true;
if (layer === 'check' || (layer === 'all' && globs.length === 0)) {
  ok =
    runCheck('layers and cycles (npm run depcheck)', 'dependency-cruiser/bin/dependency-cruise.mjs', [
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'err',
      'server/src',
      'client/src',
    ]) && ok;
  ok = runCheck('lint (npm run lint)', 'eslint/bin/eslint.js', ['--quiet', '--cache', '--cache-location', 'out/.eslintcache', '.']) && ok;
  ok =
    runCheck('format (npm run format:check)', 'prettier/bin/prettier.cjs', [
      '--check',
      'server',
      'client',
      'test',
      'scripts',
      'bench',
      'eslint.config.mjs',
      '.dependency-cruiser.cjs',
    ]) && ok;
}
if (layer === 'unit' || layer === 'all') ok = runMocha('unit', globs.length ? globs : ['test/unit/**/*.test.ts']) && ok;
/** The e2e runner as a child process (after the integration layer: beside it, the two slowed each other down on 2 cores). */
function startE2e() {
  const child = spawn(process.execPath, [path.join(root, 'test/e2e/run.mjs'), ...globs], { cwd: root, stdio: 'inherit' });
  return { done: new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1))) };
}

if (layer === 'integration' || layer === 'all') {
  let pg;
  let url = process.env.DATABASE_URL;
  if (!url) {
    pg = await startPostgres();
    url = pg?.url;
  }
  if (!url) console.log('integration: no PostgreSQL 15 found; tests that need a real server will fail (set DATABASE_URL)');
  try {
    const env = url ? { DATABASE_URL: url } : {};
    ok = (globs.length ? runMocha('integration', globs, env) : await runIntegrationShards(env)) && ok;
  } finally {
    pg?.stop();
  }
}
if (layer === 'e2e' || layer === 'all') {
  console.log('\n=== e2e tests (real VS Code workbench) ===');
  if (workbench) {
    const code = await workbench.done;
    console.log(`e2e: the background install of code-server ended (exit ${code}):`);
    process.stdout.write(fs.readFileSync(workbench.log, 'utf8'));
  }
  const status = await startE2e().done;
  const r = { status };
  const statsFile = path.join(root, 'out', 'e2e-stats.json');
  if (fs.existsSync(statsFile)) {
    const s = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
    totals.passed += s.passed;
    totals.failed += s.failed;
  } else if (r.status !== 0) totals.failed += 1;
  ok = r.status === 0 && ok;
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
