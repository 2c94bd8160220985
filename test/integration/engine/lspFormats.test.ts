// The language server's features on a real goose and a real golang-migrate folder (fixtures test/fixtures/formats/,
// envs reading them with `format = goose` / `?format=golang-migrate`) against PostgreSQL 15: the live atlas.sum
// check over the files the format counts, lint as you type from the Up parts on the file's own lines, the Migrations
// sidebar (atlas/migrationStatus) and applying from it (atlas/planApply + atlas/applyPlan: down parts never run);
// and the hint for a golang-migrate folder an env reads as Atlas format (diagnostics and the sidebar's error).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import {
  ApplyPlanRequest,
  MigrationStatusRequest,
  PlanApplyRequest,
  type ApplyPlanResult,
  type MigrationStatusParams,
  type MigrationStatusResult,
  type PlanApplyResult,
} from '../../../server/src/protocol';
import { openDir } from '../../../server/src/migrate/dir';
import { URI } from '../../../server/src/lsp/uri';
import { repoRoot } from '../../support/corpus';
import { startLspSession, type LspSession } from '../../support/lspSession';
import { adminQuery, dbUrl, dropDb, scratchDb } from '../apply/support';

const lintOnly = (d: Diagnostic[]) => d.filter((x) => x.source === 'atlas lint');
const sumOnly = (d: Diagnostic[]) => d.filter((x) => x.source === 'atlas.sum');
/** A diagnostic's message as text. */
const msg = (d: Pick<Diagnostic, 'message'> | undefined): string => (d === undefined ? '' : typeof d.message === 'string' ? d.message : d.message.value);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

interface Project {
  root: string;
  db: string;
  session: LspSession;
  projectUri: string;
  uri(folder: string, name: string): string;
  text(folder: string, name: string): string;
}

/**
 * A workspace holding the fixture folder of `format` (hashed as that format reads it) under `migrations/` and the same
 * folder hashed the same way under `legacy/`, which the env "legacy" reads as Atlas format; a scratch database.
 */
function formatProject(format: 'goose' | 'golang-migrate'): Project {
  const p = {} as Project;
  beforeEach(async () => {
    p.db = await scratchDb(`lspfmt_${format.replace('-', '_')}`);
    p.root = fs.mkdtempSync(path.join(os.tmpdir(), `aw-lspfmt-${format}-`));
    for (const folder of ['migrations', 'legacy']) {
      fs.cpSync(path.join(repoRoot, 'test/fixtures/formats', format, 'migrations'), path.join(p.root, folder), { recursive: true });
      openDir(`file://${path.join(p.root, folder)}?format=${format}`, '/').writeSum();
    }
    const url = dbUrl(p.db, { sslmode: 'disable' });
    fs.writeFileSync(
      path.join(p.root, 'atlas.hcl'),
      `env "local" {\n  url = "${url}"\n  migration {\n    dir    = "file://migrations"\n    format = ${format}\n  }\n}\n` +
        `env "legacy" {\n  url = "${url}"\n  migration {\n    dir = "file://legacy"\n  }\n}\n`,
    );
    p.projectUri = URI.fromPath(path.join(p.root, 'atlas.hcl'));
    p.uri = (folder, name) => URI.fromPath(path.join(p.root, folder, name));
    p.text = (folder, name) => fs.readFileSync(path.join(p.root, folder, name), 'utf8');
    p.session = await startLspSession(p.root, { workspace: { configuration: true } });
    p.session.rpc.onRequest('workspace/configuration', (q: { items: unknown[] }) => q.items.map(() => ({})));
  });
  afterEach(async () => {
    p.session?.close();
    await dropDb(p.db);
    fs.rmSync(p.root, { recursive: true, force: true });
  });
  return p;
}

const status = (p: Project, env: string) =>
  p.session.rpc.sendRequest<MigrationStatusResult>(MigrationStatusRequest.method, { projectUri: p.projectUri, env } satisfies MigrationStatusParams);

async function applyAll(p: Project): Promise<ApplyPlanResult> {
  const planned = await p.session.rpc.sendRequest<PlanApplyResult>(PlanApplyRequest.method, { projectUri: p.projectUri, env: 'local' });
  assert.equal(planned.error, undefined, planned.error?.message);
  return p.session.rpc.sendRequest<ApplyPlanResult>(ApplyPlanRequest.method, { projectUri: p.projectUri, env: 'local', plan: planned.plan! });
}

const columns = async (db: string, table: string) =>
  (
    await adminQuery<{ c: string }>(
      `SELECT attname AS c FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      [`public.${table}`],
      db,
    )
  ).map((r) => r.c);

describe('language server on a goose folder (format = goose)', function () {
  this.timeout(120_000);
  const p = formatProject('goose');

  it('checks atlas.sum as goose hashes it, lints the Up part on the file lines, lists and applies from the sidebar', async () => {
    // checked before atlas/ready: clean, as `migrate hash --dir …?format=goose` wrote it
    for (const n of ['1_init.sql', '2_change.sql', 'atlas.sum']) assert.deepEqual(sumOnly(p.session.latest.get(p.uri('migrations', n)) ?? []), [], n);
    const uri = p.uri('migrations', '2_change.sql');
    const text = p.text('migrations', '2_change.sql');
    p.session.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text } });
    const diags = lintOnly(await p.session.waitFor(uri, (d) => lintOnly(d).some((x) => x.code === 'DS103')));
    const drop = lineOf(text, 'ALTER TABLE a DROP COLUMN b');
    assert.deepEqual(
      diags.filter((d) => d.code === 'DS103').map((d) => d.range),
      [{ start: { line: drop, character: 0 }, end: { line: drop, character: 'ALTER TABLE a DROP COLUMN b;'.length } }],
    );
    const down = lineOf(text, '-- +goose Down');
    assert.ok(
      diags.every((d) => d.range.start.line < down),
      JSON.stringify(diags.map((d) => [d.code, d.range.start.line])),
    );
    // typing in the Up part: the sum check sees the edit (goose hashes the whole file)
    const typed = text.replace('CREATE INDEX a_id ON a (id);', 'CREATE INDEX a_id ON a (id);\nALTER TABLE a ADD COLUMN c int;');
    p.session.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: typed }] });
    const edited = sumOnly(await p.session.waitFor(uri, (d) => sumOnly(d).length > 0));
    assert.match(msg(edited[0]), /^2_change\.sql was edited/);
    p.session.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
    await p.session.waitFor(uri, (d) => sumOnly(d).length === 0);

    const before = await status(p, 'local');
    assert.equal(before.error, undefined, before.error);
    assert.deepEqual(
      before.files.map((f) => [f.name, f.version, f.description, f.state]),
      [
        ['1_init.sql', '1', 'init', 'pending'],
        ['2_change.sql', '2', 'change', 'pending'],
      ],
    );
    const done = await applyAll(p);
    assert.equal(done.error, undefined, done.error?.message);
    assert.equal(done.applied, 2);
    assert.deepEqual(await columns(p.db, 'a'), ['id'], 'the Up parts ran; the Down parts (DROP TABLE a) never did');
    const after = await status(p, 'local');
    assert.deepEqual(
      after.files.map((f) => f.state),
      ['applied', 'applied'],
    );
    assert.equal(after.pendingCount, 0);
  });
});

describe('language server on a golang-migrate folder (?format=golang-migrate)', function () {
  this.timeout(120_000);
  const p = formatProject('golang-migrate');

  it('hashes, lints and lists the up files only; down files are no migrations; applies the up files', async () => {
    for (const n of ['1_init.up.sql', '2_change.up.sql', 'atlas.sum']) assert.deepEqual(sumOnly(p.session.latest.get(p.uri('migrations', n)) ?? []), [], n);
    assert.equal(p.session.latest.has(p.uri('migrations', '1_init.down.sql')), false, 'down files are not checked');
    const up = p.uri('migrations', '2_change.up.sql');
    const text = p.text('migrations', '2_change.up.sql');
    p.session.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: up, languageId: 'sql', version: 1, text } });
    const ds = lintOnly(await p.session.waitFor(up, (d) => lintOnly(d).some((x) => x.code === 'DS103'))).filter((d) => d.code === 'DS103');
    assert.deepEqual(
      ds.map((d) => d.range.start.line),
      [lineOf(text, 'DROP COLUMN b')],
    );
    const downUri = p.uri('migrations', '2_change.down.sql');
    const downText = p.text('migrations', '2_change.down.sql');
    p.session.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: downUri, languageId: 'sql', version: 1, text: downText } });
    assert.deepEqual(lintOnly(await p.session.waitFor(downUri, () => true)), [], 'DROP TABLE in a down file is not linted');

    const before = await status(p, 'local');
    assert.deepEqual(
      before.files.map((f) => [f.name, f.version, f.description, f.state]),
      [
        ['1_init.up.sql', '1', 'init', 'pending'],
        ['2_change.up.sql', '2', 'change', 'pending'],
      ],
    );
    const done = await applyAll(p);
    assert.equal(done.error, undefined, done.error?.message);
    assert.deepEqual(await columns(p.db, 'a'), ['id']);
    assert.deepEqual(
      (await status(p, 'local')).files.map((f) => f.state),
      ['applied', 'applied'],
    );
  });

  it('hints at the format for the folder an env reads as Atlas format: diagnostics and the sidebar error', async () => {
    const sum = sumOnly(p.session.latest.get(p.uri('legacy', 'atlas.sum')) ?? []);
    assert.equal(sum.length, 1);
    assert.equal(sum[0].code, 'format');
    assert.match(msg(sum[0]), /looks like a golang-migrate migration directory .*`format = golang-migrate` .*dir = "file:\/\/legacy\?format=golang-migrate"/);
    const onDown = sumOnly(p.session.latest.get(p.uri('legacy', '1_init.down.sql')) ?? []);
    assert.deepEqual(
      onDown.map((d) => d.code),
      ['format'],
    );
    const legacy = await status(p, 'legacy');
    assert.ok(legacy.error, 'the Atlas reading fails its checksum');
    assert.match(
      legacy.error.split('\n')[0],
      /^the folder looks like a golang-migrate migration directory; read it with --dir "file:\/\/legacy\?format=golang-migrate"/,
    );
  });
});
