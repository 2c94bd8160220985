// The editor's atlasWorkbench.devDatabase setting is the dev database of the typed requests the language server
// answers (atlas/lint, atlas/validate) when the env names none; an env's own `dev` comes first. The real PostgreSQL 15 scratch
// database given as the setting is used (and left clean); the CLI itself has no such default.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopEmbeddedServer } from '../../../server/src/db/dev';
import { LintRequest, ValidateRequest } from '../../../server/src/protocol';
import { typedSession } from '../../support/typedSession';
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

  /** atlas/lint (latest file) and atlas/validate of `env` in a session whose devDatabase setting is `devDatabase`. */
  const run = async (cwd: string, env: string, devDatabase: string) => {
    const t = await typedSession(cwd, { devDatabase });
    try {
      return { lint: await t.request(LintRequest, env, {}), validate: await t.request(ValidateRequest, env, {}) };
    } finally {
      t.close();
    }
  };

  it('an env without dev: lint and validate use the setting; without the setting the embedded database is used', async () => {
    const cwd = project();
    const { lint, validate } = await run(cwd, 'nodev', dbUrl(db));
    assert.match(lint.output, new RegExp(`^Using dev database postgres://postgres@127\\.0\\.0\\.1:\\d+/${db}`));
    assert.equal(validate.error?.kind, 'execution');
    assert.match(validate.error?.message ?? '', /replaying the migration directory: .*relation "missing" does not exist/);
    const embedded = await run(cwd, 'nodev', '');
    assert.match(embedded.lint.output, /^Using embedded PGlite 0\.5\.14 \(PostgreSQL 18\)\n/);
  });

  it("the env's own dev comes before the setting", async () => {
    const cwd = project();
    const { lint } = await run(cwd, 'withdev', dbUrl(db));
    assert.match(lint.output, /standing in for docker:\/\/postgres\/16\/dev/);
    assert.match(lint.output, /Warning: .* is PostgreSQL 18 but the requested docker:\/\/postgres\/16\/dev is PostgreSQL 16; /);
  });

  it('the CLI has no such default: validate --env nodev checks atlas.sum only', async () => {
    const cwd = project();
    const r = await cli(['migrate', 'validate', '--env', 'nodev'], cwd);
    assert.equal(r.code, 0, r.stderr);
  });
});
