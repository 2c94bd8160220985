// The declarative plan with confirmation on real PostgreSQL 15: `schema apply`'s plan linted on the database's state
// (a dropped column and table are destructive, a NOT NULL column without default is data dependent; what the plan
// creates holds no data), the CLI printing the findings after the plan, the engine refusing a confirmed plan after the
// desired file or the database changed (nothing run), and the typed requests atlas/planSchemaApply +
// atlas/applySchemaPlan through a real language server session.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applySchemaPlan, planSchemaApplyConfirmable, type SchemaApplyPlanInput } from '../../../server/src/engine';
import {
  ApplySchemaPlanRequest,
  PlanSchemaApplyRequest,
  type ApplySchemaPlanResult,
  type PlanSchemaApplyParams,
  type PlanSchemaApplyResult,
} from '../../../server/src/protocol';
import { startLspSession, type LspSession } from '../../support/lspSession';
import { adminQuery, cli, dbUrl, dropDb, planRefusal, publicTables, scratchDb } from '../apply/support';

const SEED = `CREATE TABLE users (id int PRIMARY KEY, email text, legacy text);
CREATE TABLE old_notes (id int);
INSERT INTO users VALUES (1, 'a@x', 'l');`;

const DESIRED = `schema "public" {}
table "users" {
  schema = schema.public
  column "id" {
    type = int
  }
  column "email" {
    type = text
    null = true
  }
  primary_key {
    columns = [column.id]
  }
}
table "tags" {
  schema = schema.public
  column "id" {
    type = int
  }
}
`;

const columns = async (db: string, table: string) =>
  (await adminQuery<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`, [table], db)).map(
    (r) => r.c,
  );
describe('schema apply: plan with lint, confirmed plan (PostgreSQL 15)', function () {
  this.timeout(180_000);
  let db: string;
  let dev: string;
  let work: string;
  const input = (): SchemaApplyPlanInput => ({
    url: dbUrl(db, { search_path: 'public', sslmode: 'disable' }),
    to: ['file://schema.pg.hcl'],
    devUrl: dbUrl(dev, { search_path: 'public', sslmode: 'disable' }),
    cwd: work,
    environ: process.env,
  });
  beforeEach(async () => {
    db = await scratchDb('splan');
    dev = await scratchDb('splandev');
    await adminQuery(SEED, [], db);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-splan-'));
    fs.writeFileSync(path.join(work, 'schema.pg.hcl'), DESIRED);
  });
  afterEach(async () => {
    fs.rmSync(work, { recursive: true, force: true });
    await dropDb(db);
    await dropDb(dev);
  });

  it('lints the plan on the database state: dropped table and column are destructive, the created table is not; nothing runs', async () => {
    const plan = await planSchemaApplyConfirmable(input());
    const statements = plan.changes.map((c) => c.statement);
    assert.deepEqual(statements, [
      'ALTER TABLE "users" DROP COLUMN "legacy";',
      'CREATE TABLE "tags" (\n  "id" integer NOT NULL\n);',
      'DROP TABLE "old_notes";',
    ]);
    assert.deepEqual(
      plan.lint.map((f) => [f.statement, f.code, f.text, f.error]),
      [
        [0, 'DS103', 'Dropping non-virtual column "legacy"', true],
        [2, 'DS102', 'Dropping table "old_notes"', true],
      ],
    );
    assert.equal(plan.destructive, true);
    assert.equal(plan.lint[0].url, 'https://atlasgo.io/lint/analyzers#DS103');
    assert.deepEqual(await publicTables(db), ['old_notes', 'users']);
  });

  it('a NOT NULL column without default on a table holding data is data dependent (MF103); warnings only: not destructive', async () => {
    await adminQuery('DROP TABLE old_notes; ALTER TABLE users DROP COLUMN legacy', [], db);
    fs.writeFileSync(path.join(work, 'schema.pg.hcl'), DESIRED.replace('  primary_key {', '  column "age" {\n    type = int\n  }\n  primary_key {'));
    const plan = await planSchemaApplyConfirmable(input());
    assert.deepEqual(
      plan.lint.map((f) => [f.code, f.analyzer, f.error]),
      [['MF103', 'data_depend', false]],
    );
    assert.equal(plan.destructive, false);
  });

  it('the CLI prints the findings after the plan, as SQL comments, before the review prompt', async () => {
    const r = await cli(['schema', 'apply', '--url', input().url, '--to', 'file://schema.pg.hcl', '--dev-url', input().devUrl!, '--dry-run'], work);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        '-- Planned Changes:',
        '-- Modify "users" table',
        'ALTER TABLE "users" DROP COLUMN "legacy";',
        '-- Create "tags" table',
        'CREATE TABLE "tags" (',
        '  "id" integer NOT NULL',
        ');',
        '-- Drop "old_notes" table',
        'DROP TABLE "old_notes";',
        '',
        '-- Lint of the planned changes (2 findings):',
        '--   destructive changes detected:',
        '--     DS103: Dropping non-virtual column "legacy" (statement 1)',
        '--       Suggested fix: Add a pre-migration check to ensure column "legacy" is NULL before dropping it',
        '--     DS102: Dropping table "old_notes" (statement 3)',
        '--       Suggested fix: Add a pre-migration check to ensure table "old_notes" is empty before dropping it',
        '',
      ].join('\n'),
    );
  });

  it('refuses a confirmed plan (planChanged, nothing run) after the desired file or the database changed', async () => {
    const plan = await planSchemaApplyConfirmable(input());
    fs.appendFileSync(path.join(work, 'schema.pg.hcl'), '\n');
    const edited = await planRefusal(applySchemaPlan(input(), plan), 'the desired state or the database');
    assert.equal(edited.kind, 'planChanged');
    assert.match(edited.message, /the desired state changed since the plan was shown \(schema\.pg\.hcl\); nothing was applied/);
    const replanned = await planSchemaApplyConfirmable(input());
    await adminQuery('ALTER TABLE users ADD COLUMN nick text', [], db);
    const moved = await planRefusal(applySchemaPlan(input(), replanned), 'the desired state or the database');
    assert.equal(moved.kind, 'planChanged');
    assert.match(moved.message, /the database schema changed since the plan was shown/);
    assert.deepEqual(await publicTables(db), ['old_notes', 'users']);
    assert.deepEqual(await columns(db, 'users'), ['id', 'email', 'legacy', 'nick']);
  });

  it('a confirmed plan applied unchanged runs its statements; planning again is synced', async () => {
    const plan = await planSchemaApplyConfirmable(input());
    const done = await applySchemaPlan(input(), plan);
    assert.equal(done.applied, 3);
    assert.deepEqual(await publicTables(db), ['tags', 'users']);
    assert.deepEqual(await columns(db, 'users'), ['id', 'email']);
    const again = await planSchemaApplyConfirmable(input());
    assert.deepEqual(again.changes, []);
  });
});

describe('workbench: atlas/planSchemaApply and atlas/applySchemaPlan (language server, PostgreSQL 15)', function () {
  this.timeout(180_000);
  let db: string;
  let dev: string;
  let root: string;
  let projectUri: string;
  let session: LspSession | undefined;
  beforeEach(async () => {
    db = await scratchDb('splanlsp');
    dev = await scratchDb('splanlspdev');
    await adminQuery(SEED, [], db);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-splanlsp-'));
    fs.mkdirSync(path.join(root, 'schema'));
    fs.writeFileSync(path.join(root, 'schema', 'app.pg.hcl'), DESIRED);
    const q = { search_path: 'public', sslmode: 'disable' };
    fs.writeFileSync(
      path.join(root, 'atlas.hcl'),
      `env "local" {\n  url = "${dbUrl(db, q)}"\n  dev = "${dbUrl(dev, q)}"\n  src = ["file://schema/app.pg.hcl"]\n}\n`,
    );
    projectUri = pathToFileURL(path.join(root, 'atlas.hcl')).href;
    session = await startLspSession(root, { workspace: { configuration: true } });
    session.rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  });
  afterEach(async () => {
    session?.close();
    session = undefined;
    fs.rmSync(root, { recursive: true, force: true });
    await dropDb(db);
    await dropDb(dev);
  });
  const plan = (extra: Partial<PlanSchemaApplyParams> = {}) =>
    session!.rpc.sendRequest<PlanSchemaApplyResult>(PlanSchemaApplyRequest.method, { projectUri, env: 'local', ...extra });
  const apply = (planId: string) => session!.rpc.sendRequest<ApplySchemaPlanResult>(ApplySchemaPlanRequest.method, { projectUri, env: 'local', planId });

  it('plans as data with the findings on their statement lines, applies that plan by id, then is synced', async () => {
    const planned = await plan();
    assert.equal(planned.error, undefined, planned.error?.message);
    assert.ok(planned.planId);
    assert.deepEqual(planned.to, ['file://schema/app.pg.hcl']);
    assert.equal(planned.destructive, true);
    const lines = planned.output.split('\n');
    assert.deepEqual(
      planned.changes!.map((c) => lines[c.line]),
      ['ALTER TABLE "users" DROP COLUMN "legacy";', 'CREATE TABLE "tags" (', 'DROP TABLE "old_notes";'],
    );
    assert.deepEqual(
      planned.findings!.map((f) => [f.code, lines[f.line], f.message]),
      [
        ['DS103', 'ALTER TABLE "users" DROP COLUMN "legacy";', 'Dropping non-virtual column "legacy"'],
        ['DS102', 'DROP TABLE "old_notes";', 'Dropping table "old_notes"'],
      ],
    );
    assert.match(planned.output, /\n-- Lint of the planned changes \(2 findings\):\n/);
    const done = await apply(planned.planId);
    assert.equal(done.error, undefined, done.error?.message);
    assert.equal(done.applied, 3);
    assert.deepEqual(await publicTables(db), ['tags', 'users']);
    const again = await plan();
    assert.deepEqual([again.synced, again.planId, again.output], [true, undefined, 'Schema is synced, no changes to be made\n']);
    const reused = await apply(planned.planId);
    assert.equal(reused.error?.kind, 'planChanged', 'an applied plan id ran twice');
  });

  it('refuses the plan id after the desired file changed (planChanged, nothing run); `to` plans another file', async () => {
    const planned = await plan();
    fs.appendFileSync(path.join(root, 'schema', 'app.pg.hcl'), 'table "more" {\n  schema = schema.public\n  column "id" {\n    type = int\n  }\n}\n');
    const done = await apply(planned.planId!);
    assert.equal(done.error?.kind, 'planChanged', done.error?.message);
    assert.match(done.error!.message, /schema\/app\.pg\.hcl/);
    assert.equal(done.applied, 0);
    assert.deepEqual(await publicTables(db), ['old_notes', 'users']);
    fs.writeFileSync(
      path.join(root, 'schema', 'keep.pg.hcl'),
      'schema "public" {}\n' + DESIRED.slice(DESIRED.indexOf('table "users"'), DESIRED.indexOf('table "tags"')),
    );
    const other = await plan({ to: [path.join(root, 'schema', 'keep.pg.hcl')] });
    assert.equal(other.error, undefined, other.error?.message);
    assert.deepEqual(other.to, ['file://schema/keep.pg.hcl']);
    assert.deepEqual(
      other.changes!.map((c) => c.statement),
      ['ALTER TABLE "users" DROP COLUMN "legacy";', 'DROP TABLE "old_notes";'],
    );
  });
});
