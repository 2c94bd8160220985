// `--env NAME` with atlas.hcl: url from getenv, migration { dir, revisions_schema, exec_order, baseline },
// format.migrate.status; flags given on the command line win over the file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminQuery, cli, dbUrl, dropDb, migrationDir, revisions, scratchDb } from './support';

describe('migrate apply/status with --env', function () {
  this.timeout(60_000);
  let db: string;
  before(async () => {
    db = await scratchDb('envapply');
  });
  after(async () => {
    await dropDb(db);
  });

  it('takes the URL, folder, revisions schema and exec order from atlas.hcl', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-envapply-'));
    fs.mkdirSync(path.join(ws, 'db', 'migrations'), { recursive: true });
    const dir = migrationDir({ '1_a.sql': 'CREATE TABLE a (x int);\n', '3_c.sql': 'CREATE TABLE c (x int);\n' }, path.join(ws, 'db', 'migrations'));
    fs.writeFileSync(
      path.join(ws, 'atlas.hcl'),
      [
        'env "local" {',
        '  url = getenv("APP_DB_URL")',
        '  migration {',
        '    dir = "file://db/migrations"',
        '    revisions_schema = "audit"',
        '    exec_order = LINEAR_SKIP',
        '  }',
        '  format {',
        '    migrate {',
        '      status = "{{ json . }}"',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const env = { ...process.env, APP_DB_URL: dbUrl(db) };
    const r = await cli(['migrate', 'apply', '--env', 'local'], ws, env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      (await revisions(db, 'audit')).map((x) => x.version),
      ['1', '3'],
    );
    migrationDir({ '2_b.sql': 'CREATE TABLE b (x int);\n' }, dir);
    const skip = await cli(['migrate', 'apply', '--env', 'local'], ws, env);
    assert.equal(skip.stdout, 'No migration files to execute\n');
    const lin = await cli(['migrate', 'apply', '--env', 'local', '--exec-order', 'linear'], ws, env);
    assert.equal(lin.stderr, 'Error: env "local": migration file 2_b.sql was added out of order. See: https://atlasgo.io/versioned/apply#non-linear-error\n');
    const st = JSON.parse((await cli(['migrate', 'status', '--env', 'local'], ws, env)).stdout);
    assert.equal(st.Current, '3');
    assert.equal(st.Env.Dir, 'file://db/migrations');
    assert.equal((await adminQuery(`SELECT 1 FROM pg_namespace WHERE nspname = 'atlas_schema_revisions'`, [], db)).length, 0);
    const unset = await cli(['migrate', 'status', '--env', 'local'], ws, { ...process.env, APP_DB_URL: undefined });
    assert.equal(unset.code, 1);
    assert.equal(unset.stderr, 'Error: env "local": url is empty: getenv("APP_DB_URL") is not set (set it in the environment or in .env beside atlas.hcl)\n');
  });
  it('applies to every instance of a for_each env (one schema per tenant)', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-tenants-'));
    fs.mkdirSync(path.join(ws, 'migrations'));
    migrationDir({ '1_a.sql': 'CREATE TABLE a (x int);\n' }, path.join(ws, 'migrations'));
    fs.writeFileSync(
      path.join(ws, 'atlas.hcl'),
      [
        'env "tenant" {',
        '  for_each = toset(["t_one", "t_two"])',
        `  url = "${dbUrl(db)}&search_path=\${each.value}"`,
        '  migration {',
        '    dir = "file://migrations"',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const r = await cli(['migrate', 'apply', '--env', 'tenant'], ws);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.match(/Migrating to version 1 \(1 migrations in total\):/g)?.length, 2);
    for (const t of ['t_one', 't_two'])
      assert.deepEqual(
        (await revisions(db, t)).map((x) => x.version),
        ['1'],
      );
    const st = await cli(['migrate', 'status', '--env', 'tenant'], ws);
    assert.equal(st.stdout.match(/Migration Status: OK/g)?.length, 2);
  });
});
