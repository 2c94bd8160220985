// Cost of a huge migration early in a folder, in the editor (`npx tsx bench/lint-state-growth.ts`):
// a generated folder of FILES files where one holds HUGE statements (50,000 by default), either first (every later
// file is linted against the state it leaves) or last (the floor: no file is linted against it). For each case, in
// a child process of its own (so RSS is the case's own): every later file is opened (linted once, as the editor
// does for open documents), then KEYSTROKES edits of one later file go through the server's handler
// (LintService.diagnostics). Prints keystroke p50/p95 and the process RSS for both cases, in the same run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { benchLintService } from './lintServiceHarness';
import { URI } from '../server/src/lsp/uri';
import { openDirPath } from '../server/src/migrate/dir';
import { initSqlParser } from '../server/src/sql/parser';

const FILES = Number(process.env.FILES ?? 40);
const HUGE = Number(process.env.HUGE ?? 50_000);
const KEYSTROKES = Number(process.env.KEYSTROKES ?? 100);
const OPEN = Number(process.env.OPEN ?? 10);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

function generate(hugeFirst: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-state-growth-'));
  const hugeAt = hugeFirst ? 0 : FILES - 1;
  for (let i = 0; i < FILES; i++) {
    const v = String(20240101000000 + i * 100);
    let sql = '';
    if (i === hugeAt) {
      const out: string[] = [];
      for (let k = 0; k < HUGE; k += 2)
        out.push(`CREATE TABLE big${k} (id bigint PRIMARY KEY, name text NOT NULL);`, `CREATE INDEX big${k}_name ON big${k} (name);`);
      sql = out.slice(0, HUGE).join('\n') + '\n';
    } else {
      sql = `CREATE TABLE t${i} (id bigint PRIMARY KEY, name text);\nALTER TABLE t${i} ADD COLUMN c${i} integer;\nCREATE INDEX t${i}_c ON t${i} (c${i});\n`;
    }
    fs.writeFileSync(path.join(dir, `${v}_m${i}.sql`), sql);
  }
  openDirPath(dir).writeSum();
  return dir;
}

async function runCase(hugeFirst: boolean): Promise<void> {
  await initSqlParser();
  const dir = generate(hugeFirst);
  const names = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort();
  const later = hugeFirst ? names.slice(1) : names.slice(0, -1);
  const { service, docs } = benchLintService(dir);
  const rss0 = rssMb();
  // open the last OPEN files of the folder that are not the huge one (each linted once)
  const opened = later.slice(-OPEN);
  const t0 = performance.now();
  for (const n of opened) {
    const uri = URI.fromPath(path.join(dir, n));
    docs.set(uri, TextDocument.create(uri, 'sql', 1, fs.readFileSync(path.join(dir, n), 'utf8')));
    service.diagnostics(uri);
  }
  const openMs = performance.now() - t0;
  const target = opened[Math.floor(opened.length / 2)];
  const uri = URI.fromPath(path.join(dir, target));
  const base = docs.get(uri)!.getText();
  const lat: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    docs.set(uri, TextDocument.create(uri, 'sql', i + 2, `${base}ALTER TABLE t1 ADD COLUMN x${i} int NOT NULL;\n`));
    const t = performance.now();
    const d = service.diagnostics(uri);
    lat.push(performance.now() - t);
    if (!d?.length) throw new Error('expected diagnostics on the edited file');
  }
  global.gc?.();
  const out = { openMs, p50: pct(lat, 0.5), p95: pct(lat, 0.95), max: Math.max(...lat), rssBefore: rss0, rssAfter: rssMb() };
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(out));
}

function main(): void {
  console.log(
    `lint-state-growth: node ${process.version}, ${os.cpus().length} cpus; ${FILES} files, one with ${HUGE} statements; ${OPEN} later files open, ${KEYSTROKES} keystrokes in one of them`,
  );
  for (const first of [true, false]) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, first ? 'first' : 'last'], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`case ${first ? 'first' : 'last'} failed: ${r.stderr}`);
    const o = JSON.parse(r.stdout) as Record<string, number>;
    const f = (n: number) => n.toFixed(1);
    console.log(
      `  huge file ${first ? 'first (later files see its state)' : 'last  (floor)                    '}: open ${f(o.openMs)} ms; keystroke p50 ${f(o.p50)} ms  p95 ${f(o.p95)} ms  max ${f(o.max)} ms; RSS ${f(o.rssBefore)} MB → ${f(o.rssAfter)} MB`,
    );
  }
}

const arg = process.argv[2];
if (arg === 'first' || arg === 'last')
  runCase(arg === 'first').catch((e) => {
    console.error(e);
    process.exit(1);
  });
else main();
