// A dry run writes nothing to the target database: no revisions schema or table, no baseline row, no file
// effects — with and without --baseline, on an empty database and on one that already has revisions. The target
// is snapshotted (every object and every revision row) before and after each dry run on PostgreSQL 15.
import assert from 'node:assert/strict';
import { adminQuery, cli, dbUrl, dropDb, migrationDir, scratchDb } from './support';

/** Every object outside the system schemas and every row of the revisions table, as text. */
async function snapshot(db: string): Promise<string[]> {
  const objects = await adminQuery<{ o: string }>(
    `
    SELECT 'schema ' || nspname AS o FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'
    UNION ALL SELECT 'class ' || c.oid::regclass::text || ' ' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    ORDER BY 1`,
    [],
    db,
  );
  const hasRevs = objects.some((r) => r.o.startsWith('class atlas_schema_revisions.atlas_schema_revisions '));
  const revs = hasRevs
    ? await adminQuery<{ r: string }>(`SELECT row_to_json(x)::text AS r FROM atlas_schema_revisions.atlas_schema_revisions x ORDER BY version`, [], db)
    : [];
  return [...objects.map((r) => r.o), ...revs.map((r) => r.r)];
}

const files = {
  '1_init.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n',
  '2_more.sql': 'ALTER TABLE users ADD COLUMN name text;\nCREATE TABLE pets (id int);\n',
  '3_last.sql': 'CREATE INDEX pets_id ON pets (id);\n',
};

describe('migrate apply --dry-run writes nothing to the target', function () {
  this.timeout(120_000);
  let db: string;
  beforeEach(async () => {
    db = await scratchDb('dryrun');
  });
  afterEach(async () => {
    await dropDb(db);
  });

  const apply = (...extra: string[]) => cli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${migrationDir(files)}`, ...extra]);

  it('on an empty database, without and with --baseline', async () => {
    const before = await snapshot(db);
    const plain = await apply('--dry-run');
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /-- 3 migrations\n/);
    assert.deepEqual(await snapshot(db), before, 'dry run without baseline changed the target');
    const baseline = await apply('--dry-run', '--baseline', '1');
    assert.equal(baseline.code, 0, baseline.stderr);
    assert.match(baseline.stdout, /-- 2 migrations\n/, 'the plan starts after the baseline');
    assert.deepEqual(await snapshot(db), before, 'dry run with --baseline changed the target');
  });

  it('on a database with revisions: the dry run plans the pending files and changes no row', async () => {
    const first = await apply('1');
    assert.equal(first.code, 0, first.stderr);
    const before = await snapshot(db);
    assert.ok(
      before.some((s) => s.includes('"version":"1"')),
      'the real apply wrote its revision',
    );
    const dry = await apply('--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /-- 2 migrations\n/);
    assert.deepEqual(await snapshot(db), before);
  });

  it('a real apply after the dry runs still applies everything', async () => {
    assert.equal((await apply('--dry-run', '--baseline', '1')).code, 0);
    const real = await apply();
    assert.equal(real.code, 0, real.stderr);
    const after = await snapshot(db);
    assert.ok(after.includes('class pets_id i'), after.join('\n'));
    assert.equal(after.filter((s) => s.startsWith('{')).length, 3);
  });
});
