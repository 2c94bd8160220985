// The language server restart policy: restart once, stop (with a reason) when it dies again within the window,
// and give a server that ran fine for longer than the window a new restart.
import assert from 'node:assert/strict';
import { RestartPolicy } from '../../../client/src/serverRestart';

describe('client: language server restart policy', () => {
  it('restarts after the first crash and stops after the second within the window, saying why', () => {
    const p = new RestartPolicy(1, 60_000);
    assert.equal(p.closed(1_000).restart, true);
    const second = p.closed(20_000);
    assert.equal(second.restart, false);
    assert.match(second.reason, /stopped 2 times in 1 minutes and was not restarted again/);
  });

  it('forgets crashes older than the window', () => {
    const p = new RestartPolicy(1, 60_000);
    assert.equal(p.closed(0).restart, true);
    assert.equal(p.closed(61_000).restart, true);
    assert.equal(p.closed(70_000).restart, false);
  });
});
