// The env list of an atlas.hcl is resolved once per file version: listing the envs again (as every env's status
// does during a refresh) reuses it; a changed file, .env or environment resolves it again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultSettings } from '../../../server/src/protocol';
import { envListCache, listEnvs } from '../../../server/src/lsp/workbenchFeature';

describe('workbench: resolved atlas.hcl cached per file version', function () {
  this.timeout(60_000);
  let root: string;
  const ctx = () =>
    ({
      settings: async () => defaultSettings,
      workspaceFolders: () => [root],
      log: () => undefined,
      documents: { get: () => undefined },
    }) as unknown as Parameters<typeof listEnvs>[0];
  const list = async (environ?: Record<string, string>) =>
    (await listEnvs(ctx(), { projectUri: pathToFileURL(path.join(root, 'atlas.hcl')).href, environ })).envs.map((e) => `${e.name}=${e.url ?? e.unresolved}`);

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-envcache-'));
    fs.writeFileSync(
      path.join(root, 'atlas.hcl'),
      'env "a" {\n  url = getenv("A_URL")\n}\nenv "b" {\n  url = "postgres://u@h/b"\n}\nenv "c" {\n  url = "postgres://u@h/c"\n}\n',
    );
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a refresh of N envs resolves atlas.hcl once instead of 1 + N times; each kind of change resolves it again', async () => {
    const before = envListCache.misses;
    const first = await list();
    for (let i = 0; i < 3; i++) assert.deepEqual(await list(), first); // one listing + one per env status (3 envs)
    assert.equal(envListCache.misses - before, 1);

    fs.writeFileSync(path.join(root, 'atlas.hcl'), 'env "b" {\n  url = "postgres://u@h/changed"\n}\n');
    assert.deepEqual(await list(), ['b=postgres://u@h/changed']);
    assert.equal(envListCache.misses - before, 2);

    fs.writeFileSync(path.join(root, 'atlas.hcl'), 'env "a" {\n  url = getenv("A_URL")\n}\n');
    await list();
    const misses = envListCache.misses;
    assert.deepEqual(await list({ A_URL: 'postgres://u@h/secretless' }), ['a=postgres://u@h/secretless'], 'a new variable value resolves again');
    assert.equal(envListCache.misses, misses + 1);
    fs.writeFileSync(path.join(root, '.env'), 'A_URL=postgres://u@h/fromdotenv\n');
    assert.deepEqual(await list(), ['a=postgres://u@h/fromdotenv'], 'a new .env resolves again');
  });
});
