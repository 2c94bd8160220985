// The editor's lint settings lookup reads the project's env file named by `atlasWorkbench.envFile` (not always
// `.env`): an atlas.hcl whose migration dir comes from getenv() finds its folder only through that file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintOptionsFor } from '../../../server/src/lsp/lintConfig';

describe('lsp/lint settings honour the envFile setting', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lint-envfile-'));
    fs.mkdirSync(path.join(root, 'db/migrations'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'atlas.hcl'),
      'lint {\n  destructive {\n    error = false\n  }\n}\n' +
        'env "local" {\n  url = "postgres://app@localhost:5432/app"\n  migration {\n    dir = "file://${getenv("MIG_DIR")}"\n  }\n}\n',
    );
    fs.writeFileSync(path.join(root, '.env.local'), 'MIG_DIR=db/migrations\n');
    fs.writeFileSync(path.join(root, '.env'), 'MIG_DIR=elsewhere\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds the env through the configured env file, and through .env by default', async () => {
    const projects = [path.join(root, 'atlas.hcl')];
    const environ = {};
    const folder = path.join(root, 'db/migrations');
    const configured = await lintOptionsFor(folder, { projects, environ, roots: [root], envFile: () => Promise.resolve('.env.local') });
    assert.deepEqual(configured, { analyzers: { destructive: { error: false } } });
    assert.deepEqual(await lintOptionsFor(folder, { projects, environ, roots: [root] }), {}, '.env points elsewhere');
  });
});
