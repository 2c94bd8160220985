// Lint speed, measured in one run (`npx tsx bench/lint-speed.ts`; builds dist/ first):
//  1. every PostgreSQL migration folder of the corpus, all files as new: our whole CLI process
//     (`node dist/cli.js migrate lint --static`) vs squawk (npm squawk-cli, Rust binary) on the same files,
//     one process per folder each; also one squawk process over all files vs our engine in this process.
//     Wall time and CPU time (user+sys of the children, from /proc/self/stat) are both given: this machine is
//     shared, and CPU time is far less sensitive to load. `node -e 0` runs interleaved too: Node's own start
//     is the floor of any `node dist/cli.js` process.
//  2. re-lint latency of one edited file in a generated 200-file folder through the server's handler
//     (LintService.diagnostics: cached folder state, only the edited file re-prepared), p50/p95 of 200 edits.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { corpusIndex, corpusPath, repoRoot } from '../test/support/corpus';
import { initSqlParser } from '../server/src/sql/parser';
import { lintFolder } from '../server/src/lint/engine';
import { prepareFile } from '../server/src/lint/prepare';
import { benchLintService } from './lintServiceHarness';
import { URI } from '../server/src/lsp/uri';
import { openDirPath } from '../server/src/migrate/dir';

const squawk = path.join(repoRoot, 'node_modules/@squawk-cli/linux-x64/bin/squawk');
// LINT_SPEED_CLI=/path/to/cli.js compares another build (e.g. an older bundle) under the same machine load.
const cli = process.env.LINT_SPEED_CLI ?? path.join(repoRoot, 'dist/cli.js');
const ROUNDS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** CPU time (user+sys, ms) of this process's waited-for children so far; NaN where /proc is missing. */
function childCpuMs(): number {
  try {
    const fields = fs
      .readFileSync('/proc/self/stat', 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime, in 1/100 s (USER_HZ)
  } catch {
    return NaN;
  }
}

interface Sample {
  wall: number;
  cpu: number;
}
const add = (a: Sample, b: Sample): Sample => ({ wall: a.wall + b.wall, cpu: a.cpu + b.cpu });
const zero = (): Sample => ({ wall: 0, cpu: 0 });

function timed(cmd: string, args: string[], cwd: string): Sample {
  const c = childCpuMs();
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.error) throw r.error;
  return { wall: performance.now() - t, cpu: childCpuMs() - c };
}

function sqlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

async function corpusBench(): Promise<void> {
  const folders = corpusIndex()
    .filter((r) => r.kind === 'migrations' && /^postgres\??$/.test(r.dialect))
    .map((r) => corpusPath(r.local_path));
  const files = folders.reduce((n, d) => n + sqlFiles(d).length, 0);
  const bytes = folders.reduce((n, d) => n + sqlFiles(d).reduce((m, f) => m + fs.statSync(path.join(d, f)).size, 0), 0);
  console.log(`\n1) corpus: ${folders.length} PostgreSQL folders, ${files} files, ${(bytes / 1024).toFixed(0)} KiB`);
  const ours: Sample[] = [],
    theirs: Sample[] = [],
    floor: Sample[] = [],
    oursOne: number[] = [],
    theirsOne: number[] = [];
  await initSqlParser();
  for (let round = 0; round < ROUNDS; round++) {
    let a = zero(),
      b = zero(),
      n = zero();
    for (const d of folders) {
      const names = sqlFiles(d);
      a = add(a, timed(process.execPath, [cli, 'migrate', 'lint', '--dir', `file://${d}`, '--latest', String(names.length), '--static'], d));
      b = add(b, timed(squawk, names, d));
      n = add(n, timed(process.execPath, ['-e', '0'], d));
    }
    ours.push(a);
    theirs.push(b);
    floor.push(n);
    const all = folders.flatMap((d) => sqlFiles(d).map((f) => path.join(d, f)));
    theirsOne.push(timed(squawk, all, repoRoot).wall);
    const t = performance.now();
    for (const d of folders) {
      const prepared = sqlFiles(d).map((n) => prepareFile(n, fs.readFileSync(path.join(d, n))));
      lintFolder(prepared, 0);
    }
    oursOne.push(performance.now() - t);
  }
  const per = (xs: Sample[], k: keyof Sample) => median(xs.map((x) => x[k])) / folders.length;
  for (const k of ['wall', 'cpu'] as const) {
    console.log(
      `   one process per folder, ${k} (median of ${ROUNDS}): atlas-wb ${ms(per(ours, k))}/folder  squawk ${ms(per(theirs, k))}/folder  ratio ${(per(ours, k) / per(theirs, k)).toFixed(2)}x (goal <= 1.0x)` +
        `  | floor \`node -e 0\` ${ms(per(floor, k))} = ${(per(floor, k) / per(theirs, k)).toFixed(2)}x squawk; atlas-wb above the floor ${ms(per(ours, k) - per(floor, k))}`,
    );
  }
  console.log(
    `   all files at once: squawk one process ${ms(median(theirsOne))}; atlas-wb engine in-process (split+parse+state+analyse) ${ms(median(oursOne))}  ratio ${(median(oursOne) / median(theirsOne)).toFixed(2)}x`,
  );
  const start = median([0, 1, 2, 3, 4].map(() => timed(process.execPath, [cli, 'version'], repoRoot).wall));
  console.log(`   (node start + CLI load alone, \`atlas-wb version\`: ${ms(start)} per process, median of 5)`);
}

function generateFolder(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lint-bench-'));
  for (let i = 1; i <= n; i++) {
    const v = String(20240101000000 + i);
    const t = `t${i % 40}`;
    const sql =
      i <= 40
        ? `CREATE TABLE ${t} (id bigint PRIMARY KEY, name text, created_at timestamptz NOT NULL DEFAULT now());\nCREATE INDEX ${t}_name ON ${t} (name);\n`
        : `ALTER TABLE ${t} ADD COLUMN c${i} integer;\nCREATE INDEX ${t}_c${i} ON ${t} (c${i});\nCOMMENT ON COLUMN ${t}.c${i} IS 'column ${i}';\n`;
    fs.writeFileSync(path.join(dir, `${v}_m${i}.sql`), sql);
  }
  openDirPath(dir).writeSum();
  return dir;
}

async function editorBench(): Promise<void> {
  const dir = generateFolder(200);
  const names = sqlFiles(dir);
  const target = names[names.length - 1];
  const uri = URI.fromPath(path.join(dir, target));
  const { service, docs } = benchLintService(dir);
  const base = fs.readFileSync(path.join(dir, target), 'utf8');
  docs.set(uri, TextDocument.create(uri, 'sql', 1, base));
  let t = performance.now();
  service.diagnostics(uri);
  const cold = performance.now() - t;
  const lat: number[] = [];
  for (let i = 0; i < 200; i++) {
    const text = `${base}ALTER TABLE t${i % 40} ${i % 3 === 0 ? 'DROP COLUMN name' : `ADD COLUMN x${i} int NOT NULL`};\n`;
    docs.set(uri, TextDocument.create(uri, 'sql', i + 2, text));
    t = performance.now();
    const d = service.diagnostics(uri);
    lat.push(performance.now() - t);
    if (!d?.length) throw new Error('expected diagnostics on the edited file');
  }
  console.log(`\n2) editor: re-lint of the last file of a 200-file folder through LintService.diagnostics`);
  console.log(`   cold (first open, whole folder prepared): ${ms(cold)}`);
  console.log(`   per keystroke over 200 edits: p50 ${ms(pct(lat, 0.5))}  p95 ${ms(pct(lat, 0.95))}  max ${ms(Math.max(...lat))} (goal p50 <= 50 ms)`);
  fs.rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (!fs.existsSync(squawk)) throw new Error('squawk binary missing: npm install (optionalDependency @squawk-cli/linux-x64)');
  if (process.env.LINT_SPEED_CLI) console.log(`using ${cli} (LINT_SPEED_CLI; not rebuilt)`);
  else
    try {
      execFileSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs')], { stdio: 'ignore' });
    } catch {
      if (!fs.existsSync(cli)) throw new Error('build failed and there is no dist/cli.js');
      console.log('warning: build failed (tree in flux); using the existing dist/cli.js');
    }
  console.log(`lint-speed: node ${process.version}, ${os.cpus().length} cpus, squawk ${execFileSync(squawk, ['--version'], { encoding: 'utf8' }).trim()}`);
  await corpusBench();
  await editorBench();
}

void main();
