// The embedded dev database started ahead of use (the editor's pre-warm) reports its states in order and stops
// by itself once idle; a lease meanwhile keeps it running.
import assert from 'node:assert/strict';
import { embeddedState, onEmbeddedState, openDevDatabase, prewarmEmbedded, stopEmbeddedServer, type EmbeddedState } from '../../../server/src/db/dev';

describe('dev database: pre-warm and idle stop', function () {
  this.timeout(180_000);
  before(() => stopEmbeddedServer());
  after(() => stopEmbeddedServer());

  it('reports starting → running on pre-warm, serves a lease, then stops when idle', async () => {
    const seen: EmbeddedState[] = [];
    let stopped!: () => void;
    const done = new Promise<void>((r) => (stopped = r));
    const off = onEmbeddedState((s) => {
      seen.push(s);
      if (s === 'stopped') stopped();
    });
    try {
      assert.equal(embeddedState(), 'stopped');
      await prewarmEmbedded(60_000);
      assert.deepEqual(seen, ['starting', 'running']);
      const dev = await openDevDatabase(undefined, { idleMs: 300 });
      assert.equal((await dev.query<{ one: number }>('SELECT 1 AS one')).rows[0].one, 1);
      await dev.close();
      await done; // the idle stop, 300 ms after the lease
      assert.deepEqual(seen, ['starting', 'running', 'stopped']);
      assert.equal(embeddedState(), 'stopped');
    } finally {
      off();
    }
  });
});
