// Variables kept in SecretStorage are per project: two projects with a variable of the same name keep their own
// values (the client's Secrets over in-memory stores), and the server resolves each project's envs with its own
// values only (atlas/listEnvs handler with `environByProject`).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INDEX, secretKey, Secrets } from '../../../client/src/secrets';
import { listEnvs, projectEnviron } from '../../../server/src/lsp/workbenchFeature';
import { defaultSettings } from '../../../server/src/protocol';

/** In-memory SecretStorage and Memento with the methods Secrets uses. */
function stores() {
  const secrets = new Map<string, string>();
  const state = new Map<string, unknown>();
  const storage = {
    get: async (k: string) => secrets.get(k),
    store: async (k: string, v: string) => {
      secrets.set(k, v);
    },
    delete: async (k: string) => {
      secrets.delete(k);
    },
  };
  const memento = {
    get: <T>(k: string, d?: T) => (state.has(k) ? (state.get(k) as T) : d),
    update: async (k: string, v: unknown) => {
      state.set(k, v);
    },
  };
  return { secrets, state, s: new Secrets(storage as never, memento as never) };
}

function project(root: string, name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'atlas.hcl'), 'env "local" {\n  url = "postgres://app@127.0.0.1:5432/${getenv("DB_NAME")}?sslmode=disable"\n}\n');
  return dir;
}

describe('workbench: SecretStorage variables per project', () => {
  it('the key names the project folder and the variable', () => {
    assert.equal(secretKey('/w/a', 'DB_PASSWORD'), 'atlasWorkbench:/w/a:DB_PASSWORD');
    assert.notEqual(secretKey('/w/a', 'X'), secretKey('/w/b', 'X'));
  });

  it('two projects with the same variable name keep their own values', async () => {
    const { s, secrets, state } = stores();
    await s.set('/w/a', 'DB_NAME', 'alpha');
    await s.set('/w/b', 'DB_NAME', 'beta');
    assert.deepEqual(await s.environ('/w/a'), { DB_NAME: 'alpha' });
    assert.deepEqual(await s.environ('/w/b'), { DB_NAME: 'beta' });
    assert.deepEqual(await s.byProject(), { '/w/a': { DB_NAME: 'alpha' }, '/w/b': { DB_NAME: 'beta' } });
    assert.deepEqual([...secrets.keys()].sort(), [secretKey('/w/a', 'DB_NAME'), secretKey('/w/b', 'DB_NAME')]);
    assert.deepEqual(state.get(INDEX), { '/w/a': ['DB_NAME'], '/w/b': ['DB_NAME'] });
    await s.delete('/w/a', 'DB_NAME');
    assert.deepEqual(await s.byProject(), { '/w/a': {}, '/w/b': { DB_NAME: 'beta' } });
  });

  it("listing envs of two projects resolves each URL with its own project's value", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-secrets-'));
    try {
      const a = project(root, 'a');
      const b = project(root, 'b');
      const { s } = stores();
      await s.set(a, 'DB_NAME', 'alpha');
      await s.set(b, 'DB_NAME', 'beta');
      const ctx = { settings: async () => defaultSettings, workspaceFolders: () => [root], log: () => undefined, documents: { get: () => undefined } };
      const res = await listEnvs(ctx as never, { environByProject: await s.byProject() });
      const urls = Object.fromEntries(res.envs.map((e) => [path.basename(path.dirname(new URL(e.projectUri).pathname)), e.url]));
      assert.deepEqual(urls, {
        a: 'postgres://app@127.0.0.1:5432/alpha?sslmode=disable',
        b: 'postgres://app@127.0.0.1:5432/beta?sslmode=disable',
      });
      // a project with no stored variables gets none of another project's
      assert.deepEqual(projectEnviron({ environByProject: { [a]: { DB_NAME: 'alpha' } } }, path.join(b, 'atlas.hcl')), {});
      assert.deepEqual(projectEnviron({ environByProject: { [`${a}/`]: { DB_NAME: 'alpha' } } }, path.join(a, 'atlas.hcl')), { DB_NAME: 'alpha' });
      assert.deepEqual(projectEnviron({ environ: { X: '1' } }, path.join(a, 'atlas.hcl')), { X: '1' });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
