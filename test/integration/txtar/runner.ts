// A runner for Atlas's integration testscripts (internal/integration/script_test.go in ariga/atlas) on real
// PostgreSQL: `$db` is a schema of its own per script (`$dev` its dev schema), `apply`/`synced` diff an HCL file
// against it through our engine, `cmpshow` compares psql's `\d` output, `cmphcl` our HCL inspect output, `atlas …`
// runs our CLI in-process. testscript's own commands: `stdout`/`stderr` (regexp), `cmp`, `cp`, `rm`, `exec`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import { memoryIO } from '../../../server/src/cli/io';
import { schemaDiff } from '../../../server/src/engine/schemaDiff';
import { inspectState } from '../../../server/src/engine/inspect';
import { inspectHcl } from '../../../server/src/schema/hcl';
import { connect } from '../schema/support';
import { parseScript, parseTxtar } from './txtar';

/** The server version as Atlas's harness names it (`only postgres15`). */
export const VERSION = 'postgres15';

export class ScriptSkip extends Error {}

export interface ScriptContext {
  /** URL of the test database (no search_path) */
  dbUrl: string;
}

const withSchema = (url: string, schema: string) => {
  const u = new URL(url);
  u.searchParams.set('search_path', schema);
  if (!u.searchParams.has('sslmode')) u.searchParams.set('sslmode', 'disable');
  return u.toString();
};

/** Runs one .txtar file; throws on the first failing line (message names file:line). */
export async function runScript(file: string, ctx: ScriptContext): Promise<void> {
  const name = path.basename(file, '.txtar');
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-txtar-'));
  const work = path.join(base, `script-${name}`);
  fs.mkdirSync(work);
  const archive = parseTxtar(fs.readFileSync(file, 'utf8'));
  for (const f of archive.files) {
    fs.mkdirSync(path.dirname(path.join(work, f.name)), { recursive: true });
    fs.writeFileSync(path.join(work, f.name), f.data);
  }
  const db = name.replace(/-/g, '_').replace(/^/, 'script_');
  const dev = `${db}_dev`;
  const env: Record<string, string> = { WORK: work, db, dev, version: VERSION, HOME: os.homedir(), PATH: process.env.PATH ?? '' };
  const url = withSchema(ctx.dbUrl, db);
  const devUrl = withSchema(ctx.dbUrl, dev);
  const admin = await connect(ctx.dbUrl);
  const target = await connect(ctx.dbUrl, db);
  let deviation = false;
  let stdout = '';
  let stderr = '';
  const abs = (f: string) => path.resolve(work, f);
  const versioned = (f: string) => (fs.existsSync(abs(path.join(VERSION, f))) ? path.join(VERSION, f) : f);
  const read = (f: string) => (f === 'stdout' ? stdout : f === 'stderr' ? stderr : fs.readFileSync(abs(f), 'utf8'));
  const sub = (s: string) => s.replace(/\$db/g, db);

  /** Atlas's hclDiff: the HCL file (with `$db` replaced) as the desired state of `$db`, normalized on `$dev`. */
  const hclDiff = async (f: string) => {
    const tmp = path.join(base, `desired-${path.basename(f)}`);
    fs.writeFileSync(tmp, sub(read(f)));
    return schemaDiff({ from: [url], to: [`file://${tmp}`], devUrl, fromCwd: work, toCwd: work, environ: process.env });
  };

  const cmds: Record<string, (args: string[], neg: boolean) => Promise<void>> = {
    async only(args, neg) {
      for (const a of args) if (!neg === new RegExp(a, 'mi').test(VERSION)) return;
      throw new ScriptSkip(`skip version ${VERSION} (only ${neg ? '! ' : ''}${args.join(' ')})`);
    },
    async apply(args, neg) {
      let plan;
      try {
        plan = await hclDiff(args[0]);
      } catch (e) {
        if (!neg) throw new Error(`diff states: ${(e as Error).message}`);
        return matchErr(e as Error, args[1]);
      }
      let failure: Error | undefined;
      for (const s of plan.statements)
        try {
          await target.exec(s);
        } catch (e) {
          failure = new Error(`${(e as Error).message} (statement ${s})`);
          break;
        }
      if (failure && !neg) throw new Error(`apply changes: ${failure.message}`);
      if (!failure && neg) throw new Error('unexpected apply success');
      if (failure) return matchErr(failure, args[1]);
      const again = await hclDiff(args[0]);
      if (again.changes.length) throw new Error(`unexpected schema changes: ${again.changes.length}\n${again.text}`);
    },
    async synced(args, neg) {
      const plan = await hclDiff(args[0]);
      if (plan.changes.length && !neg) throw new Error(`expect no schema changes, but got: ${plan.changes.length}\n${plan.text}`);
      if (!plan.changes.length && neg) throw new Error('expect schema changes, but there are none');
    },
    async cmphcl(args) {
      const realm = await inspectState({ url, cwd: work, environ: process.env });
      compare(inspectHcl(realm), sub(read(versioned(args[0]))), args[0], true);
    },
    async cmpshow(args) {
      const shows = args.slice(0, -1).map((t) => psqlDescribe(ctx.dbUrl, `${db}.${t}`));
      compare(shows.join('\n'), read(versioned(args[args.length - 1])), args[args.length - 1], true);
    },
    async cmpmig(args) {
      const expected = read(versioned(args[1])).trim();
      const files = fs
        .readdirSync(abs('migrations'))
        .filter((f) => f.endsWith('.sql'))
        .sort();
      const f = files[Number(args[0])];
      if (!f) throw new Error(`could not find the #${args[0]} migration`);
      const actual = read(path.join('migrations', f)).trim();
      const a = actual.split('\n');
      const b = expected.split('\n');
      if (a.length !== b.length || a.some((l, i) => l !== b[i] && !/--changeset atlas:[0-9]+-[0-9]+/.test(l))) compare(actual, expected, args[1], false);
    },
    async execsql(args) {
      for (const s of args) await admin.exec(sub(s));
    },
    async exist(args, neg) {
      for (const t of args) {
        const r = await admin.query('SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [db, t]);
        if (!(r.rows[0] as { n: number }).n !== neg) throw new Error(`table ${JSON.stringify(t)} existence failed`);
      }
    },
    async clearSchema(args) {
      const s = args[0] ?? db;
      await admin.exec(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await admin.exec(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    },
    async atlas(args, neg) {
      const words = args.map((a) =>
        a
          .replace(/DEV_URL/g, devUrl)
          .replace(/URL/g, url)
          .replace(/\$db/g, db),
      );
      if (words[0] === 'migrate' && (words[1] === 'diff' || words[1] === 'apply') && !words.includes('--lock-timeout')) words.push('--lock-timeout', '30s');
      const redirect = words.length > 1 && words[words.length - 2] === '>' ? words.splice(-2)[1] : undefined;
      if (neg && embeddedDevDefault(words)) {
        // Our one documented difference from Atlas (README, "Dev database"): with no --dev-url, these commands use the
        // embedded dev database where Atlas stops with "--dev-url cannot be empty" / "dev-url" not set. Assert that
        // behaviour instead, in a copy of the work folder so the script's later steps see the files Atlas would leave.
        const copy = fs.mkdtempSync(path.join(base, 'embedded-'));
        fs.cpSync(work, copy, { recursive: true });
        const eio = memoryIO(copy, { ...process.env, HOME: env.HOME });
        const ecode = await runCli(words, eio);
        if (ecode !== 0) throw new Error(`without --dev-url the embedded dev database should answer: exit ${ecode}\n${eio.stderr}`);
        deviation = true;
        return;
      }
      const io = memoryIO(work, { ...process.env, HOME: env.HOME });
      const code = await runCli(words, io);
      if (redirect !== undefined) {
        fs.writeFileSync(abs(redirect), io.stdout);
        if (code !== 0 && !neg) throw new Error(`\n[stderr]\n${io.stderr}`);
        return;
      }
      stdout = io.stdout;
      stderr = io.stderr;
      if (code !== 0 && !neg) throw new Error(`atlas ${args.join(' ')}: exit ${code}\n[stdout]\n${stdout}\n[stderr]\n${stderr}`);
      if (code === 0 && neg) throw new Error(`expected fail\n[stdout]\n${stdout}`);
    },
    async stdout(args, neg) {
      grep('stdout', stdout, args[0], neg);
    },
    async stderr(args, neg) {
      if (deviation && /dev-url/.test(args[0])) return; // the error Atlas prints where we use the embedded dev database
      grep('stderr', stderr, args[0], neg);
    },
    async cmp(args) {
      const [a, b] = [read(args[0]), read(args[1])];
      if (a !== b) throw new Error(`${args[0]} and ${args[1]} differ\n${diffText(a, b, args[0], args[1])}${visible(a, b)}`);
    },
    async cp(args) {
      fs.copyFileSync(abs(args[0]), abs(args[1]));
    },
    async rm(args) {
      for (const f of args) fs.rmSync(abs(f), { recursive: true, force: true });
    },
    async exec(args, neg) {
      const r = spawnSync(args[0], args.slice(1), { cwd: work, encoding: 'utf8' });
      stdout = r.stdout ?? '';
      stderr = r.stderr ?? '';
      if ((r.status !== 0) !== neg) throw new Error(`exec ${args.join(' ')}: exit ${r.status}\n${stderr}`);
    },
  };

  try {
    await admin.exec(`DROP SCHEMA IF EXISTS ${db} CASCADE; DROP SCHEMA IF EXISTS ${dev} CASCADE; CREATE SCHEMA ${db}; CREATE SCHEMA ${dev}`);
    for (const l of parseScript(archive.script, (k) => env[k] ?? '')) {
      const cmd = cmds[l.words[0]];
      if (l.words[0] !== 'stderr') deviation = false;
      if (!cmd) throw new Error(`${file}:${l.line}: unknown command ${JSON.stringify(l.words[0])}`);
      try {
        await cmd(l.words.slice(1), l.neg);
      } catch (e) {
        if (e instanceof ScriptSkip) throw e;
        throw new Error(`${path.basename(file)}:${l.line}: ${l.neg ? '! ' : ''}${l.words.join(' ')}\n${(e as Error).message}`);
      }
    }
  } finally {
    await admin.exec(`DROP SCHEMA IF EXISTS ${db} CASCADE; DROP SCHEMA IF EXISTS ${dev} CASCADE`).catch(() => undefined);
    await target.close();
    await admin.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
}

/** The commands that Atlas refuses without a dev URL and ours runs on the embedded dev database. */
function embeddedDevDefault(words: string[]): boolean {
  if (words.includes('--dev-url') || words.some((w) => w.startsWith('--dev-url='))) return false;
  const file = words.some((w) => w.startsWith('file://'));
  return (words[0] === 'migrate' && words[1] === 'diff' && words.includes('--to')) || (words[0] === 'schema' && words[1] === 'inspect' && file);
}

function matchErr(e: Error, p: string | undefined): void {
  if (p !== undefined && !e.message.includes(p)) throw new Error(`mismatched errors: ${e.message} != ${p}`);
}

function grep(name: string, text: string, pattern: string, neg: boolean): void {
  const hit = new RegExp(pattern, 'm').test(text);
  if (hit === neg) throw new Error(`${neg ? 'unexpected match' : 'no match'} for ${JSON.stringify(pattern)} in ${name}:\n${text}`);
}

/** Atlas's cmphcl/cmpshow compare the texts with surrounding whitespace trimmed. */
function compare(got: string, want: string, fname: string, trim: boolean): void {
  const [a, b] = trim ? [got.trim(), want.trim()] : [got, want];
  if (a !== b) throw new Error(diffText(a, b, 'got', fname));
}

/** Texts that differ only in blank lines or line ends show as JSON, so the difference is visible. */
const visible = (a: string, b: string) => (a.replace(/\s+/g, '') === b.replace(/\s+/g, '') ? `\n${JSON.stringify(a)}\n${JSON.stringify(b)}` : '');

/** psql's `\d schema.table` with trailing blanks trimmed, as the harness prints it. */
function psqlDescribe(dbUrl: string, table: string): string {
  const out = execFileSync('psql', [dbUrl, '-X', '-c', `\\d ${table}`], { encoding: 'utf8', env: { ...process.env, PGOPTIONS: '' } });
  return out
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

/** A line diff (-want +got) small enough to read in a test failure. */
function diffText(a: string, b: string, an: string, bn: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const out = [`--- ${an}`, `+++ ${bn}`];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (x[i] === y[j]) {
      i++;
      j++;
      continue;
    }
    const k = y.indexOf(x[i], j);
    const l = x.indexOf(y[j], i);
    if (i < x.length && (k < 0 || (l >= 0 && l - i <= k - j))) out.push(`-${x[i++]}`);
    else out.push(`+${y[j++]}`);
  }
  return out.join('\n');
}
