// `npm run package`: builds the bundles (production, mermaid included for the ERD webview) in a staging folder,
// and writes the .vsix with vsce (dependencies are bundled by esbuild, so --no-dependencies).
// Usage: node scripts/package.mjs [--out <file.vsix>] [--no-build]  (--no-build: package the repository's dist/ as it is)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const outIdx = args.indexOf('--out');
const out = path.resolve(outIdx >= 0 ? args[outIdx + 1] : path.join(root, `${pkg.name}-${pkg.version}.vsix`));

function run(cmd, argv, cwd = root) {
  const r = spawnSync(cmd, argv, { cwd, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`package: ${cmd} ${argv.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

/**
 * The folder vsce packages: with --no-build the repository itself (its dist/ as it is); otherwise a staging folder
 * under out/ with a production build and the files the .vsix takes, so that packaging (npm start, the e2e layer)
 * never rewrites the dist/ that tests and a running CLI use at the same moment.
 */
function packageRoot() {
  if (args.includes('--no-build')) {
    return { dir: root, cleanup() {} };
  }
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, 'out', 'package-'));
  run(process.execPath, [path.join(root, 'scripts/build.mjs'), '--production', '--outdir', path.join(dir, 'dist')]);
  for (const f of ['package.json', 'README.md', '.vscodeignore', 'syntaxes', 'media']) fs.cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const staged = packageRoot();
fs.mkdirSync(path.dirname(out), { recursive: true });
const t0 = Date.now();
run(
  process.execPath,
  [
    path.join(root, 'node_modules/@vscode/vsce/vsce'),
    'package',
    '--no-dependencies',
    '--skip-license',
    '--allow-missing-repository',
    '--baseContentUrl',
    'https://example.invalid/atlas-workbench/blob/main',
    '--baseImagesUrl',
    'https://example.invalid/atlas-workbench/raw/main',
    '-o',
    out,
  ],
  staged.dir,
);
staged.cleanup();
console.log(`package: ${path.relative(process.cwd(), out)} (${(fs.statSync(out).size / 1024 / 1024).toFixed(2)} MB) in ${Date.now() - t0} ms`);
