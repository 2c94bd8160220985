// Bench: memory of the embedded dev database (the PGlite child process) while generate migration runs on a
// 1,000-file folder, with the dev settings (pgliteServer.ts DEV_SETTINGS) beside PGlite's own settings in the same
// run. Peak and final RSS of the child, sampled from /proc every 50 ms; goal (issue 13) ≤ 300 MB.
// Run: node --import tsx bench/devdb-memory.ts   (BENCH_FILES=… for another size; Linux only)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { embeddedServer, stopEmbeddedServer } from '../server/src/db/dev';
import { generateMigration } from '../server/src/migrate/diff';
import { forgetCurrentStates } from '../server/src/migrate/diffCurrent';
import { writeFolder } from './generatedProject';
import { machineLoad } from './machineLoad';

const FILES = Number(process.env.BENCH_FILES ?? 1000);

const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
};

async function measure(settings: 'dev' | 'default', work: string, all: string): Promise<{ start: number; peak: number; end: number; ms: number }> {
  if (settings === 'default') process.env.ATLAS_WB_DEVDB_SETTINGS = 'default';
  else delete process.env.ATLAS_WB_DEVDB_SETTINGS;
  await stopEmbeddedServer();
  forgetCurrentStates();
  const proc = await embeddedServer();
  const start = rssMb(proc.pid);
  let peak = start;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(proc.pid));
    } catch {
      /* exited */
    }
  }, 50);
  const t = performance.now();
  let clock = Date.UTC(2030, 0, 1);
  try {
    for (let i = 0; i < 3; i++) {
      fs.writeFileSync(
        path.join(work, 'schema.sql'),
        `${all}CREATE TABLE audit (id bigint PRIMARY KEY${Array.from({ length: i + 1 }, (_, k) => `, c${k} int`).join('')});\n`,
      );
      await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', name: 'audit', cwd: work, date: new Date((clock += 1000)) });
    }
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - t;
  const end = rssMb(proc.pid);
  // the generated files go, so both settings see the same folder
  for (const f of fs.readdirSync(path.join(work, 'migrations')).filter((n) => n.startsWith('2030'))) fs.rmSync(path.join(work, 'migrations', f));
  return { start, peak: Math.max(peak, end), end, ms };
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-devmem-'));
  const loadBefore = machineLoad();
  try {
    const all = writeFolder(path.join(work, 'migrations'), FILES);
    const fix = () => writeFolder(path.join(work, 'migrations'), FILES); // rehash after the removals
    const base = await measure('default', work, all);
    fix();
    const dev = await measure('dev', work, all);
    console.log(
      `devdb-memory: generate migration ×3, ${FILES}-file folder; dev settings: at start ${dev.start.toFixed(0)} MB, peak RSS ${dev.peak.toFixed(0)} MB, after ${dev.end.toFixed(0)} MB, ${(dev.ms / 1000).toFixed(1)} s; ` +
        `PGlite's own settings, same run: at start ${base.start.toFixed(0)} MB, peak ${base.peak.toFixed(0)} MB, after ${base.end.toFixed(0)} MB, ${(base.ms / 1000).toFixed(1)} s ` +
        `→ peak ${(dev.peak / base.peak).toFixed(2)}x; goal ≤ 300 MB → ${(dev.peak / 300).toFixed(2)}x of budget; ${loadBefore} at start, ${machineLoad()} at end`,
    );
  } finally {
    await stopEmbeddedServer();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
