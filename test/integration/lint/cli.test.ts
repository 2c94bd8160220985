// `migrate lint` with its dev-database step: the embedded PGlite by default (and for docker:// URLs), and a real
// PostgreSQL dev URL (a scratch database on DATABASE_URL) used as given and left clean afterwards.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryIO, UserError } from '../../../server/src/cli/io';
import { run } from '../../../server/src/cli/migrateLint';
import { stopEmbeddedServer } from '../../../server/src/db/dev';
import { connect, dropDatabase, scratchDatabase, urlFor } from '../schema/support';

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lint-int-'));
  for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
  return dir;
}

const good = {
  '1_init.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text);\nCREATE TABLE pets (id int);\n',
  '2_change.sql': '-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY users_name ON users (name);\nDROP TABLE pets;\n',
};

describe('lint: migrate lint with a dev database', function () {
  this.timeout(180000);
  after(() => stopEmbeddedServer());

  it('replays on the embedded PGlite by default and reports as the static analysis does', async () => {
    const dir = folder(good);
    const io = memoryIO(dir);
    const code = await run(['--dir', 'file://.', '--latest', '1'], io);
    assert.equal(code, 1, 'DS102 is an error by default');
    assert.match(io.stderr, /^Using embedded PGlite 0\.5\.14 \(PostgreSQL 18\)/);
    assert.match(io.stdout, /-- L4: Dropping table "pets" https:\/\/atlasgo\.io\/lint\/analyzers#DS102/);
    assert.ok(!/PG10[13]/.test(io.stdout), 'CONCURRENTLY in a txmode none file is fine');
  });

  it('reports an execution error as Atlas does, with docker:// mapped to the embedded database', async () => {
    const dir = folder({
      '1_init.sql': 'CREATE TABLE users (id int);\n',
      '2_bad.sql': 'ALTER TABLE users ADD COLUMN a int;\nALTER TABLE missing ADD COLUMN b int;\n',
    });
    const io = memoryIO(dir);
    await assert.rejects(
      run(['--dir', 'file://.', '--latest', '1', '--dev-url', 'docker://postgres/15/dev'], io),
      (e: unknown) =>
        e instanceof UserError && e.message === 'executing statement: ALTER TABLE missing ADD COLUMN b int;: pq: relation "missing" does not exist',
    );
    assert.match(io.stderr, /standing in for docker:\/\/postgres\/15\/dev/);
  });

  it('uses a real PostgreSQL dev URL as given and leaves it clean', async () => {
    const name = await scratchDatabase('aw_lint_dev');
    try {
      const dir = folder(good);
      const io = memoryIO(dir);
      const code = await run(['--dir', 'file://.', '--latest', '1', '--dev-url', urlFor(name), '--format', '{{ json . }}'], io);
      assert.equal(code, 1);
      const doc = JSON.parse(io.stdout) as {
        Env: { URL: { Scheme: string; Path: string } };
        Steps: Array<{ Name: string; Text: string }>;
        Files: Array<{ Name: string }>;
      };
      assert.equal(doc.Env.URL.Scheme, 'postgres');
      assert.equal(doc.Env.URL.Path, `/${name}`);
      assert.ok(!io.stdout.includes(new URL(urlFor(name)).password || '\u0000'), 'no password in the output');
      assert.deepEqual(doc.Steps.map((s) => s.Text).slice(-2), ['Loaded 1 changes on dev database', '1 reports were found in analysis']);
      const db = await connect(urlFor(name));
      try {
        const left = await db.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'",
        );
        assert.equal(Number(left.rows[0].n), 0, 'dev database restored to clean');
      } finally {
        await db.close();
      }
      // and a second run works on it (it must be clean to be accepted)
      assert.equal(await run(['--dir', 'file://.', '--latest', '1', '--dev-url', urlFor(name)], memoryIO(dir)), 1);
    } finally {
      await dropDatabase(name);
    }
  });
});
