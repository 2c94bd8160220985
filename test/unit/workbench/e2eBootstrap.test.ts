// The fresh-machine bootstrap of the real workbench (scripts/e2e-env.mjs): the environment given to code-server's
// install, and the check that refuses a half-installed code-server.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore — a plain .mjs script without types
import { codeServerParts, codeServerProblems, installEnv } from '../../../scripts/e2e-env.mjs';

describe('e2e bootstrap: code-server install', () => {
  it('drops the outer npm_* variables (code-server reads the Node major from npm_config_user_agent) and lifts the script policy', () => {
    const outer = {
      PATH: '/usr/bin',
      HOME: '/root',
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
      npm_lifecycle_event: 'start',
      npm_package_name: 'atlas-workbench',
      npm_config_allow_scripts: 'x',
    };
    const env = installEnv(outer) as Record<string, string>;
    assert.equal(env.npm_config_user_agent, undefined);
    assert.equal(env.npm_lifecycle_event, undefined);
    assert.equal(env.npm_package_name, undefined);
    assert.equal(env.npm_config_allow_scripts, undefined);
    assert.equal(env.npm_config_dangerously_allow_all_scripts, 'true');
    assert.equal(env.HOME, '/root');
    assert.match(env.PATH, /node24\/bin:\/usr\/bin$/);
  });

  it('names every missing part of a half-done install (postinstall skipped, native modules not built)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-cs-check-'));
    try {
      const parts = codeServerParts as string[];
      assert.ok(parts.length >= 5);
      assert.deepEqual(
        codeServerProblems(dir),
        parts.map((p) => `missing ${p}`),
      );
      // Everything but one native module: still refused, naming that module.
      for (const p of parts.slice(1)) {
        fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        fs.writeFileSync(path.join(dir, p), '');
      }
      assert.deepEqual(codeServerProblems(dir), [`missing ${parts[0]}`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
