// `schema inspect` against Atlas's own goldens (corpus atlas-testdata cli-inspect*.txtar): HCL output,
// --exclude on tables and columns, and the `{{ sql . }}` format of a file loaded on the dev database.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusPath } from '../../support/corpus';
import { memoryIO } from '../../../server/src/cli/io';
import { run as schemaInspect } from '../../../server/src/cli/schemaInspect';
import { run as migrateDiff } from '../../../server/src/cli/migrateDiff';
import { generateMigration } from '../../../server/src/migrate/diff';
import { connect, dropDatabase, scratchDatabase, urlFor } from './support';

/** Sections of a txtar archive by name. */
function txtar(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  let name: string | undefined;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^-- (.+) --$/.exec(line);
    if (m) {
      name = m[1];
      out[name] = '';
      continue;
    }
    if (name) out[name] += `${line}\n`;
  }
  return out;
}
/** An Atlas golden of the corpus; a missing one fails (the corpus is a required fixture, never a reason to skip). */
const golden = (f: string) => {
  const file = path.join(corpusPath('atlas-testdata/internal/integration/testdata/postgres'), f);
  assert.ok(fs.existsSync(file), `missing Atlas golden ${file}: the corpus (../shared/corpus or ATLAS_WB_CORPUS) is required`);
  return file;
};

describe('schema inspect vs Atlas goldens (PostgreSQL 15)', function () {
  this.timeout(60000);
  let db: string;
  before(async () => {
    db = await scratchDatabase('golden');
    const c = await connect(urlFor(db));
    await c.exec(`CREATE SCHEMA script_cli_inspect; CREATE TABLE script_cli_inspect.users (id int NOT NULL, a int NOT NULL, b int NOT NULL, ab int NOT NULL, ac int4 NOT NULL);
      CREATE SCHEMA script_cli_inspect_file;
      CREATE SCHEMA script_column_enum; CREATE TYPE script_column_enum.status AS ENUM ('active', 'inactive');
      CREATE TABLE script_column_enum.users (type script_column_enum.status NOT NULL DEFAULT 'inactive');
      CREATE SCHEMA script_column_default; CREATE TABLE script_column_default.users (name character varying NOT NULL DEFAULT 'unknown',
        age int NOT NULL DEFAULT 1, active boolean NOT NULL DEFAULT true, bpchar bpchar NOT NULL DEFAULT 'foo');
      CREATE SCHEMA script_table_checks; CREATE SCHEMA script_cli_migrate_diff`);
    await c.close();
  });
  after(async () => {
    await dropDatabase(db);
  });

  const inspectOut = async (...args: string[]) => {
    const io = memoryIO(os.tmpdir(), {});
    assert.equal(await schemaInspect(args, io), 0);
    return io.stdout;
  };

  it('cli-inspect.txtar: HCL and --exclude', async function () {
    const file = golden('cli-inspect.txtar');
    const g = txtar(file);
    const url = urlFor(db, 'search_path=script_cli_inspect');
    assert.equal(await inspectOut('-u', url), g['script_cli_inspect.hcl'].replace(/\n+$/, '\n'));
    assert.equal(await inspectOut('-u', url, '--exclude', 'users'), g['notable.hcl'].replace(/\n+$/, '\n'));
    assert.equal(await inspectOut('-u', url, '--exclude', '*.[ab]*'), g['id.hcl'].replace(/\n+$/, '\n'));
    assert.equal(await inspectOut('-u', url, '--exclude', '*.*'), g['nocolumn.hcl'].replace(/\n+$/, '\n'));
  });

  it('cli-inspect-file.txtar: a SQL file on the dev database, as HCL and as SQL', async function () {
    const file = golden('cli-inspect-file.txtar');
    const g = txtar(file);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-golden-'));
    try {
      fs.writeFileSync(path.join(work, 'a.sql'), g['a.sql']);
      const dev = urlFor(db, 'search_path=script_cli_inspect_file');
      const run = async (...extra: string[]) => {
        const io = memoryIO(work, {});
        assert.equal(await schemaInspect(['-u', 'file://a.sql', '--dev-url', dev, ...extra], io), 0);
        return io.stdout;
      };
      assert.equal(await run(), g['script_cli_inspect.hcl'].replace(/\n+$/, '\n'));
      assert.equal(await run('--format', '{{ sql . }}'), g['script_cli_inspect.sql'].replace(/\n+$/, '\n'));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('column-enum.txtar and column-default.txtar: enum before table, literal defaults without casts', async function () {
    const e = golden('column-enum.txtar');
    const d = golden('column-default.txtar');
    assert.equal(await inspectOut('-u', urlFor(db, 'search_path=script_column_enum'), '--format', '{{ sql . "  " }}'), txtar(e)['want.sql']);
    assert.equal(await inspectOut('-u', urlFor(db, 'search_path=script_column_default')), txtar(d)['1.inspected.hcl'].replace(/\n+$/, '\n'));
  });

  it("table-checks.txtar: migrate diff v1 → v3 writes Atlas's files, each followed by a synced check", async function () {
    const file = golden('table-checks.txtar');
    const g = txtar(file);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-golden-'));
    const dev = urlFor(db, 'search_path=script_table_checks');
    try {
      const steps: Array<[string, string]> = [
        ['v1', 'schema.sql'],
        ['v2', 'schema.v2.sql'],
        ['v3', 'schema.v3.sql'],
      ];
      for (const [i, [name, schema]] of steps.entries()) {
        fs.writeFileSync(path.join(work, schema), g[schema]);
        const args = ['--dir', 'file://migrations', '--to', `file://${schema}`, '--dev-url', dev, '--format', '{{ sql . "  " }}'];
        // The file itself through the flow (explicit clock: one version per step); the check through the CLI.
        await generateMigration({
          dir: 'file://migrations',
          to: `file://${schema}`,
          name,
          devUrl: dev,
          cwd: work,
          format: { indent: '  ' },
          date: new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
        });
        const files = fs
          .readdirSync(path.join(work, 'migrations'))
          .filter((f) => f.endsWith('.sql'))
          .sort();
        assert.equal(files.length, i + 1);
        assert.equal(fs.readFileSync(path.join(work, 'migrations', files[i]), 'utf8'), g[`migration.${name}.sql`].replace(/\n+$/, '\n'));
        const check = memoryIO(work, {});
        assert.equal(await migrateDiff([`${name}-check`, ...args], check), 0);
        assert.equal(check.stdout, 'The migration directory is synced with the desired state, no changes to be made\n');
      }
      assert.equal(
        await inspectOut('-u', 'file://' + path.join(work, 'schema.sql'), '--dev-url', dev, '--format', '{{ sql . "  " }}'),
        g['schema.inspected.sql'].replace(/\n+$/, '\n'),
      );
      assert.equal(await inspectOut('-u', 'file://' + path.join(work, 'schema.sql'), '--dev-url', dev), g['schema.inspected.hcl'].replace(/\n+$/, '\n'));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('cli-migrate-diff.txtar: HCL schema files as the desired state', async function () {
    const file = golden('cli-migrate-diff.txtar');
    const g = txtar(file);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-golden-'));
    const dev = urlFor(db, 'search_path=script_cli_migrate_diff');
    try {
      for (const [i, step] of ['1', '2'].entries()) {
        fs.writeFileSync(path.join(work, `${step}.hcl`), g[`${step}.hcl`]);
        const r = await generateMigration({
          dir: 'file://migrations',
          to: `file://./${step}.hcl`,
          name: step,
          devUrl: dev,
          cwd: work,
          date: new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
        });
        assert.equal(r.content, g[`${step}.sql`].replace(/\n+$/, '\n'));
      }
      const io = memoryIO(work, {});
      await assert.rejects(migrateDiff(['--dir', 'file://migrations', '--dev-url', dev], io), /required flag\(s\) "to" not set/);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
