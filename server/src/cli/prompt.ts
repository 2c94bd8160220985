// A yes/no question in the terminal in the style of Atlas's prompts (promptui's Select):
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

export function askYesNo(question: string, { input, output }: PromptStreams): Promise<boolean> {
  const choices = ['Yes', 'No'];
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
  return new Promise<boolean>((resolve, reject) => {
    const done = (answer: boolean | Error) => {
      input.off('keypress', onKey);
      input.off('end', onEnd);
      if (raw) input.setRawMode!(false);
      input.pause();
      if (answer instanceof Error) return reject(answer);
      output.write(`\x1b[${choices.length}A\x1b[J✔ ${answer ? 'Yes' : 'No'}\n`);
      resolve(answer);
    };
    const onEnd = () => done(new PromptAborted('no answer: input closed'));
    const onKey = (ch: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) => {
      const name = key?.name ?? ch;
      if (key?.ctrl && name === 'c') return done(new PromptAborted('^C'));
      if (name === 'up' || name === 'k') at = (at + choices.length - 1) % choices.length;
      else if (name === 'down' || name === 'j') at = (at + 1) % choices.length;
      else if (name === 'return' || name === 'enter') return done(at === 0);
      else if (name === 'y') return done(true);
      else if (name === 'n') return done(false);
      else return;
      draw();
    };
    input.on('keypress', onKey);
    input.on('end', onEnd);
  });
}
