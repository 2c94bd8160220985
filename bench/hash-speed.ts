// `node --import tsx bench/hash-speed.ts [files=10000] [runs=5]`: our whole `atlas-wb migrate hash` process
// (node dist/cli.js) vs `sha256sum` over the same generated folder; prints medians and the ratio (goal ≤ 1.5×).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDirPath } from '../server/src/migrate/dir';
import { checkDir } from '../server/src/migrate/validate';

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist/cli.js');
const count = Number(process.argv[2] ?? 10000);
const runs = Number(process.argv[3] ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(cmd: string, args: string[], cwd: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr?.toString()}`);
  return ms;
}

if (!fs.existsSync(cli)) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-hash-bench-'));
try {
  const names: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const name = `${20200101000000 + i}_migration_${i}.sql`;
    const body =
      `-- migration ${i}\nCREATE TABLE t_${i} (\n  id bigint PRIMARY KEY,\n  name text NOT NULL,\n  created_at timestamptz DEFAULT now()\n);\n` +
      `CREATE INDEX t_${i}_name ON t_${i} (name);\n`.repeat(1 + (i % 7));
    fs.writeFileSync(path.join(dir, name), body);
    names.push(name);
    bytes += Buffer.byteLength(body);
  }
  // warm the page cache and both programs once
  time(process.execPath, [cli, 'migrate', 'hash', '--dir', `file://${dir}`], dir);
  time('sha256sum', ['--', ...names], dir);
  const ours: number[] = [],
    theirs: number[] = [];
  for (let r = 0; r < runs; r++) {
    ours.push(time(process.execPath, [cli, 'migrate', 'hash', '--dir', `file://${dir}`], dir));
    theirs.push(time('sha256sum', ['--', ...names], dir));
  }
  const node0: number[] = [];
  for (let r = 0; r < runs; r++) node0.push(time(process.execPath, ['-e', '0'], dir));
  if (checkDir(openDirPath(dir))) throw new Error('the written atlas.sum does not validate');
  const inproc: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const d = openDirPath(dir);
    d.writeSum(d.checksum());
    inproc.push(performance.now() - t0);
  }
  const a = median(ours),
    b = median(theirs);
  console.log(`migrate hash: ${count} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB, median of ${runs} runs (whole processes)`);
  console.log(`  atlas-wb migrate hash (node dist/cli.js): ${a.toFixed(1)} ms`);
  console.log(`  sha256sum over the same files:            ${b.toFixed(1)} ms`);
  console.log(`  bare node startup (node -e 0):            ${median(node0).toFixed(1)} ms`);
  console.log(`  engine only (in-process list+read+hash+atomic write): ${median(inproc).toFixed(1)} ms`);
  console.log(`  ratio: ${(a / b).toFixed(2)}x (goal <= 1.5x) ${a / b <= 1.5 ? 'OK' : 'OVER GOAL'}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
