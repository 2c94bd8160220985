// The language server pulls atlasWorkbench.devDatabase from the client (workspace/configuration) and lists it as
// the dev database of envs that name none (masked, marked as coming from the setting); an env whose dev URL asks
// for another PostgreSQL major than the embedded database carries the version notice as data.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListEnvsRequest, type ListEnvsResult } from '../../../server/src/protocol';
import { startLspSession, type LspSession } from '../../support/lspSession';

describe('workbench: atlasWorkbench.devDatabase in the env list', function () {
  this.timeout(60_000);
  let session: LspSession | undefined;
  afterEach(() => session?.close());

  async function envs(devDatabase: string): Promise<ListEnvsResult> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-devsetting-'));
    fs.writeFileSync(
      path.join(root, 'atlas.hcl'),
      `env "nodev" {
  url = "postgres://app@127.0.0.1:5432/app"
}
env "pg15" {
  url = "postgres://app@127.0.0.1:5432/app"
  dev = "docker://postgres/15/dev"
}
`,
    );
    session = await startLspSession(root, { workspace: { configuration: true } });
    session.rpc.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ devDatabase })));
    return session.rpc.sendRequest<ListEnvsResult>(ListEnvsRequest.method, {});
  }

  it('an env without dev lists the setting (masked); an env with its own dev keeps it and gets the version notice', async () => {
    const res = await envs('postgres://dev:s3cret@127.0.0.1:5433/devdb?sslmode=disable');
    const nodev = res.envs.find((e) => e.name === 'nodev')!;
    assert.equal(nodev.dev, 'postgres://dev:****@127.0.0.1:5433/devdb?sslmode=disable');
    assert.equal(nodev.devFromSettings, true);
    assert.equal(nodev.devVersion, undefined);
    const pg15 = res.envs.find((e) => e.name === 'pg15')!;
    assert.equal(pg15.dev, 'docker://postgres/15/dev');
    assert.equal(pg15.devFromSettings, undefined);
    assert.deepEqual({ ...pg15.devVersion, message: undefined }, { devMajor: 18, targetMajor: 15, message: undefined });
    assert.match(pg15.devVersion!.message, /--dev-url "postgres:\/\//);
    assert.ok(!JSON.stringify(res).includes('s3cret'));
  });

  it('without the setting an env without dev lists no dev database (the embedded one)', async () => {
    const res = await envs('');
    const nodev = res.envs.find((e) => e.name === 'nodev')!;
    assert.equal(nodev.dev, undefined);
    assert.equal(nodev.devFromSettings, undefined);
  });
});
