// Connection and mid-apply failures give clear messages naming the env and the file, never the password.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startAuthServer, type AuthServer } from './authServer';
import { adminQuery, cli, dbUrl, dropDb, migrationDir, revisions, scratchDb, spawnCli } from '../apply/support';
import { openDatabase } from '../../../server/src/db/connect';

const SECRET = 'S3cr#t:p@ss/word';
const enc = encodeURIComponent(SECRET);

describe('connection errors and password masking', function () {
  this.timeout(60_000);
  let auth: AuthServer | undefined;
  before(async () => {
    auth = await startAuthServer(SECRET);
  });
  after(() => auth?.stop());

  it('connects with a URL-encoded password and rejects a wrong one clearly', async () => {
    assert.ok(auth, 'PostgreSQL 15 binaries are required');
    const good = await openDatabase(`postgres://postgres:${enc}@127.0.0.1:${auth.port}/postgres?sslmode=disable`);
    assert.equal(good.displayUrl, `postgres://postgres:****@127.0.0.1:${auth.port}/postgres?sslmode=disable`);
    assert.equal((await good.query<{ n: number }>('SELECT 1 AS n')).rows[0].n, 1);
    await good.close();
    const dir = migrationDir({ '1_a.sql': 'SELECT 1;\n' });
    const r = await cli([
      'migrate',
      'apply',
      '--url',
      `postgres://postgres:wrong${enc}@127.0.0.1:${auth.port}/postgres?sslmode=disable`,
      '--dir',
      `file://${dir}`,
    ]);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `Error: cannot connect to postgres://postgres:****@127.0.0.1:${auth.port}/postgres?sslmode=disable: password authentication failed for user "postgres"\n`,
    );
    assert.ok(!r.stdout.includes('wrong') && !r.stderr.includes('wrong'));
  });

  it('defaults to sslmode=require like lib/pq and says how to connect to a server without TLS', async () => {
    const u = new URL(dbUrl('postgres'));
    u.searchParams.delete('sslmode');
    await assert.rejects(openDatabase(u.toString()), {
      message: `cannot connect to ${u.toString()}: SSL is not enabled on the server (add sslmode=disable to the URL for a local server)`,
    });
  });

  it('names the env of atlas.hcl and masks its password for an unreachable host', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-env-'));
    fs.mkdirSync(path.join(ws, 'migrations'));
    migrationDir({ '1_a.sql': 'SELECT 1;\n' }, path.join(ws, 'migrations'));
    fs.writeFileSync(
      path.join(ws, 'atlas.hcl'),
      `env "prod" {\n  url = "postgres://app:${enc}@127.0.0.1:1/app?sslmode=disable"\n  migration {\n    dir = "file://migrations"\n  }\n}\n`,
    );
    for (const cmd of [
      ['migrate', 'apply'],
      ['migrate', 'status'],
      ['migrate', 'set', '1'],
    ]) {
      const r = await cli([...cmd, '--env', 'prod'], ws);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        'Error: env "prod": cannot connect to postgres://app:****@127.0.0.1:1/app?sslmode=disable: connection refused (is PostgreSQL running on 127.0.0.1:1?)\n',
      );
      assert.ok(!(r.stdout + r.stderr).includes(SECRET) && !(r.stdout + r.stderr).includes(enc));
    }
  });

  it('a dropped connection mid-apply names the file and leaves nothing half-done', async () => {
    const db = await scratchDb('dropped');
    try {
      const gateKey = 7_400_001;
      const dir = migrationDir({
        '1_a.sql': 'CREATE TABLE a (x int);\n',
        '2_b.sql': `CREATE TABLE b (x int);\nSELECT pg_advisory_xact_lock_shared(${gateKey});\nCREATE TABLE c (x int);\n`,
      });
      const gate = new pg.Client({ connectionString: dbUrl(db) });
      await gate.connect();
      await gate.query('SELECT pg_advisory_lock($1)', [gateKey]);
      const child = spawnCli(['migrate', 'apply', '--url', dbUrl(db), '--dir', `file://${dir}`]);
      let pid: number | undefined;
      while (pid === undefined) {
        const rows = await adminQuery<{ pid: number }>(
          `SELECT l.pid FROM pg_locks l WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
          [gateKey],
          db,
        );
        pid = rows[0]?.pid;
        if (pid === undefined) await new Promise((r) => setImmediate(r));
      }
      await adminQuery('SELECT pg_terminate_backend($1)', [pid]);
      const out = await child.output;
      await gate.end();
      assert.equal(out.code, 1);
      assert.match(
        out.stderr,
        /^Error: sql\/migrate: executing statement "SELECT pg_advisory_xact_lock_shared\(7400001\);" from version "2": .*terminating connection due to administrator command/,
      );
      assert.deepEqual(
        (await revisions(db)).map((r) => r.version),
        ['1'],
      );
      assert.equal((await adminQuery(`SELECT 1 FROM pg_class WHERE relname IN ('b', 'c')`, [], db)).length, 0);
    } finally {
      await dropDb(db);
    }
  });
});
