// Benchmark of the atlas.hcl language server, run as a real process over stdio (node dist/server.js --stdio):
// keystroke-to-diagnostics latency on a generated 2,000-line atlas.hcl (incremental didChange → publishDiagnostics),
// completion latency, and the server's RSS at atlas/ready (nothing opened: tree-sitter and libpg-query not loaded
// yet), after opening the file, and (full server) after the first migration .sql file is linted.
// Run: node --import tsx bench/hcl-latency.ts (after `npm run build`; SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR"
// profiles the server). Targets: keystroke p95 ≤ 16 ms (one frame), completion p95 ≤ 30 ms,
// RSS after opening atlas.hcl ≤ 80 MB.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const root = path.resolve(__dirname, '..');
const KEYSTROKES = Number(process.env.KEYSTROKES ?? 300);
const COMPLETIONS = Number(process.env.COMPLETIONS ?? 200);

function generate(lines: number): string {
  const out: string[] = ['variable "db_pass" {', '  type    = string', '  default = "pass"', '}', '', 'locals {', '  host = getenv("DB_HOST")', '}', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `env "tenant_${i}" {`,
      `  url     = "postgres://app:\${urlescape(var.db_pass)}@\${local.host}:5432/tenant_${i}?sslmode=disable"`,
      '  dev     = "docker://postgres/16/dev?search_path=public"',
      '  src     = "file://schema.sql"',
      '  schemas = ["public"]',
      '  migration {',
      '    dir          = "file://migrations"',
      '    exec_order   = LINEAR_SKIP',
      '    lock_timeout = "10s"',
      '  }',
      '  lint {',
      '    destructive {',
      '      error = true',
      '    }',
      '  }',
      '}',
      '',
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
/** CPU time (user+sys, ms) of a process so far: far less sensitive to a loaded machine than wall time. */
const cpuOf = (pid: number) => {
  const f = fs
    .readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (n: number) => n.toFixed(2);

async function main(): Promise<void> {
  const full = path.join(root, 'dist/server.js');
  if (!fs.existsSync(full)) throw new Error('dist/server.js missing: run `npm run build` first');
  // The same feature alone, bundled the same way, with the wasm files beside it.
  const alone = path.join(root, 'bench/.tmp/hcl-server-only.js');
  await build({
    entryPoints: [path.join(root, 'bench/hcl-server-only.ts')],
    outfile: alone,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    // as scripts/build.mjs: web-tree-sitter finds its files through import.meta.url
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  for (const f of ['web-tree-sitter.wasm', 'tree-sitter-hcl.wasm']) fs.copyFileSync(path.join(root, 'dist', f), path.join(root, 'bench/.tmp', f));
  for (const serverJs of [full, alone]) await run(serverJs);
}

async function run(serverJs: string): Promise<void> {
  const dir = path.join(root, 'bench/.tmp/hcl-latency');
  fs.mkdirSync(path.join(dir, 'migrations'), { recursive: true });
  const file = path.join(dir, 'atlas.hcl');
  const text = generate(2000);
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(dir, 'schema.sql'), 'create table t (id int);\n');
  const uri = `file://${file}`;

  // Same V8 flags as the extension's client uses to start the server (client/src/extension.ts).
  const child = spawn(process.execPath, ['--max-semi-space-size=1', ...(process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), serverJs, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  let onDiag: (() => void) | undefined;
  let onSqlDiag: (() => void) | undefined;
  let lastDiagCount = -1;
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Array<{ source?: string }> }) => {
    if (p.uri.endsWith('.sql')) {
      if (p.diagnostics.some((d) => d.source === 'atlas lint')) {
        const f = onSqlDiag;
        onSqlDiag = undefined;
        f?.();
      }
      return;
    }
    if (p.uri !== uri) return;
    lastDiagCount = p.diagnostics.length;
    const f = onDiag;
    onDiag = undefined;
    f?.();
  });
  const ready = new Promise<void>((r) => conn.onNotification('atlas/ready', () => r()));
  conn.onRequest('workspace/configuration', () => [null]);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  const t0 = performance.now();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: `file://${dir}`,
    capabilities: {},
    workspaceFolders: [{ uri: `file://${dir}`, name: 'bench' }],
  });
  conn.sendNotification('initialized', {});
  await ready;
  const startup = performance.now() - t0;
  const rssReady = rssOf(child.pid!);

  const nextDiag = () =>
    new Promise<void>((r) => {
      onDiag = r;
    });
  let version = 1;
  let wait = nextDiag();
  const tOpen = performance.now();
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'atlas-config', version, text } });
  await wait;
  const openMs = performance.now() - tOpen;
  const rss = rssOf(child.pid!);

  // Keystrokes: type then delete one character inside a string on a line spread over the file.
  const latencies: number[] = [];
  const cpu0 = cpuOf(child.pid!);
  for (let k = 0; k < KEYSTROKES; k++) {
    const line = 9 + ((k * 37) % 1980);
    const lineText = text.split('\n')[line] ?? '';
    const q = lineText.indexOf('"');
    const ch = q >= 0 ? q + 1 : 0;
    const insert = k % 2 === 0;
    const change = insert
      ? { range: { start: { line, character: ch }, end: { line, character: ch } }, text: 'x' }
      : { range: { start: { line: 9 + (((k - 1) * 37) % 1980), character: ch }, end: { line: 9 + (((k - 1) * 37) % 1980), character: ch + 1 } }, text: '' };
    if (!insert) {
      const prevLine = text.split('\n')[9 + (((k - 1) * 37) % 1980)] ?? '';
      const pq = prevLine.indexOf('"');
      change.range.start.character = pq >= 0 ? pq + 1 : 0;
      change.range.end.character = change.range.start.character + 1;
    }
    wait = nextDiag();
    const t = performance.now();
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
    await wait;
    latencies.push(performance.now() - t);
  }

  const cpuPerKey = (cpuOf(child.pid!) - cpu0) / KEYSTROKES;
  // Completion at attribute-name and value positions.
  const completion: number[] = [];
  let items = 0;
  for (let k = 0; k < COMPLETIONS; k++) {
    const line = 9 + ((k * 53) % 1980);
    const lineText = text.split('\n')[line] ?? '';
    const eq = lineText.indexOf('= ');
    const position = k % 2 === 0 && eq > 0 ? { line, character: eq + 2 } : { line, character: lineText.length - lineText.trimStart().length };
    const t = performance.now();
    const r = await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    completion.push(performance.now() - t);
    items += Array.isArray(r) ? r.length : 0;
  }
  const rssAfter = rssOf(child.pid!);

  // The full server: the first migration file opened loads the lint engine and libpg-query.
  let sqlLine = '';
  if (serverJs === path.join(root, 'dist/server.js')) {
    const sql = path.join(dir, 'migrations', '20240101000000_init.sql');
    const sqlText = 'CREATE TABLE t (id int, name text);\nALTER TABLE t ADD COLUMN;\n'; // the syntax error: a lint diagnostic for sure
    fs.writeFileSync(sql, sqlText);
    const linted = new Promise<void>((r) => {
      onSqlDiag = r;
    });
    const tSql = performance.now();
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri: `file://${sql}`, languageId: 'sql', version: 1, text: sqlText } });
    await linted;
    sqlLine = `  first .sql didOpen → lint:         ${fmt(performance.now() - tSql)} ms, RSS then ${rssOf(child.pid!).toFixed(1)} MB\n`;
  }

  console.log(
    `\n${serverJs.endsWith('server.js') ? 'full language server (all features)' : 'atlas.hcl feature alone'} over stdio (${path.relative(root, serverJs)}), ${text.split('\n').length - 1} lines, ${(text.length / 1024).toFixed(0)} KB`,
  );
  console.log(`  startup to atlas/ready:           ${fmt(startup)} ms`);
  console.log(`  didOpen → diagnostics:            ${fmt(openMs)} ms (${lastDiagCount} diagnostics on the final text)`);
  console.log(
    `  keystroke → diagnostics (n=${KEYSTROKES}):  p50 ${fmt(pct(latencies, 50))} ms  p95 ${fmt(pct(latencies, 95))} ms  max ${fmt(Math.max(...latencies))} ms   (goal p95 ≤ 16 ms, one frame)`,
  );
  console.log(`  server CPU per keystroke (mean):   ${fmt(cpuPerKey)} ms (user+sys; wall times above include waiting for a busy machine)`);
  console.log(
    `  completion (n=${COMPLETIONS}):              p50 ${fmt(pct(completion, 50))} ms  p95 ${fmt(pct(completion, 95))} ms  (${(items / COMPLETIONS).toFixed(0)} items avg)   (target p95 ≤ 30 ms)`,
  );
  console.log(
    `  server RSS:                       ${rssReady.toFixed(1)} MB at atlas/ready, ${rss.toFixed(1)} MB after open (+${(rss - rssReady).toFixed(1)} MB), ${rssAfter.toFixed(1)} MB after the run   (target ≤ 80 MB after open)`,
  );
  if (sqlLine) process.stdout.write(sqlLine);
  await conn.sendRequest('shutdown');
  const exited = new Promise((r) => child.once('exit', r));
  await conn.sendNotification('exit');
  await exited;
  conn.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
