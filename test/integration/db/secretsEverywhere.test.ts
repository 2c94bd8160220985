// No password or known secret reaches any output: every URL form that carries a secret × every output path
// (CLI text and JSON of each command against an unreachable server, a real PostgreSQL 15 rejecting the password
// and a real dev database; the language server's responses, notifications, progress and log). Each case must
// also print something and (where it is about the URL) show the masked URL, so the test can fail.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startAuthServer, type AuthServer } from './authServer';
import { runCli } from '../../../server/src/cli/main';
import { memoryIO } from '../../../server/src/cli/io';
import { startLspSession } from '../../support/lspSession';
import { URI } from '../../../server/src/lsp/uri';
import type { ListEnvsResult, MigrationStatusResult, OperationResult } from '../../../server/src/protocol';

const ADMIN = 'Adm1n-Zq8Lk';
type Kind = 'unreachable' | 'wrong' | 'dev';
interface Conn {
  port: number;
  user: string;
  db: string;
}

interface Form {
  name: string;
  secret: string;
  /** the URL as written: literal (flags and atlas.hcl) or an atlas.hcl template reading the secret with getenv */
  url(c: Conn): string;
  /** how the URL must be shown */
  masked(c: Conn): string;
  /** true: the URL is an atlas.hcl template, so the CLI runs with --env */
  hclOnly?: boolean;
  environ?: Record<string, string>;
  dotenv?: string;
  /** values the client keeps in SecretStorage and sends with each request (LSP only) */
  secretStorage?: Record<string, string>;
}

const at = (c: Conn) => `127.0.0.1:${c.port}/${c.db}`;
const forms: Form[] = [
  {
    name: 'userinfo',
    secret: 'Ui9xK2vQ7w',
    url: (c) => `postgres://${c.user}:Ui9xK2vQ7w@${at(c)}?sslmode=disable`,
    masked: (c) => `postgres://${c.user}:****@${at(c)}?sslmode=disable`,
  },
  {
    name: 'password= parameter',
    secret: 'Qp4mZ8rT1y',
    url: (c) => `postgres://${c.user}@${at(c)}?sslmode=disable&password=Qp4mZ8rT1y`,
    masked: (c) => `postgres://${c.user}@${at(c)}?sslmode=disable&password=****`,
  },
  {
    name: 'percent-encoded',
    secret: 'Pc/t@S:k%9Jw',
    url: (c) => `postgres://${c.user}:${encodeURIComponent('Pc/t@S:k%9Jw')}@${at(c)}?sslmode=disable`,
    masked: (c) => `postgres://${c.user}:****@${at(c)}?sslmode=disable`,
  },
  {
    name: 'unencoded / ? # @',
    secret: 'Sp/ec?i#al@W7',
    url: (c) => `postgres://${c.user}:Sp/ec?i#al@W7@${at(c)}?sslmode=disable`,
    masked: (c) => `postgres://${c.user}:****@${at(c)}?sslmode=disable`,
  },
  {
    name: 'getenv in atlas.hcl',
    secret: 'Gv7/k@Qx3Zr',
    hclOnly: true,
    environ: { APPDB_X: 'Gv7/k@Qx3Zr' },
    url: (c) => `postgres://${c.user}:\${urlescape(getenv("APPDB_X"))}@${at(c)}?sslmode=disable`,
    masked: (c) => `postgres://${c.user}:****@${at(c)}?sslmode=disable`,
  },
  {
    name: '.env value',
    secret: 'De7nvZx4Lp',
    hclOnly: true,
    dotenv: 'DB_PASSWORD=De7nvZx4Lp\n',
    url: (c) => `postgres://${c.user}:\${getenv("DB_PASSWORD")}@${at(c)}?sslmode=disable`,
    masked: (c) => `postgres://${c.user}:****@${at(c)}?sslmode=disable`,
  },
  {
    name: 'PGPASSWORD',
    secret: 'Pg7Pw#wK2q',
    environ: { PGPASSWORD: 'Pg7Pw#wK2q' },
    url: (c) => `postgres://${c.user}@${at(c)}?sslmode=disable`,
    masked: (c) => `postgres://${c.user}@${at(c)}?sslmode=disable`,
  },
  {
    name: 'SecretStorage',
    secret: 'St0re!Xq8Vz',
    hclOnly: true,
    secretStorage: { STORE_PW: 'St0re!Xq8Vz' },
    url: (c) => `postgres://${c.user}:\${getenv("STORE_PW")}@${at(c)}?sslmode=disable`,
    masked: (c) => `postgres://${c.user}:****@${at(c)}?sslmode=disable`,
  },
];

/** Every form in which a secret could be printed: as is, encoded, JSON-escaped, and any 5 characters of it. */
function leaks(text: string, secret: string): string[] {
  const whole = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), new URLSearchParams({ k: secret }).toString().slice(2)];
  const windows = Array.from({ length: secret.length - 4 }, (_, i) => secret.slice(i, i + 5));
  return [...new Set([...whole, ...windows])].filter((f) => text.includes(f));
}

/** A project per form: atlas.hcl (envs unreachable/wrong/dev), a folder whose second file echoes the secret, schema.sql. */
function project(root: string, f: Form, i: number, port: number): string {
  const dir = path.join(root, `form${i}`);
  fs.mkdirSync(path.join(dir, 'migrations'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'migrations', '1_a.sql'), 'CREATE TABLE t (id int);\n');
  // A driver or server message that echoes the secret outside a URL (as a failing connection attempt would).
  fs.writeFileSync(
    path.join(dir, 'migrations', '2_echo.sql'),
    `DO $$ BEGIN RAISE EXCEPTION 'could not connect with postgres://app:%@db.internal/app: password % rejected', '${f.secret}', '${f.secret}'; END $$;\n`,
  );
  fs.mkdirSync(path.join(dir, 'clean'));
  fs.mkdirSync(path.join(dir, 'scratch'));
  fs.writeFileSync(path.join(dir, 'clean', '1_a.sql'), 'CREATE TABLE t (id int);\n');
  fs.writeFileSync(path.join(dir, 'schema.sql'), 'CREATE TABLE t (id int, note text);\n');
  if (f.dotenv) fs.writeFileSync(path.join(dir, '.env'), f.dotenv);
  const dev = f.url(conn('dev', i, port));
  const env = (k: Kind) => `env "${k}" {\n  url = "${f.url(conn(k, i, port))}"\n  dev = "${dev}"\n  migration {\n    dir = "file://migrations"\n  }\n}\n`;
  fs.writeFileSync(path.join(dir, 'atlas.hcl'), (['unreachable', 'wrong', 'dev'] as Kind[]).map(env).join('\n'));
  return dir;
}

function conn(k: Kind, i: number, port: number): Conn {
  if (k === 'unreachable') return { port: 1, user: 'postgres', db: 'postgres' };
  return k === 'wrong' ? { port, user: 'postgres', db: 'postgres' } : { port, user: `f${i}`, db: `f${i}` };
}

interface Case {
  kind: Kind;
  argv: (target: string[], dev: string[]) => string[];
  json?: boolean;
  mentions: boolean;
  quiet?: boolean;
}
const J = ['--format', '{{ json . }}'];
const cliCases: Case[] = [];
for (const kind of ['unreachable', 'wrong'] as const) {
  for (const json of [false, true]) {
    const fmt = json ? J : [];
    cliCases.push(
      { kind, json, mentions: true, argv: (t) => ['migrate', 'apply', ...t, ...fmt] },
      { kind, json, mentions: true, argv: (t) => ['migrate', 'status', ...t, ...fmt] },
      { kind, json, mentions: true, argv: (t, d) => ['migrate', 'down', ...t, ...d, ...fmt] },
      { kind, json, mentions: true, argv: (t) => ['schema', 'inspect', ...t, ...(json ? J : [])] },
    );
  }
  cliCases.push({
    kind,
    mentions: true,
    argv: (t, d) => [
      'schema',
      'diff',
      ...t.map((a) => (a === '--url' ? '--from' : a)),
      ...(t[0] === '--env' ? ['--from', 'env://url'] : []),
      '--to',
      'file://schema.sql',
      ...d,
    ],
  });
  cliCases.push({ kind, mentions: true, argv: (t) => ['migrate', 'set', '1', ...t] });
}
for (const json of [false, true]) {
  const fmt = json ? J : [];
  cliCases.push(
    // reachable with the right password: Atlas's JSON shape of the URL (Host, RawQuery) is printed
    { kind: 'dev', json, mentions: json, argv: (t) => ['migrate', 'status', ...t, ...fmt] },
    { kind: 'dev', json, mentions: true, argv: (_t, d) => ['migrate', 'lint', '--latest', '1', ...d, ...fmt, '--dir', 'file://clean'] },
    // the replay fails on a file whose error message echoes the secret
    { kind: 'dev', json, mentions: true, argv: (_t, d) => ['migrate', 'lint', '--latest', '1', ...d, ...fmt] },
  );
}
cliCases.push(
  { kind: 'dev', mentions: false, argv: (_t, d) => ['migrate', 'diff', 'add_note', '--to', 'file://schema.sql', ...d] },
  // with --env, validate does not replay on the env's dev database and prints nothing on success
  { kind: 'dev', mentions: false, quiet: true, argv: (_t, d) => ['migrate', 'validate', ...d] },
);

describe('secrets never appear in any output', function () {
  this.timeout(600_000);
  let auth: AuthServer | undefined;
  let root: string;
  const ran: string[] = [];
  let problems: string[] = [];
  beforeEach(() => {
    problems = [];
  });
  before(async () => {
    auth = await startAuthServer(ADMIN);
    assert.ok(auth, 'PostgreSQL 15 binaries are required');
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-secrets-'));
    await admin(async (q) => {
      for (const [i, f] of forms.entries()) await q(`CREATE ROLE f${i} LOGIN PASSWORD '${f.secret}'`);
    });
    for (const [i, f] of forms.entries()) {
      const dir = project(root, f, i, auth.port);
      for (const d of ['migrations', 'clean']) assert.equal(await runCli(['migrate', 'hash', '--dir', `file://${d}`], memoryIO(dir)), 0);
    }
  });
  // Each test starts from empty dev databases (a failed replay may leave objects behind; not what is tested here).
  beforeEach(() =>
    admin(async (q) => {
      for (const i of forms.keys()) {
        await q(`DROP DATABASE IF EXISTS f${i}`);
        await q(`CREATE DATABASE f${i} OWNER f${i}`);
      }
    }),
  );
  after(() => {
    auth?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  async function admin(fn: (q: (sql: string) => Promise<unknown>) => Promise<void>): Promise<void> {
    const c = new pg.Client({ connectionString: `postgres://postgres:${ADMIN}@127.0.0.1:${auth!.port}/postgres?sslmode=disable` });
    await c.connect();
    try {
      await fn((sql) => c.query(sql));
    } finally {
      await c.end();
    }
  }

  function withEnviron<T>(f: Form, fn: (env: Record<string, string | undefined>) => Promise<T>): Promise<T> {
    // node-pg reads PGPASSWORD from the process environment, so the form's variables are set there for its runs.
    const saved = Object.keys(f.environ ?? {}).map((k) => [k, process.env[k]] as const);
    Object.assign(process.env, f.environ);
    return fn({ ...process.env }).finally(() => {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    });
  }

  it('CLI: text and JSON of every command, errors, the dev database line', async () => {
    assert.ok(auth);
    for (const [i, f] of forms.entries()) {
      if (f.secretStorage) continue; // SecretStorage exists only in the editor (covered below)
      const dir = path.join(root, `form${i}`);
      await withEnviron(f, async (env) => {
        // hash and new print nothing on success; they still load the env (its URLs and .env) and must not leak
        const cases: Case[] = [
          ...cliCases,
          { kind: 'dev', mentions: false, quiet: true, argv: (_t, d) => ['migrate', 'hash', ...(d[0] === '--env' ? d : ['--dir', 'file://migrations'])] },
          { kind: 'dev', mentions: false, quiet: true, argv: (_t, d) => ['migrate', 'new', 'note', ...(d[0] === '--env' ? d : []), '--dir', 'file://scratch'] },
        ];
        for (const c of cases) {
          const target = f.hclOnly ? ['--env', c.kind] : ['--url', f.url(conn(c.kind, i, auth!.port))];
          // with --env, the env's own `dev` attribute is the dev database
          const dev = f.hclOnly ? (c.kind === 'dev' ? target : []) : ['--dev-url', f.url(conn('dev', i, auth!.port))];
          const argv = c.argv(target, dev);
          const io = memoryIO(dir, env);
          await runCli([...argv, ...(argv.includes('--env') || argv.includes('--dir') || argv[0] === 'schema' ? [] : ['--dir', 'file://migrations'])], io);
          const out = io.stdout + io.stderr;
          const label = `${f.name}: atlas-wb ${argv.join(' ')}`;
          if (leaks(out, f.secret).length) problems.push(`${label} leaked ${leaks(out, f.secret).join(', ')}:\n${out}`);
          if (!c.quiet && out.trim().length === 0) problems.push(`${label} printed nothing`);
          const shown = f.masked(conn(c.kind, i, auth!.port));
          if (c.mentions && !out.includes(shown) && !(c.json === true && jsonMentions(out, shown))) problems.push(`${label} does not show ${shown}:\n${out}`);
          ran.push(`cli ${label}`);
        }
      });
    }
    assert.deepEqual(problems, [], `${problems.length} of ${ran.length} CLI cases failed:\n${problems.join('\n')}`);
    assert.ok(ran.length >= 7 * cliCases.length, `only ${ran.length} CLI cases ran`);
  });

  it('language server: env list, status, command output, hover, symbols, log and every notification', async () => {
    assert.ok(auth);
    const environ = Object.assign({}, ...forms.map((f) => f.environ ?? {})) as Record<string, string>;
    const stored = Object.assign({}, ...forms.map((f) => f.secretStorage ?? {})) as Record<string, string>;
    const before = ran.length;
    await withEnviron({ ...forms[0], environ }, async () => {
      const s = await startLspSession(root);
      try {
        const check = (label: string, f: Form, value: unknown, shown?: string) => {
          const text = JSON.stringify(value);
          if (leaks(text, f.secret).length) problems.push(`${label} leaked ${leaks(text, f.secret).join(', ')}: ${text}`);
          if (text.length <= 2) problems.push(`${label} is empty`);
          if (shown && !text.includes(shown)) problems.push(`${label} does not show ${shown}: ${text}`);
          ran.push(`lsp ${label}`);
        };
        const list = await s.rpc.sendRequest<ListEnvsResult>('atlas/listEnvs', { environ: stored });
        for (const [i, f] of forms.entries()) {
          const dir = path.join(root, `form${i}`);
          const projectUri = URI.fromPath(path.join(dir, 'atlas.hcl'));
          const env = f.secretStorage ?? {};
          const wrong = f.masked(conn('wrong', i, auth!.port));
          check(
            `${f.name}: atlas/listEnvs`,
            f,
            list.envs.filter((e) => e.projectUri === projectUri),
            f.name.startsWith('unencoded') ? undefined : wrong,
          );
          for (const k of ['unreachable', 'wrong'] as const) {
            const st = await s.rpc.sendRequest<MigrationStatusResult>('atlas/migrationStatus', { projectUri, env: k, environ: env });
            check(`${f.name}: atlas/migrationStatus ${k}`, f, st, f.masked(conn(k, i, auth!.port)));
          }
          for (const [method, k, extra] of [
            ['atlas/planApply', 'wrong', {}],
            ['atlas/planApply', 'unreachable', {}],
            ['atlas/lint', 'dev', {}],
            ['atlas/validate', 'dev', {}],
          ] as const) {
            const r = await s.rpc.sendRequest<OperationResult>(method, { projectUri, env: k, environ: env, workDoneToken: `t-${i}-${method}-${k}`, ...extra });
            check(`${f.name}: ${method} ${k}`, f, r, k === 'dev' ? undefined : f.masked(conn(k, i, auth!.port)));
          }
          const text = fs.readFileSync(path.join(dir, 'atlas.hcl'), 'utf8');
          s.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: projectUri, languageId: 'atlas-hcl', version: 1, text } });
          const line = text.split('\n').findIndex((l, n, all) => l.includes('url =') && all[n - 1].includes('"wrong"'));
          const hover = await s.rpc.sendRequest('textDocument/hover', { textDocument: { uri: projectUri }, position: { line, character: 12 } });
          check(`${f.name}: hover on url`, f, hover, f.secretStorage ? undefined : wrong);
          check(`${f.name}: documentSymbol`, f, await s.rpc.sendRequest('textDocument/documentSymbol', { textDocument: { uri: projectUri } }));
        }
      } finally {
        s.close();
      }
      const everything = s.sent.join('');
      assert.ok(everything.includes('window/logMessage') || everything.includes('$/progress'), 'the session sent no log or progress messages');
      for (const f of forms) {
        if (leaks(everything, f.secret).length) problems.push(`${f.name}: the messages the server sent leaked ${leaks(everything, f.secret).join(', ')}`);
        ran.push(`lsp ${f.name}: every message sent`);
      }
    });
    assert.deepEqual(problems, [], `${problems.length} of ${ran.length - before} LSP cases failed:\n${problems.join('\n')}`);
    assert.ok(ran.length - before >= forms.length * 10, `only ${ran.length - before} LSP cases ran`);
  });
});

/** Atlas's JSON shape for URLs: the masked URL's parts (Host, Path, RawQuery) appear as fields. */
function jsonMentions(out: string, shown: string): boolean {
  const u = new URL(shown);
  return out.includes(`"Host":"${u.host}"`) && out.includes(`"RawQuery":"${u.search.slice(1)}"`);
}
