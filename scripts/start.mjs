// `npm start`: builds and packages the extension, makes sure the cached code-server is installed, and starts a
// real VS Code workbench on 127.0.0.1 with the quick-start example open (its `embedded` env uses PGlite for both
// the target and the dev database: no server to install). Prints the address; runs until Ctrl-C.
// Usage: node scripts/start.mjs [folder] [--port N] [--smoke]
// --smoke: start, check that the workbench page answers with the folder, stop (CI proves `npm start` this way).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, prepareProfile, startCodeServer } from './e2e-env.mjs';
import { ensureInstalled, ensureSystemPackages } from './bootstrap.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const portIdx = args.indexOf('--port');
const port = portIdx >= 0 ? Number(args[portIdx + 1]) : undefined;
const folder = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port') ?? path.join(root, 'examples/001-migrations-schema-baseline'));
const smoke = args.includes('--smoke');

ensureSystemPackages({ postgres: false, chromium: true });
ensureInstalled();
ensureCodeServer();
const vsix = path.join(root, 'out', 'atlas-workbench-start.vsix');
execFileSync(process.execPath, [path.join(root, 'scripts/package.mjs'), '--out', vsix], { stdio: 'inherit' });
// A new user's first start: the extension opens its Getting Started walkthrough (the e2e profile turns that off).
const profile = prepareProfile(vsix, { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.welcomePage.walkthroughs.openOnInstall': true });
const server = await startCodeServer(profile, { folder, port });
const url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
if (smoke) {
  const page = await fetch(url);
  const html = await page.text();
  server.stop();
  server.kill();
  if (!page.ok || !/vscode-workbench-web-configuration|workbench/i.test(html)) {
    console.error(`start --smoke: ${url} answered ${page.status} without a workbench page`);
    process.exit(1);
  }
  console.log(`start --smoke: the workbench answered at ${url} with the extension installed in ${profile.extensionPath}`);
  process.exit(0);
}
console.log(`\nAtlas Workbench is running in a real VS Code workbench:\n\n    ${url}\n`);
console.log(`Folder: ${folder}\nOpen the Atlas view in the activity bar; the "embedded" env needs no database server.\nPress Ctrl-C to stop.`);
const stop = () => {
  server.stop();
  server.kill();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => {
  console.log(`code-server exited (${code})`);
  process.exit(code ?? 1);
});
