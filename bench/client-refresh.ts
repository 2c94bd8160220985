// Tree refresh for 500 migrations: what one refresh of the Migrations tree computes outside the database round
// trip — read the folder, check atlas.sum (edited files), merge with `migrate status` JSON, label every row.
// Target ≤ 200 ms. Run: node --import tsx bench/client-refresh.ts [files=500] [runs=20]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { editedFiles, readFolder } from '../server/src/lsp/workbenchFeature';
import { mergeStatus, statusResult, type AtlasStatusJson } from '../server/src/lsp/workbenchStatus';
import { computeHashFile, writeSumAtomic } from '../server/src/migrate/sum';
import { labelAll } from '../client/src/views/migrationLabels';

const n = Number(process.argv[2] ?? 500);
const runs = Number(process.argv[3] ?? 20);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-bench-'));
const names: string[] = [];
for (let i = 0; i < n; i++) {
  const name = `${String(20240101000000 + i * 100)}_change_${i}.sql`;
  names.push(name);
  fs.writeFileSync(
    path.join(dir, name),
    `-- change ${i}\nCREATE TABLE "t${i}" (\n  "id" bigserial NOT NULL,\n  "v" text NULL,\n  PRIMARY KEY ("id")\n);\nCREATE INDEX "t${i}_v" ON "t${i}" ("v");\n`,
  );
}
writeSumAtomic(dir, computeHashFile(names.map((name) => ({ name, bytes: fs.readFileSync(path.join(dir, name)) }))));
const half = Math.floor(n / 2);
const status: AtlasStatusJson = {
  Status: 'PENDING',
  Current: names[half - 1].split('_')[0],
  Next: names[half].split('_')[0],
  Applied: names
    .slice(0, half)
    .map((nm) => ({ Version: nm.split('_')[0], Applied: 2, Total: 2, ExecutedAt: '2026-01-26T10:31:05.123456Z', ExecutionTime: 1234567 })),
  Pending: names.slice(half).map((nm) => ({ Version: nm.split('_')[0], Name: nm })),
};

const times: number[] = [];
let rows = 0;
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  const files = readFolder(dir);
  const merged = mergeStatus(files, status, editedFiles(dir, files));
  const result = statusResult({ env: 'local', projectUri: 'file:///p/atlas.hcl', dir }, merged, JSON.parse(JSON.stringify(status)) as AtlasStatusJson);
  // What crosses the LSP connection, then what the tree renders.
  const wire = JSON.parse(JSON.stringify(result)) as typeof result;
  rows = labelAll([wire]).length;
  times.push(performance.now() - t0);
}
fs.rmSync(dir, { recursive: true, force: true });
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
console.log(`tree refresh, ${n} migrations (${rows} rows; folder read + atlas.sum check + status merge + JSON round trip + labels), ${runs} runs:`);
console.log(`  p50 ${pct(50)} ms   p95 ${pct(95)} ms   max ${times[times.length - 1].toFixed(1)} ms   (target ≤ 200 ms)`);
