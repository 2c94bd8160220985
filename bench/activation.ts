// Extension activation cost, measured here instead of asserted in the e2e layer (a loaded machine made a
// `≤ 50 ms` assertion there flaky). Each run is a fresh Node process, as an extension host is: it loads the
// bundle (dist/client.js) and calls activate() against an inert `vscode` API (every call is a no-op), so the
// figures are our own code's cost, not VS Code's. The peer, measured in the same run, is the floor every
// language-server extension pays: load vscode-languageclient/node, create one output channel and one
// LanguageClient, start it. The extension reports the same activate() figure (`activationMs`) that the
// e2e run logs as `[e2e] activation … ms`.
// Run: node --import tsx bench/activation.ts [runs=15] (after `npm run build`). Target: activate() p50 ≤ 50 ms.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

// The children run from bench/.tmp/, so the repository root is passed down.
const root = process.env.ATLAS_WB_BENCH_ROOT ?? path.resolve(__dirname, '..');
const bundle = path.join(root, 'dist/client.js');

/** A value that accepts any use: property reads, calls and `new` all return another inert value. */
function inert(overrides: Record<PropertyKey, unknown> = {}): unknown {
  const cache = new Map<PropertyKey, unknown>();
  const target = function () {
    /* inert */
  };
  return new Proxy(target, {
    get(_t, key) {
      if (key in overrides) return overrides[key];
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.iterator)
        return function* () {
          /* empty */
        };
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'dispose') return () => undefined;
      if (!cache.has(key)) cache.set(key, inert());
      return cache.get(key);
    },
    apply: () => inert(),
    construct: () => inert() as object,
  });
}

const disposable = () => ({ dispose: () => undefined });
const config = { get: (_k: string, d?: unknown) => d, has: () => false, inspect: () => undefined, update: () => Promise.resolve() };
// A plain object (bundlers copy its own keys) holding every namespace and class the bundle reads.
const API = [
  'window',
  'commands',
  'languages',
  'extensions',
  'Uri',
  'EventEmitter',
  'Disposable',
  'CancellationError',
  'CancellationTokenSource',
  'CodeAction',
  'CodeLens',
  'Diagnostic',
  'LanguageStatusSeverity',
  'LogLevel',
  'MarkdownString',
  'NotebookCellKind',
  'Position',
  'ProgressLocation',
  'Range',
  'StatusBarAlignment',
  'TabInputCustom',
  'TabInputNotebook',
  'TabInputText',
  'TabInputTextDiff',
  'ThemeColor',
  'ThemeIcon',
  'TreeItem',
  'TreeItemCollapsibleState',
  'ViewColumn',
];
const known: Record<string, unknown> = {
  ...Object.fromEntries(API.map((k) => [k, inert()])),
  version: '1.100.0',
  workspace: inert({ workspaceFolders: undefined, getConfiguration: () => config, textDocuments: [], isTrusted: true }),
  env: inert({ appName: 'bench', language: 'en', machineId: 'bench', sessionId: 'bench', uiKind: 1 }),
};
// Any other name the language client reads (CompletionItem, SymbolKind, …) is inert too.
const vscodeStub = new Proxy(known, { get: (t, k: string) => (k in t ? t[k] : (t[k] = inert())) });
const memento = { get: (_k: string, d?: unknown) => d, update: () => Promise.resolve(), keys: () => [] };
const context = {
  subscriptions: [] as unknown[],
  asAbsolutePath: (p: string) => path.join(root, p),
  secrets: { get: () => Promise.resolve(undefined), store: () => Promise.resolve(), delete: () => Promise.resolve(), onDidChange: disposable },
  workspaceState: memento,
  globalState: { ...memento, setKeysForSync: () => undefined },
  extensionUri: inert(),
  logUri: inert(),
};

/** One measurement in this process: ms to load the bundle and ms in its activate(). */
async function child(file: string): Promise<{ load: number; activate: number }> {
  const load = (Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown })._load;
  (Module as unknown as { _load: unknown })._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscodeStub : load.call(this, request, ...rest);
  };
  // Ignore the client's background work (server start through the inert API); only activation is timed.
  process.on('unhandledRejection', () => undefined);
  const t0 = performance.now();
  const ext = Module.createRequire(file)(file) as { activate: (c: unknown) => Promise<unknown> };
  const t1 = performance.now();
  await ext.activate(context);
  return { load: t1 - t0, activate: performance.now() - t1 };
}

async function main(): Promise<void> {
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
  const runs = Number(process.argv[2] ?? 15);
  const peerFile = path.join(root, 'bench/.tmp/activation-peer.js');
  const dev = fs.existsSync(`${bundle}.map`);
  await build({
    entryPoints: [path.join(root, 'bench/activation-peer.ts')],
    outfile: peerFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: dev,
    minify: !dev,
    logLevel: 'warning',
  });
  // The children run without tsx (its require hook would also time our bundle's loading): this file, bundled.
  const runner = path.join(root, 'bench/.tmp/activation-runner.js');
  await build({
    entryPoints: [__filename],
    outfile: runner,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['esbuild', 'vscode'],
    logLevel: 'warning',
  });
  const files = { ours: bundle, peer: peerFile };
  const samples: Record<'ours' | 'peer', Array<{ load: number; activate: number }>> = { ours: [], peer: [] };
  for (let r = 0; r < runs; r++) {
    for (const which of ['ours', 'peer'] as const) {
      const out = spawnSync(process.execPath, [runner, '--child', files[which]], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, ATLAS_WB_BENCH_ROOT: root },
      });
      const line = out.stdout.split('\n').find((l) => l.startsWith('{'));
      if (out.status !== 0 || !line) throw new Error(`${which} run failed (exit ${out.status}): ${out.stderr}`);
      samples[which].push(JSON.parse(line) as { load: number; activate: number });
    }
  }
  const p = (xs: number[], q: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(q * s.length))];
  };
  const row = (name: string, xs: Array<{ load: number; activate: number }>) => {
    const act = xs.map((x) => x.activate);
    const load = xs.map((x) => x.load);
    return `  ${name.padEnd(46)} load p50 ${p(load, 0.5).toFixed(1).padStart(6)} ms   activate p50 ${p(act, 0.5).toFixed(1).padStart(6)} ms   p95 ${p(act, 0.95).toFixed(1).padStart(6)} ms`;
  };
  console.log(`extension activation, ${runs} fresh processes each (inert vscode API):`);
  console.log(row(`atlas-workbench (dist/client.js, ${(fs.statSync(bundle).size / 1024).toFixed(0)} KiB)`, samples.ours));
  console.log(row(`peer: one LanguageClient, bundled alike (${(fs.statSync(peerFile).size / 1024).toFixed(0)} KiB)`, samples.peer));
  const ours = p(
    samples.ours.map((x) => x.activate),
    0.5,
  );
  const peer = p(
    samples.peer.map((x) => x.activate),
    0.5,
  );
  console.log(`  ratio activate p50 ours/peer ${(ours / Math.max(peer, 0.01)).toFixed(2)}   (target: activate p50 ≤ 50 ms)`);
}

const i = process.argv.indexOf('--child');
if (i >= 0) {
  void child(process.argv[i + 1]).then(
    (r) => {
      console.log(JSON.stringify(r));
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  void main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
