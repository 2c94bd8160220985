// `npm run package`: builds the bundles (production), adds the offline mermaid bundle for the ERD webview,
// and writes the .vsix with vsce (dependencies are bundled by esbuild, so --no-dependencies).
// Usage: node scripts/package.mjs [--out <file.vsix>] [--no-build]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const outIdx = args.indexOf('--out');
const out = path.resolve(outIdx >= 0 ? args[outIdx + 1] : path.join(root, `${pkg.name}-${pkg.version}.vsix`));

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`package: ${cmd} ${argv.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

export function addMermaid() {
  const src = path.join(root, 'node_modules/mermaid/dist/mermaid.min.js');
  if (!fs.existsSync(src)) throw new Error('package: mermaid is not installed (npm ci)');
  fs.copyFileSync(src, path.join(root, 'dist/mermaid.min.js'));
}

if (!args.includes('--no-build')) {
  run(process.execPath, [path.join(root, 'scripts/build.mjs'), '--production']);
  // Production bundles carry no source maps; maps left by an earlier development build would not match them.
  for (const f of fs.readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.js.map'))) fs.rmSync(path.join(root, 'dist', f));
}
addMermaid();
fs.mkdirSync(path.dirname(out), { recursive: true });
const t0 = Date.now();
run(process.execPath, [
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
]);
console.log(`package: ${path.relative(process.cwd(), out)} (${(fs.statSync(out).size / 1024 / 1024).toFixed(2)} MB) in ${Date.now() - t0} ms`);
