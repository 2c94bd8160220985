// The typed workbench requests through a real language server session: atlas/planApply returns the plan as data
// (files, statements, hashes) with Atlas's text as `output`; atlas/applyPlan runs that plan after a JSON round trip;
// a changed file makes it refuse with kind planChanged; a refused connection and a checksum error come back as kinds.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyPlanRequest,
  DriftRequest,
  InspectRequest,
  PlanApplyRequest,
  type DriftResult,
  type InspectParams,
  type InspectResult,
  type ApplyPlanParams,
  type ApplyPlanResult,
  type PlanApplyParams,
  type PlanApplyResult,
} from '../../../server/src/protocol';
import { startLspSession, type LspSession } from '../../support/lspSession';
import { adminQuery, cli, dbUrl, dropDb, migrationDir, revisions, scratchDb } from '../apply/support';

/** The revisions table does not exist (nothing was written to the target). */
async function untouched(db: string): Promise<boolean> {
  const r = await adminQuery<{ t: string | null }>(`SELECT to_regclass('atlas_schema_revisions.atlas_schema_revisions')::text AS t`, [], db);
  return r[0].t === null;
}

/**
 * For a describe block: before each test a scratch database, a folder with `files` and the atlas.hcl `hcl(db)`, and a
 * language server session on it (empty settings); all of it removed after the test.
 */
function lspProject(prefix: string, files: Record<string, string>, hcl: (db: string) => string, seed?: (db: string) => Promise<unknown>) {
  const p = {} as { session: LspSession; db: string; root: string; projectUri: string };
  let session: LspSession | undefined;
  beforeEach(async () => {
    p.db = await scratchDb(prefix);
    p.root = migrationDir(files);
    fs.writeFileSync(path.join(p.root, 'atlas.hcl'), hcl(p.db));
    p.projectUri = pathToFileURL(path.join(p.root, 'atlas.hcl')).href;
    if (seed) await seed(p.db);
    session = p.session = await startLspSession(p.root, { workspace: { configuration: true } });
    session.rpc.onRequest('workspace/configuration', (q: { items: unknown[] }) => q.items.map(() => ({})));
  });
  afterEach(async () => {
    session?.close();
    session = undefined;
    await dropDb(p.db);
    fs.rmSync(p.root, { recursive: true, force: true });
  });
  return p;
}

describe('workbench: typed engine requests (atlas/planApply, atlas/applyPlan)', function () {
  this.timeout(120_000);
  const t = lspProject(
    'enginelsp',
    { '1_init.sql': 'CREATE TABLE users (id int);\n', '2_more.sql': 'ALTER TABLE users ADD COLUMN name text;\n' },
    (db) =>
      `env "local" {\n  url = "${dbUrl(db, { sslmode: 'disable' })}"\n  migration {\n    dir = "file://."\n  }\n}\nenv "down" {\n  url = "postgres://app@127.0.0.1:1/app?sslmode=disable"\n  migration {\n    dir = "file://."\n  }\n}\n`,
  );
  const plan = (env = 'local') =>
    t.session.rpc.sendRequest<PlanApplyResult>(PlanApplyRequest.method, { projectUri: t.projectUri, env } satisfies PlanApplyParams);
  const apply = (p: PlanApplyResult['plan']) =>
    t.session.rpc.sendRequest<ApplyPlanResult>(ApplyPlanRequest.method, { projectUri: t.projectUri, env: 'local', plan: p! } satisfies ApplyPlanParams);

  it('plans as data, applies exactly that plan, and reports up to date afterwards', async () => {
    const planned = await plan();
    assert.equal(planned.error, undefined, planned.error?.message);
    assert.deepEqual(
      planned.plan!.files.map((f) => [f.name, f.statements]),
      [
        ['1_init.sql', ['CREATE TABLE users (id int);']],
        ['2_more.sql', ['ALTER TABLE users ADD COLUMN name text;']],
      ],
    );
    assert.match(planned.output, /^Migrating to version 2 \(2 migrations in total\):\n/);
    assert.ok(await untouched(t.db), 'planning wrote to the target');
    const done = await apply(planned.plan);
    assert.equal(done.error, undefined, done.error?.message);
    assert.equal(done.applied, 2);
    assert.equal(done.summary, 'Migrated to version 2 (2 migrations in total)');
    assert.deepEqual(
      (await revisions(t.db)).map((r) => r.version),
      ['1', '2'],
    );
    const again = await plan();
    assert.deepEqual(again.plan!.files, []);
    assert.equal(again.output, 'No migration files to execute\n');
  });

  it('a refused connection is connectionRefused; a plan whose file changed is refused (planChanged, nothing applied); the unhashed folder is checksumMismatch', async () => {
    const refused = await plan('down');
    assert.equal(refused.plan, undefined);
    assert.equal(refused.error?.kind, 'connectionRefused', refused.error?.message);
    assert.match(refused.error!.message, /connection refused/);
    const planned = await plan();
    fs.appendFileSync(path.join(t.root, '2_more.sql'), 'DROP TABLE users;\n');
    const done = await apply(planned.plan);
    assert.equal(done.error?.kind, 'planChanged');
    assert.equal(done.applied, 0);
    assert.ok(await untouched(t.db), 'the refused plan wrote to the target');
    const unhashed = await plan();
    assert.equal(unhashed.error?.kind, 'checksumMismatch', unhashed.error?.message);
    assert.match(unhashed.output, /^You have a checksum error in your migration directory\./);
  });
});

describe('workbench: atlas/drift (typed drift check)', function () {
  this.timeout(180_000);
  const t = lspProject(
    'enginedrift',
    { '1_init.sql': 'CREATE TABLE users (id int);\n' },
    (db) => `env "local" {\n  url = "${dbUrl(db, { sslmode: 'disable', search_path: 'public' })}"\n  migration {\n    dir = "file://."\n  }\n}\n`,
  );

  it('reports the statements that bring the database in line, then synced once they ran', async () => {
    const drift = () => t.session.rpc.sendRequest<DriftResult>(DriftRequest.method, { projectUri: t.projectUri, env: 'local' });
    const before = await drift();
    assert.equal(before.error, undefined, before.error?.message);
    assert.equal(before.synced, false);
    assert.equal(before.to, 'file://.');
    assert.deepEqual(before.statements, ['CREATE TABLE "public"."users" ("id" integer NULL);']);
    assert.match(before.output, /^-- Create "users" table\n/);
    await adminQuery('CREATE TABLE users (id int)', [], t.db);
    const after = await drift();
    assert.equal(after.synced, true);
    assert.deepEqual(after.statements, []);
    assert.equal(after.output, 'Schemas are synced, no changes to be made.\n');
  });
});

describe('workbench: atlas/inspect (schema SQL and the ERD diagram)', function () {
  this.timeout(120_000);
  const t = lspProject(
    'engineinspect',
    {},
    (db) => `env "local" {\n  url = "${dbUrl(db, { sslmode: 'disable', search_path: 'public' })}"\n}\n`,
    (db) => adminQuery('CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE pets (id int, owner int REFERENCES users (id))', [], db),
  );

  it('returns the SQL of the database and a Mermaid erDiagram with the foreign key, the same text as the CLI', async () => {
    const projectUri = t.projectUri;
    const inspect = (format: InspectParams['format']) =>
      t.session.rpc.sendRequest<InspectResult>(InspectRequest.method, { projectUri, env: 'local', source: 'url', format } satisfies InspectParams);
    const sql = await inspect('sql');
    assert.equal(sql.error, undefined, sql.error?.message);
    assert.deepEqual(sql.schemas, ['public']);
    const cliSql = await cli(['schema', 'inspect', '--env', 'local', '--format', '{{ sql . }}'], t.root);
    assert.equal(sql.output, cliSql.stdout);
    const erd = await inspect('mermaid');
    assert.match(erd.output, /^erDiagram\n/);
    const cliErd = await cli(['schema', 'inspect', '--env', 'local', '--format', '{{ mermaid . }}'], t.root);
    assert.equal(erd.output, cliErd.stdout);
    assert.match(erd.output, /pets\b.*users|users\b.*pets/);
  });

  it('returns the HCL schema (Inspect Database as HCL), the same text as the CLI prints by default', async () => {
    const hcl = await t.session.rpc.sendRequest<InspectResult>(InspectRequest.method, {
      projectUri: t.projectUri,
      env: 'local',
      source: 'url',
      format: 'hcl',
    } satisfies InspectParams);
    assert.equal(hcl.error, undefined, hcl.error?.message);
    const cliHcl = await cli(['schema', 'inspect', '--env', 'local'], t.root);
    assert.equal(hcl.output, cliHcl.stdout);
    assert.match(hcl.output, /table "pets" \{/);
  });
});
