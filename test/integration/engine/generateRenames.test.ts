// atlas/generate's rename question through a real language server session (Generate Migration in the editor):
// without `renames` the candidates come back as data (Atlas's question and the --rename spelling) and nothing is
// written; sent back as the confirmed renames they make the file a RENAME, and the same spec works for
// `migrate diff --rename`. A bad src comes back as a typed failure.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GenerateRequest, type GenerateParams, type GenerateResult } from '../../../server/src/protocol';
import { startLspSession, type LspSession } from '../../support/lspSession';
import { cli, dbUrl, dropDb, migrationDir, scratchDb } from '../apply/support';

describe('workbench: atlas/generate asks about renames', function () {
  this.timeout(120_000);
  let dev: string;
  let root: string;
  let session: LspSession | undefined;

  beforeEach(async () => {
    dev = await scratchDb('renamelsp');
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-renamelsp-'));
    fs.mkdirSync(path.join(root, 'migrations'));
    migrationDir(
      { '20240101000000_init.sql': 'CREATE TABLE "users" ("id" bigint NOT NULL, "first_name" text NULL, PRIMARY KEY ("id"));\n' },
      path.join(root, 'migrations'),
    );
    fs.writeFileSync(path.join(root, 'schema.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, name text);\n');
    const devUrl = dbUrl(dev, { search_path: 'public' });
    fs.writeFileSync(
      path.join(root, 'atlas.hcl'),
      `env "local" {\n  src = "file://schema.sql"\n  dev = "${devUrl}"\n  migration {\n    dir = "file://migrations"\n  }\n}\n`,
    );
    session = await startLspSession(root, { workspace: { configuration: true } });
    session.rpc.onRequest('workspace/configuration', (q: { items: unknown[] }) => q.items.map(() => ({})));
  });
  afterEach(async () => {
    session?.close();
    await dropDb(dev);
    fs.rmSync(root, { recursive: true, force: true });
  });

  const ask = (params: Partial<GenerateParams> = {}) =>
    session!.rpc.sendRequest(GenerateRequest.method, {
      projectUri: pathToFileURL(path.join(root, 'atlas.hcl')).href,
      env: 'local',
      name: 'rename',
      ...params,
    }) as Promise<GenerateResult>;
  const renameFile = () => fs.readdirSync(path.join(root, 'migrations')).find((f) => f.endsWith('_rename.sql'));
  const RENAMED = '-- Rename a column from "first_name" to "name"\nALTER TABLE "users" RENAME COLUMN "first_name" TO "name";\n';

  it('returns the candidates as data without writing; sent back confirmed, they make the file a RENAME', async () => {
    const r = await ask();
    assert.equal(r.error, undefined);
    assert.equal(r.file, undefined);
    assert.deepEqual(r.renameCandidates, [
      {
        kind: 'column',
        schema: 'public',
        table: 'users',
        from: 'first_name',
        to: 'name',
        question: 'Did you rename "users" column from "first_name" to "name"',
        spec: 'column:users.first_name:name',
      },
    ]);
    assert.deepEqual(fs.readdirSync(path.join(root, 'migrations')).sort(), ['20240101000000_init.sql', 'atlas.sum']);

    const done = await ask({ renames: r.renameCandidates });
    assert.equal(done.error, undefined);
    assert.equal(done.file, path.join(root, 'migrations', renameFile()!));
    assert.equal(fs.readFileSync(done.file!, 'utf8'), RENAMED);
  });

  it('declined (an empty list): DROP + ADD; the spec also drives migrate diff --rename', async () => {
    const r = await ask();
    const declined = await ask({ renames: [] });
    assert.equal(declined.error, undefined);
    assert.match(fs.readFileSync(declined.file!, 'utf8'), /DROP COLUMN "first_name"[\s\S]*ADD COLUMN "name"/);
    fs.rmSync(declined.file!);
    assert.equal((await cli(['migrate', 'hash', '--env', 'local'], root, {})).code, 0);

    const out = await cli(['migrate', 'diff', 'rename', '--env', 'local', '--rename', r.renameCandidates![0].spec], root, {});
    assert.equal(out.code, 0, out.stderr);
    assert.equal(fs.readFileSync(path.join(root, 'migrations', renameFile()!), 'utf8'), RENAMED);
  });

  it('a desired state that does not load is a typed failure', async () => {
    const r = await ask({ to: ['file://missing.sql'] });
    assert.equal(r.renameCandidates, undefined);
    assert.equal(r.error?.kind, 'invalidInput');
    assert.match(r.error!.message, /missing\.sql/);
  });
});
