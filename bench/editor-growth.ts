// Bench: the editor with a big migration folder open (issue 13), through the real language server over stdio
// (node dist/server.js --stdio, the extension's V8 flags), for folders of 1 (the floor: the same kind of file
// alone) / 100 / 1,000 / 5,000 generated files, each in a server process of its own:
// - Migrations view refresh: `atlas/migrationStatus` of an env on PostgreSQL 15 with 90 % of the folder recorded
//   as applied (what the sidebar asks on every refresh), beside a floor measured in this process in the same run
//   (one SELECT of the revisions + listing and reading the folder);
// - keystroke in the last migration file (linted against the state every earlier file builds): didChange → the
//   last publishDiagnostics of that file (lint, SQL references and the live atlas.sum check), p50/p95 over
//   KEYSTROKES edits, and the server's CPU per keystroke;
// - the server's RSS at ready, after the file is opened and linted, and after the keystrokes.
// Run: node --import tsx bench/editor-growth.ts (after `npm run build`; EDITOR_FILES=1,100,1000,5000 KEYSTROKES=60;
// SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the servers)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { openDatabase } from '../server/src/db/connect';
import { openDirPath } from '../server/src/migrate/dir';
import { newRevision, RevisionStore, revisionsTableDDL, DEFAULT_REVISIONS_SCHEMA } from '../server/src/migrate/revisions';
import { writeFolder } from './generatedProject';
import { machineLoad } from './machineLoad';

const root = path.resolve(__dirname, '..');
const SIZES = (process.env.EDITOR_FILES ?? '1,100,1000,5000').split(',').filter(Boolean).map(Number);
const KEYSTROKES = Number(process.env.KEYSTROKES ?? 60);
const REFRESHES = 5;
/** A publication of the file's diagnostics counts as the last one when no other follows within this window. */
const QUIET_MS = 250;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const median = (xs: number[]) => pct(xs, 50);
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const cpuOf = (pid: number) => {
  const f = fs
    .readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const fmt = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);

/** A database with the revisions table and 90 % of the folder's files recorded as applied. */
async function statusDatabase(base: string, dir: string, files: number): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_editor_${files}_${process.pid}`;
  const admin = await openDatabase(base);
  await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const db = await openDatabase(u.toString());
  await db.exec(`CREATE SCHEMA ${DEFAULT_REVISIONS_SCHEMA}; SET search_path TO ${DEFAULT_REVISIONS_SCHEMA}; ${revisionsTableDDL()}; RESET search_path`);
  const folder = openDirPath(dir);
  const sum = folder.readSum()!;
  const store = new RevisionStore(db, DEFAULT_REVISIONS_SCHEMA);
  for (const f of folder.files().slice(0, Math.floor(files * 0.9)))
    await store.write(newRevision(f.version, f.desc, { applied: 1, total: 1, hash: sum.sumByName(f.name) ?? '' }));
  await db.close();
  return {
    url: u.toString(),
    drop: async () => {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

interface Figures {
  files: number;
  refreshFirst: number;
  refresh: number;
  floor: number;
  openLint: number;
  keyP50: number;
  keyP95: number;
  cpuPerKey: number;
  rssReady: number;
  rssOpen: number;
  rssAfter: number;
}

async function measure(base: string, work: string, files: number): Promise<Figures> {
  const ws = path.join(work, `ws-${files}`);
  const dir = path.join(ws, 'migrations');
  writeFolder(dir, files);
  const db = await statusDatabase(base, dir, files);
  fs.writeFileSync(path.join(ws, 'atlas.hcl'), `env "local" {\n  url = "${db.url}"\n  migration {\n    dir = "file://migrations"\n  }\n}\n`);
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=1', ...(process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), path.join(root, 'dist/server.js'), '--stdio'],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const last = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort()
    .at(-1)!;
  const uri = `file://${path.join(dir, last)}`;
  let lastPublish = 0;
  let published = 0;
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
    if (p.uri !== uri) return;
    lastPublish = performance.now();
    published++;
  });
  const ready = new Promise<void>((r) => conn.onNotification('atlas/ready', () => r()));
  conn.onRequest('workspace/configuration', () => [null]);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: `file://${ws}`,
    capabilities: {},
    workspaceFolders: [{ uri: `file://${ws}`, name: 'bench' }],
  });
  conn.sendNotification('initialized', {});
  await ready;
  const rssReady = rssOf(child.pid!);

  /** Waits until the file's diagnostics have been published and nothing more follows; the time of the last one. */
  const settled = async (since: number, count: number, quiet = QUIET_MS): Promise<number> => {
    for (;;) {
      await new Promise((r) => setTimeout(r, quiet));
      if (published > count && performance.now() - lastPublish >= quiet) return lastPublish - since;
    }
  };

  // Migrations view refresh, as the sidebar asks it.
  const projectUri = `file://${path.join(ws, 'atlas.hcl')}`;
  const refresh: number[] = [];
  for (let i = 0; i < REFRESHES; i++) {
    const t = performance.now();
    const r = (await conn.sendRequest('atlas/migrationStatus', { projectUri, env: 'local' })) as { files: unknown[]; error?: string; pendingCount: number };
    refresh.push(performance.now() - t);
    if (r.error || r.files.length !== files) throw new Error(`migrationStatus of ${files} files: ${r.error ?? `${r.files.length} files`}`);
  }
  const floor: number[] = [];
  for (let i = 0; i < REFRESHES; i++) {
    const t = performance.now();
    const c = await openDatabase(db.url);
    await c.query(`SELECT * FROM ${DEFAULT_REVISIONS_SCHEMA}.atlas_schema_revisions ORDER BY version`);
    await c.close();
    for (const f of fs.readdirSync(dir)) fs.readFileSync(path.join(dir, f));
    floor.push(performance.now() - t);
  }

  // Open the last file: linted against the state the whole folder builds.
  let text = fs.readFileSync(path.join(dir, last), 'utf8') + '-- note \n';
  let version = 1;
  const tOpen = performance.now();
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version, text } });
  const openLint = await settled(tOpen, 0, 3000); // the first lint replays the whole folder: a longer window
  const rssOpen = rssOf(child.pid!);

  // Keystrokes: type, then delete, a character in the comment line at the end.
  const line = text.split('\n').length - 2;
  const keys: number[] = [];
  const cpu0 = cpuOf(child.pid!);
  for (let k = 0; k < KEYSTROKES; k++) {
    const insert = k % 2 === 0;
    const ch = '-- note '.length;
    const change = insert
      ? { range: { start: { line, character: ch }, end: { line, character: ch } }, text: 'x' }
      : { range: { start: { line, character: ch }, end: { line, character: ch + 1 } }, text: '' };
    text = insert ? text.replace('-- note \n', '-- note x\n') : text.replace('-- note x\n', '-- note \n');
    const count = published;
    const t = performance.now();
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
    keys.push(await settled(t, count));
  }
  const cpuPerKey = (cpuOf(child.pid!) - cpu0) / KEYSTROKES;
  const rssAfter = rssOf(child.pid!);
  await conn.sendRequest('shutdown');
  const exited = new Promise((r) => child.once('exit', r));
  conn.sendNotification('exit');
  await exited;
  conn.dispose();
  await db.drop();
  return {
    files,
    refreshFirst: refresh[0],
    refresh: median(refresh.slice(1)),
    floor: median(floor),
    openLint,
    keyP50: pct(keys, 50),
    keyP95: pct(keys, 95),
    cpuPerKey,
    rssReady,
    rssOpen,
    rssAfter,
  };
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(root, 'dist/server.js'))) throw new Error('dist/server.js missing: run `npm run build` first');
  let stop: (() => void) | undefined;
  let base = process.env.DATABASE_URL;
  if (!base) {
    // @ts-expect-error plain ESM helper without types
    const { startPostgres } = await import('../scripts/pg.mjs');
    const srv = await startPostgres();
    base = srv.url as string;
    stop = () => srv.stop();
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-editor-growth-'));
  const rows: Figures[] = [];
  try {
    for (const n of SIZES) {
      rows.push(await measure(base, work, n));
      console.log(`editor-growth: ${n} files done; ${machineLoad()}`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    stop?.();
  }
  console.log(`\neditor-growth (real server over stdio, ${KEYSTROKES} keystrokes, ${REFRESHES} refreshes; ${machineLoad()}):`);
  console.log(
    'files | Migrations view refresh: first / median (floor: SELECT + read folder) | open → lint | keystroke p50 / p95 | CPU per keystroke | RSS ready / open / after',
  );
  for (const r of rows)
    console.log(
      `${r.files} | ${fmt(r.refreshFirst)} / ${fmt(r.refresh)} (floor ${fmt(r.floor)}, ${(r.refresh / r.floor).toFixed(2)}x) | ${fmt(r.openLint)} | ${fmt(r.keyP50)} / ${fmt(r.keyP95)} | ${r.cpuPerKey.toFixed(1)} ms | ${r.rssReady.toFixed(0)} / ${r.rssOpen.toFixed(0)} / ${r.rssAfter.toFixed(0)} MB`,
    );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
