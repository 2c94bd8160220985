// The CLI's side of an engine call: an EngineError prints what Atlas prints before `Error:` (its preamble) and
// becomes the UserError the command exits with; `message` adds the command's context to the text.
import { EngineError } from '../engine/errors';
import { UserError, type CliIO } from './io';

export async function viaEngine<T>(io: CliIO, fn: () => T | Promise<T>, message: (m: string) => string = (m) => m): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    if (e.detail.preamble) io.out(e.detail.preamble);
    throw new UserError(message(e.message));
  }
}
