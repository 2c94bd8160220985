// Developers with a network: the same extension-host suites in a downloaded desktop VS Code through
// @vscode/test-electron (CI cannot download VS Code; it runs test/e2e/run.mjs on code-server instead).
// Usage: npm install --no-save @vscode/test-electron && node test/e2e/electron.mjs [suite ...]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let runTests;
try {
  ({ runTests } = await import('@vscode/test-electron'));
} catch {
  console.error('e2e/electron: @vscode/test-electron is not installed (npm install --no-save @vscode/test-electron); CI uses test/e2e/run.mjs');
  process.exit(2);
}
const e2eDir = path.join(root, 'test/e2e');
const wanted = process.argv.slice(2);
const suites = fs.readdirSync(e2eDir).filter((d) => fs.existsSync(path.join(e2eDir, d, 'extension.test.ts')) && (!wanted.length || wanted.includes(d)));
let failed = 0;
for (const suite of suites) {
  const outDir = path.join(root, 'out/e2e-electron', suite);
  fs.mkdirSync(outDir, { recursive: true });
  const entry = path.join(outDir, 'entry.ts');
  fs.writeFileSync(
    entry,
    `import { runMocha } from ${JSON.stringify(path.join(e2eDir, 'support/mochaHost.ts'))};\nexport const run = () => runMocha(() => import(${JSON.stringify(path.join(e2eDir, suite, 'extension.test.ts'))}));\n`,
  );
  await esbuild.build({
    entryPoints: [entry],
    outfile: path.join(outDir, 'tests.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    nodePaths: [path.join(root, 'node_modules')],
    logLevel: 'warning',
  });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `atlas-wb-electron-${suite}-`));
  fs.cpSync(path.join(e2eDir, suite, 'workspace'), folder, { recursive: true });
  if (process.env.DATABASE_URL) fs.writeFileSync(path.join(folder, '.env'), `DATABASE_URL=${process.env.DATABASE_URL}\n`);
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(outDir, 'tests.js'),
      launchArgs: [folder, '--disable-extensions'],
      extensionTestsEnv: { ATLAS_WB_E2E_DATABASE_URL: process.env.DATABASE_URL ?? '' },
    });
  } catch (e) {
    failed++;
    console.error(`e2e/electron ${suite}: ${e instanceof Error ? e.message : e}`);
  }
}
process.exit(failed ? 1 : 0);
