// Bench: inspect of a generated 1,000-table schema vs `pg_dump --schema-only` on the same PostgreSQL 15
// database (goal ≤ 1.0×). Run: node --import tsx bench/inspect-speed.ts  (uses DATABASE_URL or starts a server)
import { execFileSync } from 'node:child_process';
import { inspect } from '../server/src/schema/inspect';
import { diff } from '../server/src/schema/diff';
import { planText } from '../server/src/schema/plan';
import type { Realm } from '../server/src/schema/model';
import { openDatabase } from '../server/src/db/connect';
import { schemaSql } from './generatedProject';

const TABLES = Number(process.env.BENCH_TABLES ?? 1000);
const PG_DUMP = process.env.PG_DUMP ?? '/usr/lib/postgresql/15/bin/pg_dump';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  let stop: (() => void) | undefined;
  let base = process.env.DATABASE_URL;
  if (!base) {
    // @ts-expect-error plain ESM helper without types
    const { startPostgres } = await import('../scripts/pg.mjs');
    const srv = await startPostgres();
    base = srv.url as string;
    stop = () => srv.stop();
  }
  const admin = await openDatabase(base);
  const name = `bench_inspect_${process.pid}`;
  await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const db = await openDatabase(u.toString());
  try {
    await db.exec(schemaSql(TABLES));
    const ours: number[] = [];
    const dump: number[] = [];
    let tables = 0;
    let model: Realm | undefined;
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      const realm = await inspect(db);
      model = realm;
      ours.push(performance.now() - t);
      tables = realm.schemas.reduce((n, s) => n + s.tables.length, 0);
      t = performance.now();
      execFileSync(PG_DUMP, ['--schema-only', '-d', u.toString()], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
      dump.push(performance.now() - t);
    }
    const tp = performance.now();
    const text = planText(diff({ schemas: [], extensions: [] }, model!));
    const planMs = performance.now() - tp;
    const a = median(ours);
    const b = median(dump);
    console.log(
      `inspect-speed: ${tables} tables; atlas-wb inspect median ${a.toFixed(0)} ms (runs ${ours.map((x) => x.toFixed(0)).join(', ')}); ` +
        `pg_dump --schema-only median ${b.toFixed(0)} ms (runs ${dump.map((x) => x.toFixed(0)).join(', ')}); ratio ${(a / b).toFixed(2)}x (goal ≤ 1.0x); ` +
        `planning the whole schema as SQL (${text.split('\n').length} lines) ${planMs.toFixed(0)} ms`,
    );
  } finally {
    await db.close();
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
    stop?.();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
