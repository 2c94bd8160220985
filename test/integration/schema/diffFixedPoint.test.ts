// A generated migration must be a fixed point (a second `migrate diff` with no schema change writes nothing)
// and must replay: statements ordered by what pg_depend records, not by object kind. Real dev databases
// (a scratch PostgreSQL 15 database and the embedded PGlite), real files, the CLI's output.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMigration, SYNCED_DIR } from '../../../server/src/migrate/diff';
import { execScript } from '../../../server/src/migrate/diffSource';
import { stopEmbeddedServer } from '../../../server/src/db/dev';
import { memoryIO } from '../../../server/src/cli/io';
import { run as migrateDiff } from '../../../server/src/cli/migrateDiff';
import { createMigration } from '../../../server/src/migrate/newFile';
import { openDir } from '../../../server/src/migrate/dir';
import { repoRoot } from '../../support/corpus';
import { connect, dropDatabase, scratchDatabase, urlFor } from './support';

const sqlFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
const jobQueue = fs.readFileSync(path.join(repoRoot, 'test/fixtures/schema/jobqueue/schema.sql'), 'utf8');

describe('migrate diff: fixed point and dependency order', function () {
  this.timeout(180000);
  const dbs: string[] = [];
  let work: string;
  let pgDev: string;
  beforeEach(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-fixpoint-'));
    fs.mkdirSync(path.join(work, 'migrations'));
    const dev = await scratchDatabase('fixdev');
    dbs.push(dev);
    pgDev = urlFor(dev, 'search_path=public');
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));
  after(async () => {
    for (const d of dbs) await dropDatabase(d);
    await stopEmbeddedServer();
  });

  /** Runs every file of the folder, in order, on a fresh PostgreSQL 15 database; returns its name. */
  async function replayOnFreshDatabase(): Promise<string> {
    const name = await scratchDatabase('fixtarget');
    dbs.push(name);
    const db = await connect(urlFor(name));
    try {
      for (const f of sqlFiles(path.join(work, 'migrations'))) await execScript(db, fs.readFileSync(path.join(work, 'migrations', f), 'utf8'), f);
    } finally {
      await db.close();
    }
    return name;
  }

  const cliDiff = async (devUrl: string | undefined) => {
    const io = memoryIO(work, {});
    const code = await migrateDiff(['--dir', 'file://migrations', '--to', 'file://schema.sql', ...(devUrl ? ['--dev-url', devUrl] : [])], io);
    assert.equal(code, 0, io.stderr);
    return io.stdout;
  };

  for (const dev of ['PostgreSQL 15', 'PGlite'] as const) {
    it(`a changed CHECK (col IN (…)) on a varchar column: the next diff reports sync (${dev} dev database)`, async () => {
      const devUrl = dev === 'PGlite' ? undefined : pgDev;
      const table = (values: string) => `CREATE TABLE tickets (id bigint PRIMARY KEY, status varchar(16) NOT NULL CHECK (status IN (${values})));\n`;
      const gen = (name: string, day: number) =>
        generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', name, devUrl, cwd: work, date: new Date(Date.UTC(2024, 0, day)) });
      fs.writeFileSync(path.join(work, 'schema.sql'), table("'open', 'closed'"));
      await gen('init', 1);
      fs.writeFileSync(path.join(work, 'schema.sql'), table("'open', 'closed', 'archived'"));
      const changed = await gen('archived', 2);
      const files = sqlFiles(path.join(work, 'migrations'));
      assert.deepEqual(files, ['20240101000000_init.sql', '20240102000000_archived.sql']);
      assert.match(changed.content, /DROP CONSTRAINT "tickets_status_check", ADD CONSTRAINT "tickets_status_check" CHECK .*'archived'/);
      assert.equal(await cliDiff(devUrl), `${SYNCED_DIR}\n`);
      assert.equal(await cliDiff(devUrl), `${SYNCED_DIR}\n`);
      assert.deepEqual(sqlFiles(path.join(work, 'migrations')), files, 'no third file');
      // The files do what the schema says on a real PostgreSQL 15.
      const target = await replayOnFreshDatabase();
      const db = await connect(urlFor(target));
      try {
        await db.exec("INSERT INTO tickets VALUES (1, 'archived')");
        await assert.rejects(db.exec("INSERT INTO tickets VALUES (2, 'deleted')"), /tickets_status_check/);
      } finally {
        await db.close();
      }
    });
  }

  it('defaults, generated columns, index expressions and predicates, views with IN (…) on varchar: in sync after apply, a real change still planned, the dev database left clean', async () => {
    const schema = (list: string) => `CREATE TABLE items (
  id int PRIMARY KEY,
  status varchar(16) NOT NULL,
  flag boolean DEFAULT ('a'::varchar IN ('a', 'b')),
  code varchar(8) DEFAULT ('x'::varchar(8) || 'y'),
  live boolean GENERATED ALWAYS AS (status IN ('a', 'b')) STORED
);
CREATE INDEX items_live ON items ((status IN ('a', 'b'))) WHERE status IN ('c', 'd');
CREATE VIEW live_items AS SELECT id, status FROM items WHERE status IN (${list});
CREATE MATERIALIZED VIEW live_counts AS SELECT status, count(*) AS n FROM items WHERE status IN ('a', 'b') GROUP BY status;
`;
    fs.writeFileSync(path.join(work, 'schema.sql'), schema("'a', 'b'"));
    const first = await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', name: 'items', devUrl: pgDev, cwd: work });
    assert.match(first.content, /= ANY/);
    assert.equal(await cliDiff(pgDev), `${SYNCED_DIR}\n`);
    // A real difference in an expression is still a change.
    fs.writeFileSync(path.join(work, 'schema.sql'), schema("'a', 'b', 'z'"));
    const changed = await generateMigration({
      dir: 'file://migrations',
      to: 'file://schema.sql',
      name: 'z',
      devUrl: pgDev,
      cwd: work,
      date: new Date(Date.UTC(2030, 0, 1)),
    });
    assert.deepEqual(
      changed.statements.map((x) => /^(DROP|CREATE) VIEW "\w+"/.exec(x)?.[0] ?? x),
      ['DROP VIEW "live_items"', 'CREATE VIEW "live_items"'],
    );
    assert.equal(await cliDiff(pgDev), `${SYNCED_DIR}\n`);
    // The dev database holds nothing of ours: no scratch schema, no table, no view.
    const dev = await connect(pgDev);
    try {
      const left = await dev.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')",
      );
      assert.equal(left.rows[0].n, '0');
      const schemas = await dev.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'atlas_wb_normalize%'");
      assert.deepEqual(schemas.rows, []);
    } finally {
      await dev.close();
    }
    await replayOnFreshDatabase();
  });

  for (const dev of ['PostgreSQL 15', 'PGlite'] as const) {
    it(`job queue: function used by a CHECK, a generated column and a partial index is created before them; the file replays and the next diff is empty (${dev} dev database)`, async () => {
      const devUrl = dev === 'PGlite' ? undefined : pgDev;
      fs.writeFileSync(path.join(work, 'schema.sql'), jobQueue);
      const r = await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', name: 'jobs', devUrl, cwd: work });
      const at = (re: RegExp) => {
        const i = r.statements.findIndex((s) => re.test(s));
        assert.ok(i >= 0, `no statement matches ${re}`);
        return i;
      };
      const fn = at(/FUNCTION public\.job_is_pending\(/);
      assert.ok(at(/TYPE "(public"\.")?job_state" AS ENUM/) < fn, 'the enum the function takes comes first');
      assert.ok(fn < at(/^CREATE TABLE "(public"\.")?jobs" /), 'function before the table whose CHECK and generated column call it');
      assert.ok(fn < at(/CREATE INDEX "jobs_fetch_idx"/), 'function before the partial index');
      assert.ok(at(/FUNCTION public\.jobs_touch\(/) < at(/CREATE TRIGGER jobs_touch/));
      assert.ok(at(/CREATE TABLE "(public"\.")?jobs" /) < at(/CREATE VIEW "(public"\.")?queue_backlog"/));
      // Statements without a dependency reason keep the phase order (Atlas's order).
      assert.ok(at(/CREATE SEQUENCE "(public"\.")?job_batch_seq"/) < at(/FUNCTION public\.jobs_touch\(/));
      assert.ok(at(/FUNCTION public\.jobs_touch\(/) < at(/^CREATE TABLE "(public"\.")?job_queues" /));
      await replayOnFreshDatabase();
      const again = await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', devUrl, cwd: work });
      assert.equal(again.synced, true, again.content);

      // Dropping it all again: dependents go before what they use (the table before its enum and function).
      fs.writeFileSync(path.join(work, 'schema.sql'), 'CREATE TABLE keep (id int);\n');
      const down = await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', name: 'drop', devUrl, cwd: work });
      const d = (re: RegExp) => {
        const i = down.statements.findIndex((s) => re.test(s));
        assert.ok(i >= 0, `no statement matches ${re}`);
        return i;
      };
      assert.ok(d(/DROP TABLE "(public"\.")?jobs"/) < d(/DROP TYPE "(public"\.")?job_state"/));
      assert.ok(d(/DROP TABLE "(public"\.")?jobs"/) < d(/DROP FUNCTION "(public"\.")?job_is_pending"/));
      await replayOnFreshDatabase();
      assert.equal((await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', devUrl, cwd: work })).synced, true);
    });
  }

  it('dropping the job queue written by hand: the table goes before its enum, function and sequence; the file replays (PostgreSQL 15 dev database)', async () => {
    createMigration(openDir('file://migrations', work), 'init', { content: jobQueue, date: new Date(Date.UTC(2024, 0, 1)) });
    fs.writeFileSync(path.join(work, 'schema.sql'), 'CREATE TABLE keep (id int);\n');
    const down = await generateMigration({
      dir: 'file://migrations',
      to: 'file://schema.sql',
      name: 'drop',
      devUrl: pgDev,
      cwd: work,
      date: new Date(Date.UTC(2024, 0, 2)),
    });
    const d = (re: RegExp) => {
      const i = down.statements.findIndex((x) => re.test(x));
      assert.ok(i >= 0, `no statement matches ${re}`);
      return i;
    };
    const table = d(/^DROP TABLE "jobs"/);
    assert.ok(table < d(/^DROP TYPE "job_state"/));
    assert.ok(table < d(/^DROP FUNCTION "job_is_pending"/));
    assert.ok(table < d(/^DROP SEQUENCE "job_batch_seq"/));
    assert.ok(d(/^DROP FUNCTION "job_is_pending"/) < d(/^DROP TYPE "job_state"/), 'the function taking the enum goes before the enum');
    await replayOnFreshDatabase();
    assert.equal(await cliDiff(pgDev), `${SYNCED_DIR}\n`);
  });
});
