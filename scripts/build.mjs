// Bundles the client (extension), the language server and the CLI with esbuild,
// and copies the WASM/data assets they load at run time beside the bundles.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const production = process.argv.includes('--production');
fs.mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // import.meta.url is used by some ESM deps to find their assets; map it to the bundle's own URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(dist, 'client.js'), external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: [path.join(root, 'server/src/lsp/main.ts')], outfile: path.join(dist, 'server.js') }),
  esbuild.build({ ...common, entryPoints: [path.join(root, 'server/src/cli/main.ts')], outfile: path.join(dist, 'cli.js'), banner: { js: '#!/usr/bin/env node\n' + common.banner.js } }),
]);
fs.chmodSync(path.join(dist, 'cli.js'), 0o755);

// Run-time assets.
const copy = (from, to = path.basename(from)) => {
  const src = path.join(root, 'node_modules', from);
  if (!fs.existsSync(src)) throw new Error(`build: missing asset ${from}`);
  fs.copyFileSync(src, path.join(dist, to));
};
copy('web-tree-sitter/web-tree-sitter.wasm');
copy('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm');
for (const f of fs.readdirSync(path.join(root, 'node_modules/libpg-query/wasm')).filter((f) => f.endsWith('.wasm'))) copy(`libpg-query/wasm/${f}`);
const pgliteDist = path.join(root, 'node_modules/@electric-sql/pglite/dist');
for (const f of fs.readdirSync(pgliteDist).filter((f) => /\.(wasm|data|tar\.gz)$/.test(f))) copy(`@electric-sql/pglite/dist/${f}`);
// Extension tarballs (contrib + pgvector) keep their relative layout under dist/.
const extDirs = [['@electric-sql/pglite/dist', 'pglite-ext'], ['@electric-sql/pglite-pgvector/dist', 'pglite-ext']];
for (const [from, to] of extDirs) {
  const dir = path.join(root, 'node_modules', from);
  fs.mkdirSync(path.join(dist, to), { recursive: true });
  for (const f of fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.tar.gz'))) {
    fs.copyFileSync(path.join(dir, f), path.join(dist, to, path.basename(f)));
  }
}
console.log(`build: dist/ ready (${production ? 'production' : 'development'})`);
