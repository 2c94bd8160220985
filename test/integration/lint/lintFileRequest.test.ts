// "Migrate Lint" on a `.sql` file: the client sends atlas/lint with that file's path; the language server lints that
// very file on top of the files before it (not the folder's latest file), also in a folder that is not the env's.
// A real session; the dev database of the replay is a scratch PostgreSQL 15 database (the devDatabase setting).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LintRequest, type LintResult } from '../../../server/src/protocol';
import { typedSession, type TypedSession } from '../../support/typedSession';
import { dbUrl, dropDb, scratchDb } from '../apply/support';

function project(): { ws: string; mig: string } {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lint-file-'));
  const mig = path.join(ws, 'db', 'migrations');
  fs.mkdirSync(mig, { recursive: true });
  fs.writeFileSync(path.join(ws, 'atlas.hcl'), 'env "local" {\n  migration {\n    dir = "file://db/migrations"\n  }\n}\n');
  fs.writeFileSync(path.join(mig, '1_init.sql'), 'CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE pets (id int);\n');
  // needs the state of 1_init.sql: "users" exists and is not new, so the NOT NULL column is data dependent (MF103)
  fs.writeFileSync(path.join(mig, '2_name.sql'), 'ALTER TABLE users ADD COLUMN name text NOT NULL;\n');
  fs.writeFileSync(path.join(mig, '3_drop.sql'), 'DROP TABLE pets;\n');
  return { ws, mig };
}

const codes = (r: LintResult, name: string) =>
  (r.summary?.Files.find((f) => f.Name === name)?.Reports ?? []).flatMap((x) => (x.Diagnostics ?? []).map((d) => d.Code));
const names = (r: LintResult) => r.summary?.Files.map((f) => f.Name);

describe('lint: Migrate Lint on one .sql file (atlas/lint)', function () {
  this.timeout(120_000);
  let dev: string;
  let ws: string;
  let mig: string;
  let s: TypedSession;
  const lint = (file?: string) => s.request(LintRequest, 'local', file ? { file } : {});
  before(async () => {
    dev = await scratchDb('lint_file_dev');
    ({ ws, mig } = project());
    s = await typedSession(ws, { devDatabase: dbUrl(dev) });
  });
  after(async () => {
    s.close();
    await dropDb(dev);
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('a file in the middle of the folder: that file is linted, with the state of the files before it', async () => {
    const r = await lint(path.join(mig, '2_name.sql'));
    assert.equal(r.error, undefined, r.error?.message);
    assert.deepEqual(names(r), ['2_name.sql']);
    assert.ok(codes(r, '2_name.sql').includes('MF103'), JSON.stringify(r.summary));
    assert.equal(r.summary?.Steps.find((x) => x.Name === 'Detect New Migration Files')?.Text, 'Found 1 new migration files (from 3 total)');
    assert.match(r.output, /^Using dev database postgres:\/\/.*\nAnalyzing changes from version 1 to 2 \(1 migration in total\):/);
    assert.ok(!/DS102/.test(r.output), 'the later 3_drop.sql is not linted');
    assert.equal(r.failed, false, 'MF103 is a warning');
  });

  it('the latest file, the first file, and a file from another folder', async () => {
    const last = await lint(path.join(mig, '3_drop.sql'));
    assert.deepEqual(names(last), ['3_drop.sql']);
    assert.ok(codes(last, '3_drop.sql').includes('DS102'));
    assert.equal(last.failed, true, 'DS102 is an error by default');
    assert.match(last.findings ?? '', /3_drop\.sql:\n.*\n {4}- Dropping table "pets".*\(DS102\)/);
    const first = await lint(path.join(mig, '1_init.sql'));
    assert.deepEqual(names(first), ['1_init.sql']);
    assert.match(first.output, /\nAnalyzing changes until version 1 \(1 migration in total\):/);
    const other = path.join(ws, 'scratch');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, '1_a.sql'), 'CREATE TABLE a (id int);\n');
    fs.writeFileSync(path.join(other, '2_b.sql'), 'DROP TABLE a;\n');
    const o = await lint(path.join(other, '2_b.sql'));
    assert.deepEqual(names(o), ['2_b.sql']);
    assert.ok(codes(o, '2_b.sql').includes('DS102'));
  });

  it('no file (env or folder): the latest file; an unknown file is a typed notFound failure', async () => {
    const latest = await lint();
    assert.deepEqual(names(latest), ['3_drop.sql']);
    const missing = await lint(path.join(mig, '9_nope.sql'));
    assert.equal(missing.error?.kind, 'notFound');
    assert.match(missing.error?.message ?? '', /^env "local": migration file "9_nope\.sql" not found in db\/migrations$/);
  });
});
