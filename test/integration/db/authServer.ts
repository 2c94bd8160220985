// A throw-away PostgreSQL 15 that requires a password (scram-sha-256), for wrong-password tests.
// The shared integration server trusts every local connection, so it cannot show authentication errors.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const PGBIN = process.env.PGBIN || '/usr/lib/postgresql/15/bin';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

export interface AuthServer {
  port: number;
  password: string;
  stop(): void;
}

export async function startAuthServer(password: string): Promise<AuthServer | undefined> {
  if (!fs.existsSync(path.join(PGBIN, 'initdb'))) return undefined;
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-auth-'));
  fs.chmodSync(base, 0o755);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', base]);
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(PGBIN, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(PGBIN, cmd), args, { stdio: 'pipe' });
  const pwfile = path.join(base, 'pw');
  fs.writeFileSync(pwfile, password);
  if (asRoot) execFileSync('chown', ['postgres:postgres', pwfile]);
  const port = await freePort();
  run('initdb', ['-D', `${base}/data`, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  run('pg_ctl', [
    '-D',
    `${base}/data`,
    '-l',
    `${base}/server.log`,
    '-w',
    '-t',
    '30',
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${base} -c fsync=off`,
    'start',
  ]);
  return {
    port,
    password,
    stop() {
      try {
        run('pg_ctl', ['-D', `${base}/data`, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* down */
      }
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}
