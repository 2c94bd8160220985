// Parent side of the embedded database: forks `atlas-wb devdb serve` (dist/cli.js when bundled,
// the TypeScript entry through tsx when running from sources) and waits for its "ready" message.
// The child stops itself when this process exits (its IPC channel closes), even after SIGKILL.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ServeInfo } from './pgliteServer';

export interface PgliteProcess {
  info: ServeInfo;
  pid: number;
  stop(): Promise<void>;
  /** resolves when the child has exited */
  exited: Promise<void>;
}

function entry(): { file: string; execArgv: string[]; cwd?: string } {
  const bundled = path.join(__dirname, 'cli.js');
  if (__filename.endsWith('.js') && fs.existsSync(bundled)) return { file: bundled, execArgv: [] };
  // From sources: `--import tsx` resolves from the child's cwd, so run it in the repository.
  const source = path.resolve(__dirname, '../cli/main.ts');
  return { file: source, execArgv: ['--import', 'tsx'], cwd: path.resolve(__dirname, '../../..') };
}

export interface StartOptions {
  dataDir?: string;
  cacheDir?: string;
  timeoutMs?: number;
}

export function startPgliteProcess(opts: StartOptions = {}): Promise<PgliteProcess> {
  const { file, execArgv, cwd } = entry();
  const args = ['devdb', 'serve'];
  if (opts.dataDir) args.push('--data-dir', opts.dataDir);
  if (opts.cacheDir) args.push('--cache-dir', opts.cacheDir);
  const child: ChildProcess = fork(file, args, { execArgv, cwd, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<PgliteProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the embedded database did not start within ${(opts.timeoutMs ?? 120_000) / 1000}s`));
    }, opts.timeoutMs ?? 120_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`the embedded database failed to start: ${why}`));
    };
    child.once('error', (e) => fail(e.message));
    const onExit = (code: number | null, sig: NodeJS.Signals | null) => fail(`process exited (${sig ?? code})${stderr ? `: ${stderr.trim()}` : ''}`);
    child.once('exit', onExit);
    child.on('message', (m: unknown) => {
      const msg = m as { ready?: boolean; error?: string } & ServeInfo;
      if (msg.error) {
        fail(msg.error);
        return;
      }
      if (!msg.ready) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      // Do not keep the parent alive for the child's sake.
      child.unref();
      (child as unknown as { channel?: { unref(): void } }).channel?.unref();
      const { port, coldStart, startMs, pristine } = msg;
      resolve({
        info: { port, coldStart, startMs, pristine },
        pid: child.pid!,
        exited,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          if (child.connected) child.send({ stop: true });
          const t = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(t);
        },
      });
    });
  });
}
