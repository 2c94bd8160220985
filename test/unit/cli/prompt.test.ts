// The terminal yes/no question (cli/prompt.ts) on real streams: arrow keys and Enter, y/n, and a closed input.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { askYesNo, PromptAborted } from '../../../server/src/cli/prompt';

function streams() {
  const input = new PassThrough();
  let shown = '';
  return { input, output: { write: (t: string) => (shown += t) }, shown: () => shown };
}

describe('cli/prompt: askYesNo', () => {
  it('shows the question with Yes selected; Down + Enter answers No', async () => {
    const s = streams();
    const answer = askYesNo('Did you rename "users" column from "a" to "b"', s);
    s.input.write('\x1b[B');
    s.input.write('\r');
    assert.equal(await answer, false);
    assert.match(s.shown(), /^\? Did you rename "users" column from "a" to "b": \n\x1b\[2K {2}▸ Yes\n\x1b\[2K {4}No\n/);
    assert.match(s.shown(), /✔ No\n$/);
  });

  it('Enter takes the selected Yes; y and n answer directly', async () => {
    for (const [keys, want] of [
      ['\r', true],
      ['y', true],
      ['n', false],
    ] as const) {
      const s = streams();
      const answer = askYesNo('Rename?', s);
      s.input.write(keys);
      assert.equal(await answer, want, JSON.stringify(keys));
    }
  });

  it('a closed input is no answer', async () => {
    const s = streams();
    const answer = askYesNo('Rename?', s);
    s.input.end();
    await assert.rejects(answer, PromptAborted);
  });
});
