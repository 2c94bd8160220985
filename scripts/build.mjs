// Bundles the client (extension), the language server and the CLI with esbuild,
// and copies the WASM/data assets they load at run time beside the bundles.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// --outdir <dir>: where the bundles go (scripts/package.mjs builds into its own staging folder, so packaging never
// rewrites the dist/ that tests and a running CLI use).
const outIdx = process.argv.indexOf('--outdir');
const dist = outIdx >= 0 ? path.resolve(process.argv[outIdx + 1]) : path.join(root, 'dist');
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
/** ESM chunk banner: CommonJS names as the former single-file bundle dist/<name>.js saw them (assets sit in dist/). */
const chunkBanner = (name) =>
  [
    "import { createRequire as __awCreateRequire } from 'node:module';",
    "import { fileURLToPath as __awFileURLToPath, pathToFileURL as __awPathToFileURL } from 'node:url';",
    "import { dirname as __awDirname, join as __awJoin } from 'node:path';",
    'const __dirname = __awDirname(__awDirname(__awFileURLToPath(import.meta.url)));',
    `const __filename = __awJoin(__dirname, '${name}.js');`,
    'const require = __awCreateRequire(__filename);',
    'const importMetaUrl = __awPathToFileURL(__filename).href;',
    // lsp/main.ts and cli/main.ts keep CommonJS `require.main === module` guards; in a chunk they must be false.
    'const module = undefined;',
  ].join('\n');
const cliBanner = chunkBanner('cli');
const cliLauncher = `#!/usr/bin/env node
'use strict';
// atlas-wb launcher: the CLI itself is the ESM bundle in ./cli/ (see scripts/build.mjs).
import(require('node:url').pathToFileURL(require('node:path').join(__dirname, 'cli', 'bin.mjs')).href)
  .catch((e) => { process.stderr.write(\`Error: \${e && e.stack || e}\\n\`); process.exit(1); });
`;

// The language server is split the same way under dist/server/: at start only the connection, the server and the
// feature wiring are loaded; tree-sitter, libpg-query + the lint engine, PGlite/pg and the engine commands are
// chunks imported on first use. dist/server.js stays a CommonJS module (the client starts it with TransportKind.ipc);
// it holds the IPC messages that arrive while the ESM entry loads and replays them once the server listens.
const serverDir = path.join(dist, 'server');
const serverBanner = chunkBanner('server');
const serverLauncher = `'use strict';
// Atlas Workbench language server launcher: the server itself is the ESM bundle in ./server/ (see scripts/build.mjs).
const early = [];
const hold = (...args) => { early.push(args); };
if (process.send) process.on('message', hold);
import(require('node:url').pathToFileURL(require('node:path').join(__dirname, 'server', 'main.mjs')).href)
  .then((m) => {
    m.startFromProcess();
    if (process.send) { process.off('message', hold); for (const args of early.splice(0)) process.emit('message', ...args); }
  })
  .catch((e) => { process.stderr.write(\`atlas-workbench server: \${e && e.stack || e}\\n\`); process.exit(1); });
`;

const [, serverBuild, cliBuild] = await Promise.all([
  esbuild.build({ ...common, entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(dist, 'client.js'), external: ['vscode'] }),
  esbuild.build({
    ...common,
    format: 'esm',
    splitting: true,
    entryPoints: [path.join(root, 'server/src/lsp/main.ts')],
    outdir: serverDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    banner: { js: serverBanner },
    write: false,
  }),
  esbuild.build({
    ...common,
    format: 'esm',
    splitting: true,
    entryPoints: [path.join(root, 'server/src/cli/bin.ts')],
    outdir: cliDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    banner: { js: cliBanner },
    write: false,
  }),
]);
installSplit(cliBuild.outputFiles, {
  dir: cliDir,
  banner: cliBanner,
  entry: 'bin.mjs',
  launcher: path.join(dist, 'cli.js'),
  launcherText: cliLauncher,
  mode: 0o755,
});
installSplit(serverBuild.outputFiles, {
  dir: serverDir,
  banner: serverBanner,
  entry: 'main.mjs',
  launcher: path.join(dist, 'server.js'),
  launcherText: serverLauncher,
});

/**
 * Other processes may be running the CLI or the server while we build: chunk names carry a content hash, so new
 * chunks are added beside the old ones, the entry is swapped by rename, and chunks no build produced for 10 minutes go.
 */
function installSplit(outputs, { dir, banner, entry: entryName, launcher, launcherText, mode }) {
  const rel = path.relative(dist, dir);
  fs.mkdirSync(dir, { recursive: true });
  const produced = new Set();
  let entry;
  for (const o of outputs) {
    const name = path.relative(dir, o.path);
    produced.add(name);
    if (name.endsWith('.mjs')) {
      if (!o.text.startsWith(banner)) throw new Error(`build: dist/${rel}/${name} does not start with the chunk banner`);
      if (/^(?:var|let|const|function|class) (?:module|require|__dirname|__filename|importMetaUrl)\b/m.test(o.text.slice(banner.length))) {
        throw new Error(`build: dist/${rel}/${name} declares a name the chunk banner defines`);
      }
    }
    if (name.startsWith(entryName)) {
      if (name === entryName) entry = o;
      else writeAtomic(o.path, o.contents);
      continue;
    }
    if (fs.existsSync(o.path) && fs.statSync(o.path).size === o.contents.length) fs.utimesSync(o.path, new Date(), new Date());
    else writeAtomic(o.path, o.contents);
  }
  writeAtomic(entry.path, entry.contents);
  writeAtomic(launcher, launcherText, mode);
  fs.rmSync(`${launcher}.map`, { force: true });
  const stale = Date.now() - 10 * 60_000;
  for (const f of fs.readdirSync(dir)) {
    const file = path.join(dir, f);
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
copy('mermaid/dist/mermaid.min.js'); // the ERD webview's offline diagram renderer
copy('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm');
for (const f of fs.readdirSync(path.join(root, 'node_modules/libpg-query/wasm')).filter((f) => f.endsWith('.wasm'))) copy(`libpg-query/wasm/${f}`);
const pgliteDist = path.join(root, 'node_modules/@electric-sql/pglite/dist');
for (const f of fs.readdirSync(pgliteDist).filter((f) => /\.(wasm|data|tar\.gz)$/.test(f))) copy(`@electric-sql/pglite/dist/${f}`);
// Extension tarballs (contrib + pgvector) keep their relative layout under dist/.
const extDirs = [
  ['@electric-sql/pglite/dist', 'pglite-ext'],
  ['@electric-sql/pglite-pgvector/dist', 'pglite-ext'],
];
for (const [from, to] of extDirs) {
  const dir = path.join(root, 'node_modules', from);
  fs.mkdirSync(path.join(dist, to), { recursive: true });
  for (const f of fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.tar.gz'))) {
    fs.copyFileSync(path.join(dir, f), path.join(dist, to, path.basename(f)));
  }
}
console.log(`build: ${path.relative(root, dist) || '.'}/ ready (${production ? 'production' : 'development'})`);
