// The lint gate before Apply (client/src/lintRequests.ts over atlas/lint with `pending`, through a real language
// server session): on a real PostgreSQL 15 target, the files linted are exactly the files atlas/planApply plans
// (all pending, "Apply up to here" amounts, out-of-order files under NON_LINEAR), on top of the applied ones; lint
// findings and lints that did not finish both block.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gateOutcome } from '../../../client/src/lintRequests';
import { LintRequest, PlanApplyRequest, type LintResult } from '../../../server/src/protocol';
import { typedSession } from '../../support/typedSession';
import { cli, dbUrl, dropDb, migrationDir, scratchDb } from '../apply/support';

const FILES = {
  '1_init.sql': 'CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE pets (id int);\n',
  '2_posts.sql': 'CREATE TABLE posts (id int);\n',
  '3_name.sql': 'ALTER TABLE users ADD COLUMN name text NOT NULL;\n',
  '4_drop.sql': 'DROP TABLE pets;\n',
  '5_x.sql': 'CREATE TABLE x (id int);\n',
};

describe('lint gate: lints exactly the files apply will run (PostgreSQL 15)', function () {
  this.timeout(120_000);
  let db: string;
  let ws: string;
  let mig: string;
  /** atlas/lint with `pending` (the gate's request) or atlas/planApply, on a session whose GATE_DB_URL is `url`. */
  const session = async <R>(url: string, run: (t: Awaited<ReturnType<typeof typedSession>>) => Promise<R>): Promise<R> => {
    const t = await typedSession(ws, devDb ? { devDatabase: dbUrl(devDb) } : {}, { GATE_DB_URL: url });
    try {
      return await run(t);
    } finally {
      t.close();
    }
  };
  let devDb: string | undefined;
  const gateLint = (amount?: number, url = dbUrl(db)): Promise<LintResult> =>
    session(url, (t) => t.request(LintRequest, 'local', { pending: amount !== undefined ? { amount } : {} }));
  const lintFiles = (r: LintResult) => (r.summary?.Files ?? []).map((f) => f.Name);
  const planFiles = async (amount?: number) => {
    const r = await session(dbUrl(db), (t) => t.request(PlanApplyRequest, 'local', amount !== undefined ? { amount } : {}));
    assert.equal(r.error, undefined, r.error?.message);
    return r.plan!.files.map((f) => f.name);
  };

  before(async () => {
    db = await scratchDb('lint_gate');
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lint-gate-'));
    mig = path.join(ws, 'migrations');
    fs.mkdirSync(mig);
    migrationDir(FILES, mig);
    fs.writeFileSync(
      path.join(ws, 'atlas.hcl'),
      'env "local" {\n  url = getenv("GATE_DB_URL")\n  migration {\n    dir = "file://migrations"\n    exec_order = NON_LINEAR\n  }\n}\n',
    );
    const applied = await cli(['migrate', 'apply', '2', '--env', 'local'], ws, { GATE_DB_URL: dbUrl(db) });
    assert.equal(applied.code, 0, applied.stderr);
    devDb = await scratchDb('lint_gate_dev');
  });
  after(async () => {
    await dropDb(db);
    if (devDb) await dropDb(devDb);
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('Apply (all pending): the linted set equals the planned set, on top of the applied files', async () => {
    const r = await gateLint();
    assert.deepEqual(lintFiles(r), ['3_name.sql', '4_drop.sql', '5_x.sql']);
    assert.deepEqual(lintFiles(r), await planFiles());
    // 3_name.sql is analysed against the applied 1_init.sql: "users" exists and may hold rows (MF103)
    const name = r.summary!.Files.find((f) => f.Name === '3_name.sql')!;
    assert.ok(
      (name.Reports ?? []).some((x) => (x.Diagnostics ?? []).some((d) => d.Code === 'MF103')),
      JSON.stringify(r.summary),
    );
    assert.equal(r.failed, true, 'DS102 in 4_drop.sql is an error');
    const g = gateOutcome('block', 'local', r);
    assert.equal(g.action, 'block');
    assert.deepEqual(g.files, ['3_name.sql', '4_drop.sql', '5_x.sql']);
    assert.match(g.message, /blocked by lint errors in .*4_drop\.sql/);
    assert.match(g.report, /4_drop\.sql:\n.*\n {4}- Dropping table "pets".*\(DS102\)/);
    assert.equal(gateOutcome('warn', 'local', r).action, 'ask');
  });

  it('"Apply up to here": each amount lints exactly the files that apply N runs', async () => {
    for (const n of [1, 2, 3]) assert.deepEqual(lintFiles(await gateLint(n)), await planFiles(n), `amount ${n}`);
    const one = await gateLint(1);
    assert.deepEqual(lintFiles(one), ['3_name.sql']);
    assert.equal(one.failed, false, 'MF103 is a warning');
    assert.equal(gateOutcome('block', 'local', one).action, 'proceed');
  });

  it('an out-of-order file under NON_LINEAR is linted with the files after it, as apply runs it', async () => {
    migrationDir({ '1.5_late.sql': 'CREATE TABLE late (id int);\n' }, mig);
    try {
      const r = await gateLint();
      assert.deepEqual(lintFiles(r), ['1.5_late.sql', '3_name.sql', '4_drop.sql', '5_x.sql']);
      assert.deepEqual(lintFiles(r), await planFiles());
    } finally {
      fs.rmSync(path.join(mig, '1.5_late.sql'));
      migrationDir({}, mig);
    }
  });

  it('replays the pending files on the dev database after the applied ones', async () => {
    const r = await gateLint(1);
    assert.equal(r.error, undefined, r.error?.message);
    assert.match(r.output, /^Using dev database postgres:\/\/.*lint_gate_dev/);
    assert.ok(
      r.summary!.Steps.some((x) => x.Text === 'Loaded 1 changes on dev database'),
      JSON.stringify(r.summary),
    );
  });

  it('a lint that did not finish blocks: cancelled, unreachable target', async () => {
    assert.equal(gateOutcome('warn', 'local', undefined).action, 'block');
    assert.match(gateOutcome('warn', 'local', undefined).message, /did not finish \(cancelled/);
    const down = await gateLint(undefined, 'postgres://postgres@127.0.0.1:1/nope?sslmode=disable');
    assert.equal(down.error?.kind, 'connectionRefused');
    const g = gateOutcome('warn', 'local', down);
    assert.equal(g.action, 'block');
    assert.match(g.message, /the lint gate did not finish \(pending files of env "local": /);
  });
});
