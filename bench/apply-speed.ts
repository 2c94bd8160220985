// Bench: `atlas-wb migrate apply` of 200 generated files / 2,000 statements against `psql -1 -f` per
// file on the same PostgreSQL 15 (goal: ratio ≤ 1.2×), and the embedded dev database's cold start
// (initdb + extensions, empty cache) against its warm start (cached pristine data directory).
// Run: node --import tsx bench/apply-speed.ts   (uses DATABASE_URL or starts a throw-away PostgreSQL 15)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDirPath } from '../server/src/migrate/dir';
import { startPgliteProcess } from '../server/src/db/pgliteProcess';

const PGBIN = process.env.PGBIN || '/usr/lib/postgresql/15/bin';
const root = path.resolve(__dirname, '..');
const FILES = 200;
const PER_FILE = 10;

function generate(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= FILES; i++) {
    const t = `t${i}`;
    const stmts = [
      `CREATE TABLE ${t} (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());`,
      `ALTER TABLE ${t} ADD COLUMN score integer;`,
      `CREATE INDEX ${t}_name_idx ON ${t} (name);`,
      `COMMENT ON TABLE ${t} IS 'table ${i}';`,
      ...Array.from({ length: PER_FILE - 4 }, (_, k) => `INSERT INTO ${t} (id, name, score) VALUES (${k}, 'row ${k}', ${k * i});`),
    ];
    fs.writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}_step${i}.sql`), stmts.join('\n') + '\n');
  }
  openDirPath(dir).writeSum();
}

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  let stop: (() => void) | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const mod = (await import(path.join(root, 'scripts/pg.mjs') as string)) as { startPostgres(): Promise<{ url: string; stop(): void } | undefined> };
    const server = await mod.startPostgres();
    if (!server) throw new Error('no PostgreSQL 15 binaries and no DATABASE_URL');
    url = server.url;
    stop = () => server.stop();
  }
  try {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-bench-'));
    const dir = path.join(work, 'migrations');
    generate(dir);
    const names = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.sql'))
      .sort();
    const runs = Number(process.env.BENCH_RUNS ?? 3);
    const psqlTimes: number[] = [];
    const oursTimes: number[] = [];
    const cli = fs.existsSync(path.join(root, 'dist/cli.js'))
      ? [path.join(root, 'dist/cli.js')]
      : ['--import', 'tsx', path.join(root, 'server/src/cli/main.ts')];
    for (let r = 0; r < runs; r++) {
      const a = `bench_psql_${process.pid}_${r}`;
      const b = `bench_ours_${process.pid}_${r}`;
      await admin(url, `CREATE DATABASE ${a}`);
      await admin(url, `CREATE DATABASE ${b}`);
      psqlTimes.push(
        time(() => {
          for (const n of names) {
            const res = spawnSync(path.join(PGBIN, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-f', path.join(dir, n), withDb(url!, a)], {
              stdio: 'pipe',
            });
            if (res.status !== 0) throw new Error(`psql ${n}: ${res.stderr}`);
          }
        }),
      );
      oursTimes.push(
        time(() => {
          const res = spawnSync(process.execPath, [...cli, 'migrate', 'apply', '--url', withDb(url!, b), '--dir', `file://${dir}`], {
            stdio: 'pipe',
            cwd: root,
          });
          if (res.status !== 0) throw new Error(`atlas-wb: ${res.stderr}`);
        }),
      );
      await admin(url, `DROP DATABASE ${a}`);
      await admin(url, `DROP DATABASE ${b}`);
    }
    const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const p = med(psqlTimes);
    const o = med(oursTimes);
    console.log(`apply ${FILES} files / ${FILES * PER_FILE} statements (median of ${runs}, ${cli.length === 1 ? 'dist/cli.js' : 'tsx sources'}):`);
    console.log(`  psql -1 -f per file : ${p.toFixed(0)} ms`);
    console.log(`  atlas-wb migrate apply: ${o.toFixed(0)} ms`);
    console.log(`  ratio                : ${(o / p).toFixed(2)}x (goal <= 1.20x)`);

    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-bench-cache-'));
    let t0 = performance.now();
    const cold = await startPgliteProcess({ cacheDir: cache });
    const coldMs = performance.now() - t0;
    await cold.stop();
    t0 = performance.now();
    const warm = await startPgliteProcess({ cacheDir: cache });
    const warmMs = performance.now() - t0;
    await warm.stop();
    console.log('embedded dev database (child process ready to accept connections):');
    console.log(`  cold start (initdb, empty cache): ${coldMs.toFixed(0)} ms (inside the child: ${cold.info.startMs} ms)`);
    console.log(`  warm start (cached pristine dir): ${warmMs.toFixed(0)} ms (inside the child: ${warm.info.startMs} ms)`);
    fs.rmSync(cache, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  } finally {
    stop?.();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
