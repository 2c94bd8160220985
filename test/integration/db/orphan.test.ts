// The embedded database's child process goes away with its parent, even when the parent is SIGKILLed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../support/corpus';

const script = `
const { openDevDatabase, embeddedServer } = require(${JSON.stringify(path.join(repoRoot, 'server/src/db/dev.ts'))});
(async () => {
  const db = await openDevDatabase();
  await db.query('SELECT 1');
  process.stdout.write('child ' + (await embeddedServer()).pid + '\\n');
  setInterval(() => {}, 1000);
})();
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded database lifetime', function () {
  this.timeout(120_000);

  it('stops when its parent is killed with SIGKILL', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    const childPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      parent.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /child (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      parent.on('exit', (c) => reject(new Error(`parent exited early (${c})`)));
    });
    assert.ok(alive(childPid));
    parent.kill('SIGKILL');
    const deadline = Date.now() + 30_000;
    // Not our child: nothing signals its end, so poll for it (bounded).
    while (alive(childPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(alive(childPid), false, `embedded server ${childPid} outlived its parent`);
  });
});
