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

// The CLI is ESM split into chunks under dist/cli/ so a command loads only its own code (`migrate lint --static`
// never parses PGlite, pg or tree-sitter). dist/cli.js is a tiny CommonJS launcher (the `bin`). Each chunk sees
// the same __dirname/__filename/import.meta.url as the former single-file bundle dist/cli.js, so the assets
// copied into dist/ below are found as before.
const cliDir = path.join(dist, 'cli');
const cliBanner = [
  "import { createRequire as __awCreateRequire } from 'node:module';",
  "import { fileURLToPath as __awFileURLToPath, pathToFileURL as __awPathToFileURL } from 'node:url';",
  "import { dirname as __awDirname, join as __awJoin } from 'node:path';",
  "const __dirname = __awDirname(__awDirname(__awFileURLToPath(import.meta.url)));",
  "const __filename = __awJoin(__dirname, 'cli.js');",
  'const require = __awCreateRequire(__filename);',
  'const importMetaUrl = __awPathToFileURL(__filename).href;',
  // lsp/main.ts keeps its CommonJS `require.main === module` guard (for dist/server.js); here it must be false.
  'const module = undefined;',
].join('\n');
const cliLauncher = `#!/usr/bin/env node
'use strict';
// atlas-wb launcher: the CLI itself is the ESM bundle in ./cli/ (see scripts/build.mjs).
import(require('node:url').pathToFileURL(require('node:path').join(__dirname, 'cli', 'bin.mjs')).href)
  .catch((e) => { process.stderr.write(\`Error: \${e && e.stack || e}\\n\`); process.exit(1); });
`;

const [, , cliBuild] = await Promise.all([
  esbuild.build({ ...common, entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(dist, 'client.js'), external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: [path.join(root, 'server/src/lsp/main.ts')], outfile: path.join(dist, 'server.js') }),
  esbuild.build({
    ...common, format: 'esm', splitting: true, entryPoints: [path.join(root, 'server/src/cli/bin.ts')], outdir: cliDir,
    outExtension: { '.js': '.mjs' }, chunkNames: 'chunk-[hash]', banner: { js: cliBanner }, write: false,
  }),
]);
installCli(cliBuild.outputFiles);

/**
 * Other processes may be running the CLI while we build: chunk names carry a content hash, so new chunks are
 * added beside the old ones, the entry is swapped by rename, and chunks no build produced for 10 minutes go.
 */
function installCli(outputs) {
  fs.mkdirSync(cliDir, { recursive: true });
  const produced = new Set();
  let entry;
  for (const o of outputs) {
    const name = path.relative(cliDir, o.path);
    produced.add(name);
    if (name.endsWith('.mjs')) {
      if (!o.text.startsWith(cliBanner)) throw new Error(`build: dist/cli/${name} does not start with the CLI banner`);
      if (/^(?:var|let|const|function|class) (?:module|require|__dirname|__filename|importMetaUrl)\b/m.test(o.text.slice(cliBanner.length))) {
        throw new Error(`build: dist/cli/${name} declares a name the CLI chunk banner defines`);
      }
    }
    if (name.startsWith('bin.mjs')) { if (name === 'bin.mjs') entry = o; else writeAtomic(o.path, o.contents); continue; }
    if (fs.existsSync(o.path) && fs.statSync(o.path).size === o.contents.length) fs.utimesSync(o.path, new Date(), new Date());
    else writeAtomic(o.path, o.contents);
  }
  writeAtomic(entry.path, entry.contents);
  writeAtomic(path.join(dist, 'cli.js'), cliLauncher, 0o755);
  fs.rmSync(path.join(dist, 'cli.js.map'), { force: true });
  const stale = Date.now() - 10 * 60_000;
  for (const f of fs.readdirSync(cliDir)) {
    const file = path.join(cliDir, f);
    if (!produced.has(f) && fs.statSync(file).mtimeMs < stale) fs.rmSync(file, { force: true });
  }
}

function writeAtomic(file, contents, mode) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents, mode ? { mode } : undefined);
  fs.renameSync(tmp, file);
}

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
