// The terminal questions (cli/prompt.ts) on real streams: arrow keys and Enter, shortcut keys, Ctrl-C, a closed input.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { initialKeys, PromptAborted, select, type PromptStreams } from '../../../server/src/cli/prompt';

function streams() {
  const input = new PassThrough();
  let shown = '';
  return { input, output: { write: (t: string) => (shown += t) }, shown: () => shown };
}

/** migrate diff's rename question: Yes/No with y and n as direct answers. */
const askYesNo = async (q: string, s: PromptStreams) => (await select(q, ['Yes', 'No'], s, initialKeys(['Yes', 'No']))) === 'Yes';

describe('cli/prompt: select as a yes/no question', () => {
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

describe('cli/prompt: select (schema apply review)', () => {
  it('lists the items with the first selected; Down moves, Enter answers the item', async () => {
    const s = streams();
    const answer = select('Are you sure?', ['Apply', 'Abort'], s);
    s.input.write('\x1b[B');
    s.input.write('\r');
    assert.equal(await answer, 'Abort');
    assert.match(s.shown(), /^\? Are you sure\?: \n\x1b\[2K {2}▸ Apply\n\x1b\[2K {4}Abort\n/);
    assert.match(s.shown(), /✔ Abort\n$/);
  });

  it('Ctrl-C is no answer (PromptAborted ^C); keys without a shortcut do nothing', async () => {
    const s = streams();
    assert.deepEqual(initialKeys(['Apply', 'Abort']), {});
    const answer = select('Are you sure?', ['Apply', 'Abort'], s, initialKeys(['Apply', 'Abort']));
    s.input.write('a');
    s.input.write('\x03');
    await assert.rejects(answer, (e: Error) => e instanceof PromptAborted && e.message === '^C');
  });
});
