// The one test entry point: `node scripts/test.mjs <check|unit|integration|e2e|all> [mocha file globs...]`.
// `check` (also the first step of `all`): the layer rules (dependency-cruiser) and the linter; each failing tool
// counts as one failed test.
// Runs mocha programmatically (TypeScript through tsx), starts a throw-away PostgreSQL 15 for the
// integration layer when DATABASE_URL is not set, and ends with a plain `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './pg.mjs';
import { ensureBuilt, ensureInstalled, ensureSystemPackages } from './bootstrap.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [layer = 'all', ...globs] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
ensureSystemPackages({ postgres: layer !== 'unit', chromium: layer === 'e2e' || layer === 'all' });
ensureInstalled();
ensureBuilt();

function runMocha(name, patterns, env = {}) {
  console.log(`\n=== ${name} tests ===`);
  const args = ['--import', 'tsx', path.join(root, 'scripts/mocha-run.mjs'), ...patterns];
  const statsFile = path.join(root, 'out', `mocha-stats-${process.pid}.json`);
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env, MOCHA_STATS_FILE: statsFile },
  });
  if (fs.existsSync(statsFile)) {
    const s = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
    totals.passed += s.passes;
    totals.failed += s.failures;
    totals.skipped += s.pending;
    fs.rmSync(statsFile);
  } else if (r.status !== 0) {
    totals.failed += 1;
  }
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
if (layer === 'integration' || layer === 'all') {
  let pg;
  let url = process.env.DATABASE_URL;
  if (!url) {
    pg = await startPostgres();
    url = pg?.url;
  }
  if (!url) console.log('integration: no PostgreSQL 15 found; tests that need a real server will fail (set DATABASE_URL)');
  try {
    ok = runMocha('integration', globs.length ? globs : ['test/integration/**/*.test.ts'], url ? { DATABASE_URL: url } : {}) && ok;
  } finally {
    pg?.stop();
  }
}
if (layer === 'e2e' || layer === 'all') {
  console.log('\n=== e2e tests (real VS Code workbench) ===');
  const r = spawnSync(process.execPath, [path.join(root, 'test/e2e/run.mjs'), ...globs], { cwd: root, stdio: 'inherit' });
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
