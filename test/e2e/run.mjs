// The e2e suite in a real VS Code workbench (code-server + headless Chromium via playwright-core).
// For each suite folder test/e2e/<suite>/ (with a workspace/): copy the workspace, give it its own database on a
// throw-away PostgreSQL 15 (DATABASE_URL in the workspace's .env), install the packaged .vsix into a fresh profile,
// run the suite's extension-host tests (payload + extensionTestsPath, mocha inside the extension host), then its
// Playwright UI steps (screenshots under test/e2e/screenshots/). Writes out/e2e-stats.json {passed, failed}.
// Usage: node test/e2e/run.mjs [suite ...]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { startPostgres } from '../../scripts/pg.mjs';
import { chromiumArgs, chromiumPath, ensureCodeServer, prepareProfile, startCodeServer } from '../../scripts/e2e-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const e2eDir = path.join(root, 'test/e2e');
const outDir = path.join(root, 'out/e2e');
const shots = path.join(e2eDir, 'screenshots');
const wanted = process.argv.slice(2).map((s) => s.replace(/^test\/e2e\//, '').replace(/\/.*$/, ''));
/** suite.json: { dotenv?: false, uiFreshFolder?: true, workspace?: "<repo path used instead of <suite>/workspace>", settings?: {…} } */
const suiteOptions = (suite) =>
  fs.existsSync(path.join(e2eDir, suite, 'suite.json')) ? JSON.parse(fs.readFileSync(path.join(e2eDir, suite, 'suite.json'), 'utf8')) : {};
const workspaceOf = (suite) => (suiteOptions(suite).workspace ? path.join(root, suiteOptions(suite).workspace) : path.join(e2eDir, suite, 'workspace'));
const suites = fs
  .readdirSync(e2eDir)
  .filter((d) => fs.existsSync(workspaceOf(d)) && (!wanted.length || wanted.includes(d)))
  .sort();
const totals = { passed: 0, failed: 0, skipped: 0 };
const cleanups = [];

function writeStats() {
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  fs.writeFileSync(path.join(root, 'out/e2e-stats.json'), JSON.stringify(totals));
}

async function bundleTests(suite) {
  const entry = path.join(e2eDir, suite, 'extension.test.ts');
  if (!fs.existsSync(entry)) return undefined;
  const outfile = path.join(outDir, suite, 'tests.js');
  const runner = path.join(outDir, suite, 'entry.ts');
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  fs.writeFileSync(
    runner,
    `import { runMocha } from ${JSON.stringify(path.join(e2eDir, 'support/mochaHost.ts'))};\nexport const run = () => runMocha(() => import(${JSON.stringify(entry)}));\n`,
  );
  await esbuild.build({
    entryPoints: [runner],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    nodePaths: [path.join(root, 'node_modules')],
    logLevel: 'warning',
    sourcemap: 'inline',
  });
  return outfile;
}

async function createDatabase(adminUrl, name) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function runExtensionTests(browser, server, profile, testsJs, folder, statsFile, suite) {
  const page = await browser.newPage();
  let done;
  const exited = new Promise((r) => (done = r));
  await page.exposeFunction('codeAutomationExit', (code) => done(code));
  const noise =
    /open-vsx\.org|authentication provider|AgentHost|vsda|extensionquery|queryGalleryExtensions|checkForUpdates|autoUpdateBuiltinExtensions|getExtensionsUsing/;
  page.on('console', (m) => {
    const t = m.text();
    if (noise.test(t)) return;
    if (/^\s*(✔|✓|\d+\)|passing|failing|pending|[A-Za-z].*(passed|failed))|AssertionError|Error:|at /.test(t) || t.includes('[e2e]'))
      console.log(`  [${suite}] ${t}`);
  });
  const auth = new URL(server.url).host;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${auth}${profile.extensionPath}`],
    ['extensionTestsPath', `vscode-remote://${auth}${testsJs}`],
  ]);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`, { timeout: 120_000 });
  let timer;
  const code = await Promise.race([
    exited,
    new Promise((r) => {
      timer = setTimeout(() => r('TIMEOUT'), 300000);
    }),
  ]);
  clearTimeout(timer);
  await page.screenshot({ path: path.join(shots, `${suite}-00-extension-tests.png`) }).catch(() => undefined);
  await page.close();
  const stats = fs.existsSync(statsFile) ? JSON.parse(fs.readFileSync(statsFile, 'utf8')) : { passed: 0, failed: 1 };
  if (code !== 0 && stats.failed === 0) stats.failed = 1;
  console.log(`  [${suite}] extension-host tests: ${stats.passed} passed, ${stats.failed} failed, ${stats.skipped ?? 0} skipped (exit ${code})`);
  return stats;
}

/** A second, untouched copy of the suite's workspace (for UI steps that need the initial state). */
function freshCopy(suite, tmp) {
  const dir = path.join(tmp, 'workspace-ui');
  fs.cpSync(workspaceOf(suite), dir, { recursive: true });
  return dir;
}

async function runUiSteps(browser, server, suite, folder, ctx) {
  const file = path.join(e2eDir, suite, 'ui.mjs');
  if (!fs.existsSync(file)) return { passed: 0, failed: 0 };
  const { steps } = await import(pathToFileURL(file).href);
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  page.setDefaultTimeout(90000);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`, { timeout: 120_000 });
  await page.waitForSelector('.monaco-workbench');
  console.log(`  [${suite}] workbench loaded for the UI steps`);
  const stats = { passed: 0, failed: 0 };
  let n = 0;
  for (const [name, step] of steps) {
    const shot = path.join(shots, `${suite}-${String(++n).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    const t0 = Date.now();
    try {
      await step({ page, folder, ...ctx });
      await page.screenshot({ path: shot });
      stats.passed++;
      console.log(`  [${suite}] ✔ ui: ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      stats.failed++;
      await page.screenshot({ path: shot.replace(/\.png$/, '-FAILED.png') }).catch(() => undefined);
      console.log(`  [${suite}] ✘ ui: ${name}: ${e instanceof Error ? e.message.split('\n').slice(0, 6).join('\n    ') : e}`);
      break; // later steps depend on earlier ones
    }
  }
  await page.close();
  return stats;
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  ensureCodeServer();
  const vsix = path.join(outDir, 'atlas-workbench.vsix');
  execFileSync(process.execPath, [path.join(root, 'scripts/package.mjs'), '--out', vsix], { stdio: 'inherit' });
  const pg = await startPostgres();
  if (!pg) throw new Error('e2e: PostgreSQL 15 not found');
  cleanups.push(() => pg.stop());
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  cleanups.push(() => browser.close());
  for (const suite of suites) {
    console.log(`\n--- e2e suite: ${suite}`);
    for (const f of fs.readdirSync(shots).filter((f) => f.startsWith(`${suite}-`))) fs.rmSync(path.join(shots, f));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `atlas-wb-e2e-${suite}-`));
    const folder = path.join(tmp, 'workspace');
    fs.cpSync(workspaceOf(suite), folder, { recursive: true, filter: (src) => !src.includes(`${path.sep}.atlas-wb`) });
    const databaseUrl = await createDatabase(pg.url, `e2e_${suite.replace(/\W/g, '_')}_${process.pid}`);
    const options = suiteOptions(suite);
    if (options.dotenv !== false) fs.writeFileSync(path.join(folder, '.env'), `DATABASE_URL=${databaseUrl}\n`);
    const t0 = Date.now();
    const lap = (what) => console.log(`  [${suite}] ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const profile = prepareProfile(vsix, options.settings ?? {});
    lap('profile with the .vsix installed');
    const statsFile = path.join(tmp, 'stats.json');
    const server = await startCodeServer(profile, { testDriver: true, env: { ATLAS_WB_E2E_STATS: statsFile, ATLAS_WB_E2E_DATABASE_URL: databaseUrl } });
    try {
      lap('code-server answering');
      const testsJs = process.env.E2E_UI_ONLY || options.uiOnly ? undefined : await bundleTests(suite);
      const ctx = { databaseUrl, root, tmp };
      const hostStats = testsJs ? await runExtensionTests(browser, server, profile, testsJs, folder, statsFile, suite) : { passed: 0, failed: 0 };
      lap('extension-host tests done');
      const uiStats = await runUiSteps(browser, server, suite, options.uiFreshFolder ? freshCopy(suite, tmp) : folder, ctx);
      lap('UI steps done');
      for (const s of [hostStats, uiStats]) {
        totals.passed += s.passed;
        totals.failed += s.failed;
        totals.skipped += s.skipped ?? 0;
      }
    } catch (e) {
      totals.failed++;
      console.log(`  [${suite}] suite error: ${e instanceof Error ? e.stack : e}`);
    } finally {
      server.stop();
      server.kill();
    }
  }
}

try {
  await main();
} catch (e) {
  totals.failed++;
  console.error(`e2e: ${e instanceof Error ? e.stack : e}`);
} finally {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      /* best effort */
    }
  }
  writeStats();
  console.log(`\ne2e: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
}
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
