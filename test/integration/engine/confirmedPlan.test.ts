// The engine API executes exactly a confirmed plan: applyPlan / applyDown refuse with kind `planChanged` (and write
// nothing) when a file changed after the plan was shown, or when the database got a new revision; a plan applied
// unchanged runs exactly its statements. Real PostgreSQL 15 target, real folders (embedded PGlite dev for down).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { applyDown, applyPlan, planApply, planDown, targetOf, type Target } from '../../../server/src/engine';
import { openDirPath } from '../../../server/src/migrate/dir';
import { adminQuery, cli, dbUrl, dropDb, migrationDir, planRefusal, publicTables, revisions, scratchDb } from '../apply/support';

const files = {
  '1_init.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n',
  '2_pets.sql': 'CREATE TABLE pets (id int);\nCREATE INDEX pets_id ON pets (id);\n',
};

describe('engine API: a confirmed plan runs exactly as shown', function () {
  this.timeout(180_000);
  let db: string;
  let dir: string;
  const target = (): Promise<Target> => targetOf({ url: dbUrl(db), dir: () => openDirPath(dir), cwd: dir });
  beforeEach(async () => {
    db = await scratchDb('engineplan');
    dir = migrationDir(files);
  });
  afterEach(async () => {
    await dropDb(db);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses (planChanged, nothing applied) when a file changed after the plan was shown, re-hashed or not', async () => {
    const { plan } = await planApply(await target(), {});
    assert.deepEqual(
      plan.files.map((f) => f.name),
      ['1_init.sql', '2_pets.sql'],
    );
    fs.writeFileSync(path.join(dir, '2_pets.sql'), 'DROP TABLE users;\n');
    const unhashed = await planRefusal(applyPlan(await target(), plan), 'the folder or the database');
    assert.equal(unhashed.kind, 'planChanged', unhashed.message);
    assert.match(unhashed.message, /2_pets\.sql/);
    openDirPath(dir).writeSum();
    const rehashed = await planRefusal(applyPlan(await target(), plan), 'the folder or the database');
    assert.equal(rehashed.kind, 'planChanged', rehashed.message);
    assert.deepEqual(await publicTables(db), [], 'something was applied');
    const schemas = await adminQuery(`SELECT 1 FROM pg_namespace WHERE nspname = 'atlas_schema_revisions'`, [], db);
    assert.equal(schemas.length, 0, 'the revisions schema was created');
  });

  it('refuses (planChanged, nothing applied) when the database got a new revision after the plan', async () => {
    const { plan } = await planApply(await target(), {});
    const other = await cli(['migrate', 'apply', '1', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(other.code, 0, other.stderr);
    const before = await revisions(db);
    const e = await planRefusal(applyPlan(await target(), plan), 'the folder or the database');
    assert.equal(e.kind, 'planChanged', e.message);
    assert.match(e.message, /revisions changed/);
    assert.deepEqual(await revisions(db), before, 'the revisions moved');
    assert.deepEqual(await publicTables(db), ['users'], 'file 2 was applied');
  });

  it('a plan applied unchanged runs exactly its statements', async () => {
    const { plan } = await planApply(await target(), { amount: 1 });
    assert.deepEqual(
      plan.files.map((f) => [f.name, f.statements]),
      [['1_init.sql', ['CREATE TABLE users (id int PRIMARY KEY);']]],
    );
    const report = await applyPlan(await target(), plan);
    assert.deepEqual(
      report.applied.map((f) => [f.file.name, f.applied]),
      plan.files.map((f) => [f.name, f.statements]),
    );
    assert.deepEqual(
      (await revisions(db)).map((r) => [r.version, r.applied, r.hash]),
      plan.files.map((f) => [f.version, '1', f.hash]),
    );
    assert.deepEqual(await publicTables(db), ['users']);
  });

  it('cancelled between files: the result says where it stopped, the finished file is recorded, the next never ran', async () => {
    const { plan } = await planApply(await target(), {});
    const ac = new AbortController();
    const e = await planRefusal(applyPlan(await target(), plan, { signal: ac.signal, onFile: () => ac.abort() }), 'the folder or the database');
    assert.equal(e.kind, 'cancelled', e.message);
    assert.match(e.message, /cancelled before version 2/);
    assert.deepEqual(
      (await revisions(db)).map((r) => [r.version, r.applied, r.total, r.error]),
      [['1', '1', '1', '']],
    );
    assert.deepEqual(await publicTables(db), ['users']);
  });

  it('down: a confirmed down plan refuses after a new revision, and runs exactly its statements otherwise', async () => {
    const applied = await cli(['migrate', 'apply', '1', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(applied.code, 0, applied.stderr);
    const hooks = { cwd: dir };
    const stale = (await planDown(await target(), { amount: 1 }, hooks)).plan;
    assert.deepEqual(
      stale.reverted.map((r) => r.version),
      ['1'],
    );
    const more = await cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`]);
    assert.equal(more.code, 0, more.stderr);
    const e = await planRefusal(applyDown(await target(), stale, undefined, hooks), 'the folder or the database');
    assert.equal(e.kind, 'planChanged', e.message);
    assert.deepEqual(await publicTables(db), ['pets', 'users'], 'the stale down plan ran');
    const { plan } = await planDown(await target(), { amount: 1 }, hooks);
    assert.ok(plan.destructive, 'dropping pets is destructive');
    const done = await applyDown(await target(), plan, undefined, hooks);
    assert.equal(done.status, 'APPLIED');
    assert.deepEqual(done.planned, plan.statements);
    assert.deepEqual(await publicTables(db), ['users']);
    assert.deepEqual(
      (await revisions(db)).map((r) => r.version),
      ['1'],
    );
  });
});
