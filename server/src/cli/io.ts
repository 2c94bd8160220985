// Output sinks for CLI commands so the same command code runs in the terminal and inside the language server.
import { rememberEnviron, shown } from '../secrets';
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Reports progress (LSP $/progress when run from the editor). */
  progress?(message: string, percentage?: number): void;
  /** Cancellation (editor progress cancel button, Ctrl-C). */
  signal?: AbortSignal;
  /** Asks the user to pick one of `items` (Atlas's prompts, cli/prompt.ts); absent when there is no terminal to ask
   * on; undefined when the input ends without an answer. */
  choose?(label: string, items: string[]): Promise<string | undefined>;
  /** Dev URL used when neither --dev-url nor the env gives one (the editor's atlasWorkbench.devDatabase). */
  defaultDevUrl?: string;
}

/** A command: returns the process exit code. */
export type CliCommand = (args: string[], io: CliIO) => Promise<number>;

/** A command module: `run` and its usage line. */
export interface CommandModule {
  run: CliCommand;
  usage: string;
}

/** Error with a message meant for the user (printed as `Error: <message>`), exit code 1. */
export class UserError extends Error {}

export function processIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    ...(process.stdin.isTTY && process.stdout.isTTY ? { choose: terminalChoice } : {}),
  };
}

/** A Select on the terminal; a closed input (^D) is no answer, ^C ends the command (`Error: ^C`, as Atlas). */
async function terminalChoice(label: string, items: string[]): Promise<string | undefined> {
  const { select, initialKeys, PromptAborted } = await import('./prompt');
  try {
    return await select(label, items, { input: process.stdin, output: process.stdout }, initialKeys(items));
  } catch (e) {
    if (e instanceof PromptAborted) {
      if (e.message === '^C') throw new UserError('^C');
      return undefined;
    }
    throw e;
  }
}

/** Collects output in memory (tests and the language server). */
export function memoryIO(cwd: string, env: Record<string, string | undefined> = process.env): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    cwd,
    env,
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
  };
  return io;
}

/**
 * The sink every command writes to: each text (stdout, stderr, progress) goes through `shown`, so no password or
 * known secret of the environment reaches the terminal, the JSON output or the editor.
 */
export function shownIO(io: CliIO): CliIO {
  rememberEnviron(io.env);
  return {
    ...io, // every field a command reads (cwd, env, signal, defaultDevUrl, …); only the display paths are wrapped
    out: (t) => io.out(shown(t)),
    err: (t) => io.err(shown(t)),
    ...(io.progress ? { progress: (m: string, pct?: number) => io.progress!(shown(m), pct) } : {}),
  };
}
