// Makes `npm start` / `npm test` work on a fresh checkout: installs the locked dependencies when
// node_modules is missing or older than the lock file, and builds dist/ when it is missing or stale.
// Uses only Node's own modules, so it runs before anything is installed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mtime = (p) => {
  try {
    return fs.statSync(path.join(root, p)).mtimeMs;
  } catch {
    return 0;
  }
};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function ensureInstalled() {
  const marker = 'node_modules/.package-lock.json';
  if (mtime(marker) === 0 || mtime(marker) < mtime('package-lock.json')) {
    console.log('bootstrap: installing dependencies (npm ci)…');
    execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  }
}

function newestSource(dir) {
  let newest = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(path.join(root, d), { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mjs|json)$/.test(e.name)) newest = Math.max(newest, mtime(p));
    }
  };
  walk(dir);
  return newest;
}

export function ensureBuilt() {
  const built = Math.min(mtime('dist/cli.js'), mtime('dist/server.js'), mtime('dist/client.js'));
  const sources = Math.max(newestSource('server/src'), newestSource('client/src'), mtime('scripts/build.mjs'), mtime('package-lock.json'));
  if (built === 0 || built < sources) {
    console.log('bootstrap: building dist/ (npm run build)…');
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  }
}

/**
 * Debian packages the tests and the workbench need: PostgreSQL 15 (integration tests), Chromium (e2e) and the
 * Kerberos headers code-server's install compiles against. Installed with apt-get when running as root;
 * otherwise a clear message names what is missing.
 */
export function ensureSystemPackages({ postgres = true, chromium = true } = {}) {
  const missing = [];
  if (postgres && !fs.existsSync('/usr/lib/postgresql/15/bin/initdb')) missing.push('postgresql-15');
  if (chromium && !fs.existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (chromium && !fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) {
    console.log(`bootstrap: missing Debian packages: ${missing.join(' ')} (install them with: sudo apt-get install -y ${missing.join(' ')})`);
    return;
  }
  console.log(`bootstrap: installing ${missing.join(' ')} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}
