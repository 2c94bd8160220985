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
import { repoRoot } from '../../support/corpus';
import { connect, dropDatabase, scratchDatabase, urlFor } from './support';

const sqlFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
const jobQueue = fs.readFileSync(path.join(repoRoot, 'test/fixtures/schema/jobqueue/schema.sql'), 'utf8');

describe('migrate diff: fixed point and dependency order', function () {
  this.timeout(180000);
  const dbs: string[] = [];
  let work: string;
  let pgDev: string;
  beforeEach(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-fixpoint-'));
    fs.mkdirSync(path.join(work, 'migrations'));
    const dev = await scratchDatabase('fixdev'); dbs.push(dev);
    pgDev = urlFor(dev, 'search_path=public');
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));
  after(async () => { for (const d of dbs) await dropDatabase(d); await stopEmbeddedServer(); });

  /** Runs every file of the folder, in order, on a fresh PostgreSQL 15 database; returns its name. */
  async function replayOnFreshDatabase(): Promise<string> {
    const name = await scratchDatabase('fixtarget'); dbs.push(name);
    const db = await connect(urlFor(name));
    try {
      for (const f of sqlFiles(path.join(work, 'migrations'))) await execScript(db, fs.readFileSync(path.join(work, 'migrations', f), 'utf8'), f);
    } finally { await db.close(); }
    return name;
  }

  const cliDiff = async (devUrl: string | undefined, name?: string) => {
    const io = memoryIO(work, {});
    const code = await migrateDiff([...(name ? [name] : []), '--dir', 'file://migrations', '--to', 'file://schema.sql', ...(devUrl ? ['--dev-url', devUrl] : [])], io);
    assert.equal(code, 0, io.stderr);
    return io.stdout;
  };

  for (const dev of ['PostgreSQL 15', 'PGlite'] as const) {
    it(`a changed CHECK (col IN (…)) on a varchar column: the next diff reports sync (${dev} dev database)`, async () => {
      const devUrl = dev === 'PGlite' ? undefined : pgDev;
      const table = (values: string) => `CREATE TABLE tickets (id bigint PRIMARY KEY, status varchar(16) NOT NULL CHECK (status IN (${values})));\n`;
      fs.writeFileSync(path.join(work, 'schema.sql'), table("'open', 'closed'"));
      await cliDiff(devUrl, 'init');
      fs.writeFileSync(path.join(work, 'schema.sql'), table("'open', 'closed', 'archived'"));
      await cliDiff(devUrl, 'archived');
      const files = sqlFiles(path.join(work, 'migrations'));
      assert.equal(files.length, 2);
      assert.match(fs.readFileSync(path.join(work, 'migrations', files[1]), 'utf8'), /DROP CONSTRAINT "tickets_status_check", ADD CONSTRAINT "tickets_status_check" CHECK .*'archived'/);
      assert.equal(await cliDiff(devUrl), `${SYNCED_DIR}\n`);
      assert.equal(await cliDiff(devUrl), `${SYNCED_DIR}\n`);
      assert.deepEqual(sqlFiles(path.join(work, 'migrations')), files, 'no third file');
      // The files do what the schema says on a real PostgreSQL 15.
      const target = await replayOnFreshDatabase();
      const db = await connect(urlFor(target));
      try {
        await db.exec("INSERT INTO tickets VALUES (1, 'archived')");
        await assert.rejects(db.exec("INSERT INTO tickets VALUES (2, 'deleted')"), /tickets_status_check/);
      } finally { await db.close(); }
    });
  }

  for (const dev of ['PostgreSQL 15', 'PGlite'] as const) {
    it(`job queue: function used by a CHECK, a generated column and a partial index is created before them; the file replays and the next diff is empty (${dev} dev database)`, async () => {
      const devUrl = dev === 'PGlite' ? undefined : pgDev;
      fs.writeFileSync(path.join(work, 'schema.sql'), jobQueue);
      const r = await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', name: 'jobs', devUrl, cwd: work });
      const at = (re: RegExp) => { const i = r.statements.findIndex((s) => re.test(s)); assert.ok(i >= 0, `no statement matches ${re}`); return i; };
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
      const d = (re: RegExp) => { const i = down.statements.findIndex((s) => re.test(s)); assert.ok(i >= 0, `no statement matches ${re}`); return i; };
      assert.ok(d(/DROP TABLE "(public"\.")?jobs"/) < d(/DROP TYPE "(public"\.")?job_state"/));
      assert.ok(d(/DROP TABLE "(public"\.")?jobs"/) < d(/DROP FUNCTION "(public"\.")?job_is_pending"/));
      await replayOnFreshDatabase();
      assert.equal((await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', devUrl, cwd: work })).synced, true);
    });
  }
});
