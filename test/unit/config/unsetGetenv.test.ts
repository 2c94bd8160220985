// When an env's url comes out empty because getenv() found its variable unset, the CLI names the
// variable (directly, through a variable default or a cached local) and where to set it; other cases
// keep their texts (Atlas's `required flag(s) "url" not set` without --env).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import { memoryIO } from '../../../server/src/cli/io';
import { listEnvs, resolveEnv } from '../../../server/src/config/resolve';

const HCL = `variable "url" {
  type    = string
  default = getenv("VAR_DB_URL")
}

locals {
  shared = getenv("SHARED_URL")
}

env "local" {
  url = getenv("DATABASE_URL")
  dev = getenv("DEV_URL")
  migration {
    dir = "file://migrations"
  }
}

env "byvar" {
  url = var.url
}

env "bylocal" {
  dev = local.shared
  url = local.shared
}

env "nourl" {
  dev = getenv("DEV_URL")
}
`;

function workspace(dotenv?: string): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-unset-getenv-'));
  fs.writeFileSync(path.join(ws, 'atlas.hcl'), HCL);
  if (dotenv !== undefined) fs.writeFileSync(path.join(ws, '.env'), dotenv);
  return ws;
}

async function cli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<{ code: number; stderr: string }> {
  const io = memoryIO(cwd, env);
  const code = await runCli(args, io);
  return { code, stderr: io.stderr };
}

const hint = '(set it in the environment or in .env beside atlas.hcl)';

describe('config: an env url left empty by an unset getenv()', () => {
  let ws: string;
  before(() => {
    ws = workspace();
  });
  after(() => {
    fs.rmSync(ws, { recursive: true, force: true });
  });

  for (const cmd of [
    ['migrate', 'apply'],
    ['migrate', 'status'],
    ['schema', 'inspect'],
  ]) {
    it(`${cmd.join(' ')} --env local names DATABASE_URL (not DEV_URL)`, async () => {
      const r = await cli([...cmd, '--env', 'local'], ws);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, `Error: env "local": url is empty: getenv("DATABASE_URL") is not set ${hint}\n`);
    });
  }

  it('follows a variable default and a local used twice (cached after its first use)', async () => {
    assert.equal((await cli(['migrate', 'apply', '--env', 'byvar'], ws)).stderr, `Error: env "byvar": url is empty: getenv("VAR_DB_URL") is not set ${hint}\n`);
    assert.equal(
      (await cli(['migrate', 'apply', '--env', 'bylocal'], ws)).stderr,
      `Error: env "bylocal": url is empty: getenv("SHARED_URL") is not set ${hint}\n`,
    );
  });

  it('resolveEnv records which attribute read which unset variable', async () => {
    const [env] = await resolveEnv({ configPath: path.join(ws, 'atlas.hcl'), env: 'local', environ: {} });
    assert.deepEqual(env.unsetGetenv, { url: ['DATABASE_URL'], dev: ['DEV_URL'] });
    assert.equal(env.unresolved['getenv.DATABASE_URL'], `getenv("DATABASE_URL") is not set ${hint}`);
    assert.equal(env.unresolved['getenv.VAR_DB_URL'], undefined, 'a variable the env does not use is not its problem');
    const [byvar] = await resolveEnv({ configPath: path.join(ws, 'atlas.hcl'), env: 'byvar', environ: {} });
    assert.deepEqual(byvar.unsetGetenv, { url: ['VAR_DB_URL'] });
  });

  it('an env without url and no --env keep their texts; --url wins over the empty env url', async () => {
    assert.equal((await cli(['migrate', 'apply', '--env', 'nourl'], ws)).stderr, 'Error: env "nourl": no url set (set url in the env block or pass --url)\n');
    assert.equal((await cli(['migrate', 'apply', '--dir', `file://${ws}`], ws)).stderr, 'Error: required flag(s) "url" not set\n');
    const withUrl = await cli(['migrate', 'apply', '--env', 'local', '--url', 'postgres://u@127.0.0.1:1/x?connect_timeout=1'], ws);
    assert.doesNotMatch(withUrl.stderr, /url is empty/);
  });

  it('listEnvs gives the same reason', async () => {
    const envs = await listEnvs(path.join(ws, 'atlas.hcl'), { environ: {} });
    assert.equal(envs.find((e) => e.name === 'local')!.unresolved['getenv.DATABASE_URL'], `getenv("DATABASE_URL") is not set ${hint}`);
  });
});

describe('config: getenv() set in .env beside atlas.hcl or in the environment', () => {
  it('resolves the url and records nothing unset', async () => {
    const ws = workspace('DATABASE_URL=postgres://u@h/db\n');
    try {
      const [env] = await resolveEnv({
        configPath: path.join(ws, 'atlas.hcl'),
        env: 'local',
        environ: { DEV_URL: 'docker://postgres/15/dev' },
        dotenvPath: path.join(ws, '.env'),
      });
      assert.equal(env.url, 'postgres://u@h/db');
      assert.equal(env.unsetGetenv, undefined);
      assert.deepEqual(env.unresolved, {});
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
