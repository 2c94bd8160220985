// The editor's atlasWorkbench.devDatabase setting is the dev database of engine commands run by the language server
// (runEngine) when the env names none; an env's own `dev` and --dev-url come first. The real PostgreSQL 15 scratch
// database given as the setting is used (and left clean); the CLI itself has no such default.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopEmbeddedServer } from '../../../server/src/db/dev';
import { runEngine } from '../../../server/src/lsp/workbenchRun';
import { defaultSettings } from '../../../server/src/protocol';
import { openDirPath } from '../../../server/src/migrate/dir';
import { cli, dbUrl, dropDb, scratchDb } from '../apply/support';

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-devsetting-'));
  fs.writeFileSync(
    path.join(dir, 'atlas.hcl'),
    `env "nodev" {
  migration { dir = "file://migrations" }
}
env "withdev" {
  dev = "docker://postgres/16/dev"
  migration { dir = "file://migrations" }
}
`,
  );
  fs.mkdirSync(path.join(dir, 'migrations'));
  fs.writeFileSync(path.join(dir, 'migrations', '1_init.sql'), 'CREATE TABLE users (id int);\n');
  fs.writeFileSync(path.join(dir, 'migrations', '2_bad.sql'), 'ALTER TABLE missing ADD COLUMN y int;\n');
  openDirPath(path.join(dir, 'migrations')).writeSum();
  return dir;
}

describe('setting atlasWorkbench.devDatabase: the default dev database of editor commands', function () {
  this.timeout(180_000);
  let db: string;
  before(async () => {
    db = await scratchDb('devsetting');
  });
  after(async () => {
    await dropDb(db);
    await stopEmbeddedServer();
  });

  const run = (cwd: string, argv: string[], devDatabase: string) =>
    runEngine({ argv, cwd, environ: process.env, settings: { ...defaultSettings, devDatabase } });

  it('an env without dev: lint and validate use the setting; without the setting the embedded database is used', async () => {
    const cwd = project();
    const lint = await run(cwd, ['migrate', 'lint', '--env', 'nodev', '--latest', '1'], dbUrl(db));
    assert.match(lint.stderr, new RegExp(`^Using dev database postgres://postgres@127\\.0\\.0\\.1:\\d+/${db}`));
    const validate = await run(cwd, ['migrate', 'validate', '--env', 'nodev'], dbUrl(db));
    assert.equal(validate.exitCode, 1);
    assert.match(validate.stderr, /relation "missing" does not exist/);
    const embedded = await run(cwd, ['migrate', 'lint', '--env', 'nodev', '--latest', '1'], '');
    assert.match(embedded.stderr, /^Using embedded PGlite 0\.5\.14 \(PostgreSQL 18\)\n/);
  });

  it("the env's own dev and --dev-url come before the setting", async () => {
    const cwd = project();
    const own = await run(cwd, ['migrate', 'lint', '--env', 'withdev', '--latest', '1'], dbUrl(db));
    assert.match(own.stderr, /standing in for docker:\/\/postgres\/16\/dev/);
    assert.match(own.stderr, /Warning: .* is PostgreSQL 18 but the requested docker:\/\/postgres\/16\/dev is PostgreSQL 16; /);
    const flag = await run(cwd, ['migrate', 'lint', '--env', 'nodev', '--latest', '1', '--dev-url', 'docker://postgres/18/dev'], dbUrl(db));
    assert.match(flag.stderr, /standing in for docker:\/\/postgres\/18\/dev\n/);
    assert.doesNotMatch(flag.stderr, /Warning/);
  });

  it('the CLI has no such default: validate --env nodev checks atlas.sum only', async () => {
    const cwd = project();
    const r = await cli(['migrate', 'validate', '--env', 'nodev'], cwd);
    assert.equal(r.code, 0, r.stderr);
  });
});
