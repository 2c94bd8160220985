// The lint gate before Apply (client/src/lintRequests.ts → `migrate lint --pending`, run as the language server runs
// engine commands): on a real PostgreSQL 15 target, the files linted are exactly the files `migrate apply` plans
// (all pending, "Apply up to here" amounts, out-of-order files under NON_LINEAR), on top of the applied ones; lint
// findings and lints that did not finish both block.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gateOutcome, lintGateArgv } from '../../../client/src/lintRequests';
import { runEngine } from '../../../server/src/lsp/workbenchRun';
import { defaultSettings, type RunCommandResult } from '../../../server/src/protocol';
import { dbUrl, dropDb, migrationDir, scratchDb } from '../apply/support';

const FILES = {
  '1_init.sql': 'CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE pets (id int);\n',
  '2_posts.sql': 'CREATE TABLE posts (id int);\n',
  '3_name.sql': 'ALTER TABLE users ADD COLUMN name text NOT NULL;\n',
  '4_drop.sql': 'DROP TABLE pets;\n',
  '5_x.sql': 'CREATE TABLE x (id int);\n',
};

interface Json {
  Files?: Array<{ Name: string; Reports?: Array<{ Diagnostics: Array<{ Code: string }> }> }>;
  Pending?: Array<{ Name: string }>;
}

describe('lint gate: lints exactly the files apply will run (PostgreSQL 15)', function () {
  this.timeout(120_000);
  let db: string;
  let ws: string;
  let mig: string;
  const engine = (argv: string[], url = dbUrl(db)): Promise<RunCommandResult> =>
    runEngine({ argv: [...argv, '--env', 'local'], cwd: ws, environ: { ...process.env, GATE_DB_URL: url }, settings: defaultSettings });
  const lintFiles = (r: RunCommandResult) => ((r.json as Json).Files ?? []).map((f) => f.Name);
  const planFiles = async (extra: string[]) => {
    const r = await engine(['migrate', 'apply', ...extra, '--dry-run', '--format', '{{ json . }}']);
    assert.equal(r.exitCode, 0, r.stderr);
    return ((r.json as Json).Pending ?? []).map((f) => f.Name);
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
    const applied = await engine(['migrate', 'apply', '2']);
    assert.equal(applied.exitCode, 0, applied.stderr);
  });
  after(async () => {
    await dropDb(db);
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('Apply (all pending): the linted set equals the planned set, on top of the applied files', async () => {
    const r = await engine([...lintGateArgv(), '--static']);
    assert.deepEqual(lintFiles(r), ['3_name.sql', '4_drop.sql', '5_x.sql']);
    assert.deepEqual(lintFiles(r), await planFiles([]));
    // 3_name.sql is analysed against the applied 1_init.sql: "users" exists and may hold rows (MF103)
    const name = (r.json as Json).Files!.find((f) => f.Name === '3_name.sql')!;
    assert.ok(
      (name.Reports ?? []).some((x) => x.Diagnostics.some((d) => d.Code === 'MF103')),
      JSON.stringify(r.json),
    );
    assert.equal(r.exitCode, 1, 'DS102 in 4_drop.sql is an error');
    const g = gateOutcome('block', 'local', r);
    assert.equal(g.action, 'block');
    assert.deepEqual(g.files, ['3_name.sql', '4_drop.sql', '5_x.sql']);
    assert.match(g.message, /blocked by lint errors in .*4_drop\.sql/);
    assert.match(g.report, /4_drop\.sql:\n.*\n {4}- Dropping table "pets".*\(DS102\)/);
    assert.equal(gateOutcome('warn', 'local', r).action, 'ask');
  });

  it('"Apply up to here": each amount lints exactly the files that apply N runs', async () => {
    for (const n of [1, 2, 3]) {
      const r = await engine([...lintGateArgv(n), '--static']);
      assert.deepEqual(lintFiles(r), await planFiles([String(n)]), `amount ${n}`);
    }
    const one = await engine([...lintGateArgv(1), '--static']);
    assert.deepEqual(lintFiles(one), ['3_name.sql']);
    assert.equal(one.exitCode, 0, 'MF103 is a warning');
    assert.equal(gateOutcome('block', 'local', one).action, 'proceed');
  });

  it('an out-of-order file under NON_LINEAR is linted with the files after it, as apply runs it', async () => {
    migrationDir({ '1.5_late.sql': 'CREATE TABLE late (id int);\n' }, mig);
    try {
      const r = await engine([...lintGateArgv(), '--static']);
      assert.deepEqual(lintFiles(r), ['1.5_late.sql', '3_name.sql', '4_drop.sql', '5_x.sql']);
      assert.deepEqual(lintFiles(r), await planFiles([]));
    } finally {
      fs.rmSync(path.join(mig, '1.5_late.sql'));
      migrationDir({}, mig);
    }
  });

  it('replays the pending files on a dev database after the applied ones', async () => {
    const dev = await scratchDb('lint_gate_dev');
    try {
      const r = await engine([...lintGateArgv(1), '--dev-url', dbUrl(dev)]);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.deepEqual(lintFiles(r), ['3_name.sql']);
    } finally {
      await dropDb(dev);
    }
  });

  it('a lint that did not finish blocks: cancelled, unreachable target, engine without --pending', async () => {
    assert.equal(gateOutcome('warn', 'local', undefined).action, 'block');
    assert.match(gateOutcome('warn', 'local', undefined).message, /did not finish \(cancelled/);
    const down = await engine([...lintGateArgv(), '--static'], 'postgres://postgres@127.0.0.1:1/nope?sslmode=disable');
    assert.equal(down.exitCode, 1);
    const g = gateOutcome('warn', 'local', down);
    assert.equal(g.action, 'block');
    assert.match(g.message, /the lint gate did not finish \(pending files of env "local": /);
    const unknownFlag: RunCommandResult = { exitCode: 1, stdout: '', stderr: 'Error: unknown flag: --pending\n' };
    assert.match(gateOutcome('block', 'local', unknownFlag).message, /did not finish \(unknown flag: --pending\)/);
  });
});
