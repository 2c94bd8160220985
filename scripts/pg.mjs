// Starts a throw-away PostgreSQL 15 on 127.0.0.1 (a free port) for tests and benches.
// As root it runs the server as the `postgres` OS user, as CI requires.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const PGBIN = process.env.PGBIN || '/usr/lib/postgresql/15/bin';

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * Starts a server on a free port. `password`: the `postgres` role gets it and every connection must give it
 * (scram-sha-256), for wrong-password tests; without it every local connection is trusted.
 */
export async function startPostgres({ password } = {}) {
  if (!fs.existsSync(path.join(PGBIN, 'initdb'))) return undefined;
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-pg-'));
  fs.chmodSync(base, 0o755);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', base]);
  const run = (cmd, args) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(PGBIN, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(PGBIN, cmd), args, { stdio: 'pipe' });
  const auth = ['--auth=trust'];
  if (password !== undefined) {
    const pwfile = path.join(base, 'pw');
    fs.writeFileSync(pwfile, password);
    if (asRoot) execFileSync('chown', ['postgres:postgres', pwfile]);
    auth.splice(0, 1, '--auth=scram-sha-256', `--pwfile=${pwfile}`);
  }
  const port = await freePort();
  run('initdb', ['-D', `${base}/data`, '-U', 'postgres', ...auth, '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  run('pg_ctl', [
    '-D',
    `${base}/data`,
    '-l',
    `${base}/server.log`,
    '-w',
    '-t',
    '30',
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${base} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
  console.log(`postgres: started PostgreSQL 15 on 127.0.0.1:${port} (${base})`);
  return {
    url,
    port,
    base,
    stop() {
      try {
        run('pg_ctl', ['-D', `${base}/data`, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already down */
      }
      spawnSync('rm', ['-rf', base]);
    },
  };
}
