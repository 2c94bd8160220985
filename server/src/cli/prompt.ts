// Questions in the terminal in the style of Atlas's prompts (promptui's Select), e.g. migrate diff's rename question
// and schema apply's review ("? Are you sure?: ▸ Apply / Abort"):
//   ? Did you rename "users" column from "first_name" to "name":
//     ▸ Yes
//       No
// Arrow keys (or j/k) move, Enter chooses; `y` / `n` answer directly; Ctrl-C aborts. Works on any readable
// stream (keypresses are decoded by node:readline); raw mode is switched on only for a TTY.
import readline from 'node:readline';

export class PromptAborted extends Error {}

export interface PromptStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  output: { write(text: string): unknown };
}

/**
 * Asks the user to pick one of `choices` (promptui's Select); resolves the chosen item. `keys` maps single keys to
 * items answered directly (`y` → Yes). Rejects with PromptAborted on Ctrl-C or a closed input.
 */
export function select(question: string, choices: string[], { input, output }: PromptStreams, keys: Record<string, string> = {}): Promise<string> {
  let at = 0;
  let drawn = false;
  const draw = () => {
    if (drawn) output.write(`\x1b[${choices.length}A`);
    drawn = true;
    for (let i = 0; i < choices.length; i++) output.write(`\x1b[2K${i === at ? '  ▸ ' : '    '}${choices[i]}\n`);
  };
  output.write(`? ${question}: \n`);
  draw();
  readline.emitKeypressEvents(input);
  const raw = !!input.isTTY && typeof input.setRawMode === 'function';
  if (raw) input.setRawMode!(true);
  input.resume();
  return new Promise<string>((resolve, reject) => {
    const done = (answer: string | Error) => {
      input.off('keypress', onKey);
      input.off('end', onEnd);
      if (raw) input.setRawMode!(false);
      input.pause();
      if (answer instanceof Error) return reject(answer);
      output.write(`\x1b[${choices.length}A\x1b[J✔ ${answer}\n`);
      resolve(answer);
    };
    const onEnd = () => done(new PromptAborted('no answer: input closed'));
    const onKey = (ch: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) => {
      const name = key?.name ?? ch;
      if (key?.ctrl && name === 'c') return done(new PromptAborted('^C'));
      if (name === 'up' || name === 'k') at = (at + choices.length - 1) % choices.length;
      else if (name === 'down' || name === 'j') at = (at + 1) % choices.length;
      else if (name === 'return' || name === 'enter') return done(choices[at]);
      else if (name !== undefined && keys[name] !== undefined) return done(keys[name]);
      else return;
      draw();
    };
    input.on('keypress', onKey);
    input.on('end', onEnd);
  });
}

/** Each item's first letter as a direct answer (`y` → Yes, `n` → No), when no two items share it. */
export function initialKeys(items: string[]): Record<string, string> {
  const firsts = items.map((i) => i.charAt(0).toLowerCase());
  return firsts.every((f, i) => f && firsts.indexOf(f) === i) ? Object.fromEntries(items.map((item, i) => [firsts[i], item])) : {};
}
