// Bench: generate-migration end to end (replay a 100-file folder, load the desired schema, diff, write the
// file + atlas.sum) on the embedded PGlite dev database. Goal ≤ 2 s once the dev database is warm; the cold
// start (embedded server not running yet) is reported too. Run: node --import tsx bench/diff-speed.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMigration } from '../server/src/migrate/diff';
import { openDirPath } from '../server/src/migrate/dir';
import { stopEmbeddedServer } from '../server/src/db/dev';

const FILES = Number(process.env.BENCH_FILES ?? 100);

function migrationFile(i: number): string {
  if (i % 4 === 3) return `ALTER TABLE t${i - 1} ADD COLUMN extra text;\nCREATE INDEX t${i - 1}_extra_idx ON t${i - 1} (extra);\n`;
  return `CREATE TABLE t${i} (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now()${i > 0 ? `, ref bigint REFERENCES t${i - (i % 4 === 0 ? 2 : 1)} (id)` : ''});\n`;
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-diffbench-'));
  const dir = path.join(work, 'migrations');
  fs.mkdirSync(dir);
  let all = '';
  for (let i = 0; i < FILES; i++) {
    const text = migrationFile(i);
    all += text;
    fs.writeFileSync(path.join(dir, `${String(20240101000000 + i)}_step${i}.sql`), text);
  }
  openDirPath(dir).writeSum();
  fs.writeFileSync(
    path.join(work, 'schema.sql'),
    `${all}CREATE TABLE audit (id bigserial PRIMARY KEY, at timestamptz NOT NULL, what text);\nCREATE INDEX audit_at ON audit (at);\n`,
  );
  const once = async (): Promise<number> => {
    const t = performance.now();
    const r = await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', name: 'audit', cwd: work });
    const ms = performance.now() - t;
    if (!r.file || !/CREATE TABLE "public"\."audit"/.test(r.content)) throw new Error(`unexpected plan:\n${r.content}`);
    fs.rmSync(r.file);
    openDirPath(dir).writeSum();
    return ms;
  };
  try {
    await stopEmbeddedServer();
    const cold = await once();
    // Two unmeasured runs let the embedded server's WASM warm up, as it would in an editor session.
    const warmup = [await once(), await once()];
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(await once());
    const med = [...warm].sort((a, b) => a - b)[2];
    console.log(
      `diff-speed: ${FILES}-file folder, embedded PGlite dev database; cold ${cold.toFixed(0)} ms; warm-up ${warmup.map((x) => x.toFixed(0)).join(', ')} ms; warm median ${med.toFixed(0)} ms ` +
        `(runs ${warm.map((x) => x.toFixed(0)).join(', ')}); goal ≤ 2000 ms warm → ${(med / 2000).toFixed(2)}x of budget`,
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
