// Bench: how cost grows with the project (issue 13), in one run, each size beside its peer or floor:
// - generate migration (embedded PGlite dev database) for folders of 100 / 1,000 / 5,000 files: the first run
//   (whole folder replayed) and warm runs (edit the desired schema, generate; only the new file is replayed), beside
//   the desired state alone on an ordinary lease (the dev database reset, the schema loaded and inspected);
// - migrate status against PostgreSQL 15 with 90 % of the folder applied, beside a floor (one SELECT of the
//   revisions + listing and reading the folder in this process);
// - inspect and plan (the whole schema as SQL) of 100 / 1,000 / 10,000 tables on PostgreSQL 15, beside
//   `pg_dump --schema-only` of the same database.
// Prints a table and writes the curves to docs/images/bench-growth.svg.
// Run: node --import tsx bench/growth.ts   (DATABASE_URL or a throw-away server; GROWTH_FILES=100,1000 GROWTH_TABLES= for part of it)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/src/db/connect';
import { openDevDatabase, stopEmbeddedServer } from '../server/src/db/dev';
import { generateMigration } from '../server/src/migrate/diff';
import { forgetCurrentStates } from '../server/src/migrate/diffCurrent';
import { loadState } from '../server/src/migrate/diffSource';
import { openDirPath } from '../server/src/migrate/dir';
import { migrateStatus } from '../server/src/migrate/status';
import { newRevision, RevisionStore, revisionsTableDDL, DEFAULT_REVISIONS_SCHEMA } from '../server/src/migrate/revisions';
import { diff } from '../server/src/schema/diff';
import { inspect } from '../server/src/schema/inspect';
import { planText } from '../server/src/schema/plan';
import { schemaSql, writeFolder } from './generatedProject';
import { writeChart, type Series } from './growthChart';
import { machineLoad } from './machineLoad';

const sizes = (v: string) => v.split(',').filter(Boolean).map(Number);
const FILES = sizes(process.env.GROWTH_FILES ?? '100,1000,5000');
const TABLES = sizes(process.env.GROWTH_TABLES ?? '100,1000,10000');
const PG_DUMP = process.env.PG_DUMP ?? '/usr/lib/postgresql/15/bin/pg_dump';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn: () => Promise<unknown> | unknown): Promise<number> => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);

interface Row {
  what: string;
  size: number;
  ours: number;
  peer: number;
  peerName: string;
}

async function folderRows(base: string, files: number, work: string): Promise<Row[]> {
  const dir = path.join(work, `migrations-${files}`);
  const all = writeFolder(dir, files);
  const schemaFile = path.join(work, 'schema.sql');
  let edits = 0;
  let clock = Date.UTC(2030, 0, 1);
  const generate = async () => {
    edits++;
    fs.writeFileSync(schemaFile, `${all}CREATE TABLE audit (id bigint PRIMARY KEY${Array.from({ length: edits }, (_, k) => `, c${k} int`).join('')});\n`);
    const r = await generateMigration({
      dir: `file://${path.basename(dir)}`,
      to: 'file://schema.sql',
      name: 'audit',
      cwd: work,
      date: new Date((clock += 1000)),
    });
    if (!r.file) throw new Error('no file generated');
    return r;
  };
  forgetCurrentStates();
  await (await openDevDatabase()).close();
  const first = await time(generate);
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) warm.push(await time(generate));
  // The desired state by itself, as every lease but generate's runs it: the embedded database reset (the previous
  // state dropped), the desired schema loaded, inspected: what a warm run would cost without the kept state
  const alone: number[] = [];
  for (let i = 0; i < 3; i++) alone.push(await time(() => loadState(['file://schema.sql'], { cwd: work })));

  // status: a database with 90 % of the folder recorded as applied
  const name = `bench_growth_status_${files}_${process.pid}`;
  const admin = await openDatabase(base);
  await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = await openDatabase(url);
  const folder = openDirPath(dir);
  const sum = folder.readSum()!;
  await db.exec(`CREATE SCHEMA ${DEFAULT_REVISIONS_SCHEMA}; SET search_path TO ${DEFAULT_REVISIONS_SCHEMA}; ${revisionsTableDDL()}; RESET search_path`);
  const store = new RevisionStore(db, DEFAULT_REVISIONS_SCHEMA);
  const applied = folder.files().slice(0, Math.floor(files * 0.9));
  for (const f of applied) await store.write(newRevision(f.version, f.desc, { applied: 1, total: 1, hash: sum.sumByName(f.name) ?? '' }));
  const status: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < 3; i++) {
    status.push(await time(() => migrateStatus({ url, dir: openDirPath(dir) })));
    floor.push(
      await time(async () => {
        const c = await openDatabase(url);
        await c.query(`SELECT * FROM ${DEFAULT_REVISIONS_SCHEMA}.atlas_schema_revisions ORDER BY version`);
        await c.close();
        for (const f of fs.readdirSync(dir)) fs.readFileSync(path.join(dir, f));
      }),
    );
  }
  await db.close();
  await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.close();
  return [
    { what: 'generate migration, first run', size: files, ours: first, peer: median(warm), peerName: 'warm run (same folder)' },
    { what: 'generate migration, warm', size: files, ours: median(warm), peer: first, peerName: 'whole-folder replay' },
    { what: 'generate migration, warm', size: files, ours: median(warm), peer: median(alone), peerName: 'the desired state alone (reset, load, inspect)' },
    { what: 'migrate status', size: files, ours: median(status), peer: median(floor), peerName: 'floor: SELECT revisions + read folder' },
  ];
}

async function schemaRows(base: string, tables: number): Promise<Row[]> {
  const name = `bench_growth_inspect_${tables}_${process.pid}`;
  const admin = await openDatabase(base);
  await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const db = await openDatabase(u.toString());
  try {
    for (let i = 0; i < tables; i += 500)
      await db.exec(
        schemaSql(Math.min(tables, i + 500))
          .split('\n')
          .slice(i * 4)
          .join('\n'),
      );
    // three runs at every size: the first on a new connection also fills PostgreSQL's catalog caches (pg_dump's run
    // always does, it connects anew); the median is a later one
    const runs = 3;
    const ours: number[] = [];
    const dump: number[] = [];
    const plan: number[] = [];
    for (let i = 0; i < runs; i++) {
      let model;
      ours.push(await time(async () => (model = await inspect(db))));
      plan.push(await time(() => planText(diff({ schemas: [], extensions: [] }, model!))));
      dump.push(await time(() => execFileSync(PG_DUMP, ['--schema-only', '-d', u.toString()], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 })));
    }
    return [
      { what: 'inspect (PostgreSQL 15)', size: tables, ours: median(ours), peer: median(dump), peerName: 'pg_dump --schema-only' },
      { what: 'plan the whole schema as SQL', size: tables, ours: median(plan), peer: median(dump), peerName: 'pg_dump --schema-only' },
    ];
  } finally {
    await db.close();
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
}

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
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-growth-'));
  const rows: Row[] = [];
  try {
    // Warm the embedded server's WASM up first (an editor session would have), on a throw-away 5-file folder.
    if (FILES.length) await folderRows(base, 5, work);
    for (const n of FILES) {
      const t = performance.now();
      rows.push(...(await folderRows(base, n, work)));
      console.log(
        `growth: the ${n}-file folder took ${ms(performance.now() - t)} in all (4 generates, 3 loads of the desired state, 6 status runs); ${machineLoad()}`,
      );
    }
    for (const n of TABLES) rows.push(...(await schemaRows(base, n)));
  } finally {
    await stopEmbeddedServer();
    fs.rmSync(work, { recursive: true, force: true });
    stop?.();
  }
  console.log(`growth: what | size | ours | peer or floor, same run | ratio (${machineLoad()})`);
  for (const r of rows) console.log(`growth: ${r.what} | ${r.size} | ${ms(r.ours)} | ${r.peerName} ${ms(r.peer)} | ${(r.ours / r.peer).toFixed(2)}x`);
  const series = new Map<string, Series>();
  for (const r of rows) {
    const s = series.get(r.what) ?? { name: r.what, points: [] };
    if (!s.points.some(([size]) => size === r.size)) s.points.push([r.size, r.ours]); // one point per size (a row per peer)
    series.set(r.what, s);
    if (r.peerName === 'pg_dump --schema-only' && r.what.startsWith('inspect')) {
      const d = series.get('pg_dump --schema-only') ?? { name: 'pg_dump --schema-only', points: [] };
      d.points.push([r.size, r.peer]);
      series.set(d.name, d);
    }
  }
  if (!FILES.length || !TABLES.length) return; // a partial run leaves the chart of the last full one
  const out = path.resolve(__dirname, '../docs/images/bench-growth.svg');
  writeChart(out, [...series.values()]);
  console.log(`growth: chart written to ${path.relative(process.cwd(), out)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
