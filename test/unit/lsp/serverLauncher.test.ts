// The built language server (dist/server.js: a CommonJS launcher importing the ESM chunks in dist/server/) started
// the way the VS Code client starts it (fork + node IPC): messages sent before the ESM entry has loaded are not lost,
// atlas/ready comes without the heavy parts (tree-sitter, libpg-query, PGlite) having been loaded, and each loads
// (and works from its chunk) when its first document is opened.
// Needs `node scripts/build.mjs` first.
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { openDirPath } from '../../../server/src/migrate/dir';

const serverJs = path.resolve(__dirname, '../../../dist/server.js');

/** Names that survive minification: each heavy part's asset file name appears in its chunk. */
const heavy = { 'web-tree-sitter': 'web-tree-sitter.wasm', 'libpg-query': 'libpg-query.wasm', pglite: 'pglite.wasm' };

describe('lsp/dist/server.js launcher over node IPC', function () {
  this.timeout(30000);
  let child: ChildProcess;
  let conn: MessageConnection;
  let tmp: string;
  let log: string;
  /** the heavy parts whose chunks the server process has loaded so far (logged by a module load hook) */
  const loadedHeavy = () => {
    const files = fs.existsSync(log)
      ? fs
          .readFileSync(log, 'utf8')
          .split('\n')
          .filter((u) => u.startsWith('file:'))
          .map((u) => fileURLToPath(u))
      : [];
    const texts = files.filter((f) => f.startsWith(path.dirname(serverJs))).map((f) => fs.readFileSync(f, 'utf8'));
    return Object.entries(heavy)
      .filter(([, marker]) => texts.some((t) => t.includes(marker)))
      .map(([name]) => name);
  };

  before(() => {
    assert.ok(fs.existsSync(serverJs), 'dist/server.js missing: run `node scripts/build.mjs` first');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-launcher-'));
    log = path.join(tmp, 'loaded.txt');
    const hooks = path.join(tmp, 'hooks.mjs');
    fs.writeFileSync(
      hooks,
      "import fs from 'node:fs';\nexport async function load(url, context, next) {\n  fs.appendFileSync(process.env.AW_LOADED_LOG, url + '\\n');\n  return next(url, context);\n}\n",
    );
    const register = path.join(tmp, 'register.mjs');
    fs.writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    child = fork(serverJs, ['--node-ipc', `--clientProcessId=${process.pid}`], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: ['--import', pathToFileURL(register).href],
      env: { ...process.env, AW_LOADED_LOG: log },
    });
    conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    conn.onRequest('workspace/configuration', () => [null]);
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
  });
  after(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
    }
    conn.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('answers an initialize sent right after the fork, is ready without the heavy parts, loads each on first use', async () => {
    const ready = new Promise<{ version: string }>((r) => conn.onNotification('atlas/ready', r));
    const init = (await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null })) as {
      serverInfo?: { name: string };
      capabilities: { completionProvider?: unknown; codeActionProvider?: unknown };
    };
    assert.equal(init.serverInfo?.name, 'atlas-workbench');
    assert.ok(init.capabilities.completionProvider, 'the atlas.hcl feature registered its capabilities');
    conn.sendNotification('initialized', {});
    assert.match((await ready).version, /^v\d/);
    assert.deepEqual(loadedHeavy(), []);

    const uri = pathToFileURL(path.join(tmp, 'atlas.hcl')).href;
    const diagnosed = new Promise<void>((r) =>
      conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
        if (p.uri === uri) r();
      }),
    );
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'atlas-config', version: 1, text: 'env "dev" {\n  url = 1\n}\n' } });
    await diagnosed;
    assert.deepEqual(loadedHeavy(), ['web-tree-sitter']);

    const migrations = path.join(tmp, 'migrations');
    fs.mkdirSync(migrations);
    fs.writeFileSync(path.join(migrations, '1_a.sql'), 'CREATE TABLE a (id int);\n');
    openDirPath(migrations).writeSum();
    const sqlUri = pathToFileURL(path.join(migrations, '2_b.sql')).href;
    const linted = new Promise<string[]>((r) =>
      conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Array<{ source?: string; message: string }> }) => {
        const lint = p.diagnostics.filter((d) => d.source === 'atlas lint');
        if (p.uri === sqlUri && lint.length) r(lint.map((d) => d.message));
      }),
    );
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri: sqlUri, languageId: 'sql', version: 1, text: 'ALTER TABLE a ADD COLUMN;\n' } });
    assert.deepEqual(await linted, ['syntax error at or near ";"']);
    assert.deepEqual(loadedHeavy(), ['web-tree-sitter', 'libpg-query']);

    const exited = new Promise<number | null>((r) => child.once('exit', r));
    await conn.sendRequest('shutdown');
    conn.sendNotification('exit');
    assert.equal(await exited, 0);
  });
});
