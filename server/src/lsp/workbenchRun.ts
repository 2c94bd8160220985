// Runs engine commands for the editor: the CLI's own code in-process (`runCli` with a collecting CliIO that
// reports `$/progress`), or an installed `atlas` binary when the user chose that engine.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { commands } from '../cli/commands';
import { shownIO, UserError, type CliIO } from '../cli/io';
import type { RunCommandResult, WorkbenchSettings } from '../protocol';
import { findEnvFile, parseDotenv } from '../config/dotenv';
import { rememberEnviron } from '../secrets';

export interface RunOptions {
  argv: string[];
  cwd: string;
  /** environment of the command (process env + .env + secrets) */
  environ: Record<string, string | undefined>;
  settings: WorkbenchSettings;
  progress?: (message: string, percentage?: number) => void;
  signal?: AbortSignal;
}

export { parseDotenv };

export { findEnvFile };

/** The command environment: process env, then the project's `.env` (not overriding), then explicit extras (secrets). */
export function commandEnviron(
  cwd: string,
  settings: WorkbenchSettings,
  extra: Record<string, string> = {},
  roots: string[] = [],
): Record<string, string | undefined> {
  const environ: Record<string, string | undefined> = { ...process.env };
  const file = findEnvFile(cwd, settings.envFile, roots);
  try {
    const dotenv = file ? parseDotenv(fs.readFileSync(file, 'utf8')) : {};
    rememberEnviron(dotenv);
    for (const [k, v] of Object.entries(dotenv)) if (environ[k] === undefined) environ[k] = v;
  } catch {
    /* unreadable .env file */
  }
  rememberEnviron(process.env);
  rememberEnviron(extra, true);
  return { ...environ, ...extra };
}

export function tryJson(text: string): unknown {
  const t = text.trim();
  if (!t || !/^[[{]/.test(t)) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/**
 * The CLI's dispatch (same table, same error texts as `runCli` in cli/main.ts). cli/main.ts itself is not imported:
 * bundled into dist/server.js its `require.main === module` entry block would run the CLI inside the server.
 */
export async function dispatch(argv: string[], sink: CliIO): Promise<number> {
  const io = shownIO(sink);
  const two = `${argv[0] ?? ''} ${argv[1] ?? ''}`.trim();
  const key = commands[two] ? two : argv[0] && commands[argv[0]] ? argv[0] : undefined;
  if (!key || key === 'lsp') {
    io.err(`Error: unknown command "${argv.slice(0, 2).join(' ')}"\n`);
    return 1;
  }
  const mod = await commands[key]();
  try {
    return await mod.run(argv.slice(key.split(' ').length), io);
  } catch (e) {
    io.err(`Error: ${e instanceof UserError || e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

export async function runEngine(o: RunOptions): Promise<RunCommandResult> {
  if (o.settings.engine === 'atlas') return runAtlasBinary(o);
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    cwd: o.cwd,
    env: o.environ,
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
    progress: o.progress,
    signal: o.signal,
    defaultDevUrl: o.settings.devDatabase || undefined,
  };
  let exitCode: number;
  try {
    exitCode = await dispatch(o.argv, io);
  } catch (e) {
    stderr += `Error: ${e instanceof Error ? e.message : String(e)}\n`;
    exitCode = 1;
  }
  return { exitCode, stdout, stderr, json: tryJson(stdout) };
}

function runAtlasBinary(o: RunOptions): Promise<RunCommandResult> {
  return new Promise((resolve) => {
    const child = spawn(o.settings.atlasPath || 'atlas', o.argv, { cwd: o.cwd, env: o.environ as NodeJS.ProcessEnv, signal: o.signal });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (e) => resolve({ exitCode: 127, stdout, stderr: stderr + `Error: cannot run "${o.settings.atlasPath}": ${e.message}\n` }));
    child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout, stderr, json: tryJson(stdout) }));
  });
}
