import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryIO, UserError } from '../../../server/src/cli/io';
import { run } from '../../../server/src/cli/migrateLint';

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lint-'));
  for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
  return dir;
}

async function lint(dir: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const io = memoryIO(dir);
  const code = await run(['--dir', 'file://.', '--static', ...args], io);
  return { code, out: io.stdout.replace(/\((?:\d+(?:\.\d+)?(?:ns|µs|ms|s))\)/g, '(T)').replace(/-- \d+(?:\.\d+)?(?:ns|µs|ms|s)\n/, '-- T\n') };
}

describe('cli: migrate lint (text layout, JSON, exit codes)', () => {
  it("prints Atlas's layout with wrapping, statement-level nolint and the summary", async () => {
    const dir = folder({
      '1.sql': 'CREATE TABLE users (id int);\nCREATE TABLE pets (id int);\n',
      '2.sql': 'ALTER TABLE users ADD COLUMN name text NOT NULL;\n-- atlas:nolint DS102\nDROP TABLE pets;\n',
    });
    const { code, out } = await lint(dir, '--latest', '1');
    assert.equal(code, 0);
    assert.equal(
      out,
      [
        'Analyzing changes from version 1 to 2 (1 migration in total):',
        '',
        '  -- analyzing version 2',
        '    -- data dependent changes detected:',
        '      -- L1: Adding a non-nullable "text" column "name" will fail in case table "users" is not',
        '         empty https://atlasgo.io/lint/analyzers#MF103',
        '    -- safety issues detected:',
        '      -- L1: Statement takes an ACCESS EXCLUSIVE lock on table "users" and no lock_timeout is set',
        '         before it',
        '         https://github.com/atlas-workbench/atlas-workbench/blob/main/docs/lint-rules.md#aw101',
        '    -- suggested fix:',
        "      -> Add SET lock_timeout = '5s'; at the start of the file so a blocked lock fails fast",
        '         instead of queueing all traffic',
        '  -- ok (T)',
        '',
        '  -------------------------',
        '  -- T',
        '  -- 1 version with warnings',
        '  -- 2 schema changes',
        '  -- 2 diagnostics',
        '',
      ].join('\n'),
    );
  });

  it('reports "until version" with no base, clean files, and a bare file nolint omits the file', async () => {
    const dir = folder({
      '1.sql': 'CREATE TABLE users (id int);\n\nALTER TABLE users ADD COLUMN c1 int NOT NULL;\n',
      '2.sql': '-- atlas:nolint\n\nDROP TABLE users;\n',
    });
    const { code, out } = await lint(dir, '--latest', '2');
    assert.equal(code, 0);
    assert.match(
      out,
      /^Analyzing changes until version 2 \(2 migrations in total\):\n\n  -- analyzing version 1\n    -- no diagnostics found\n  -- ok \(T\)\n\n  -{25}\n  -- T\n  -- 1 version ok\n  -- 2 schema changes\n$/,
    );
  });

  it('exits 1 when an error analyzer fires, and prints the JSON SummaryReport with byte positions', async () => {
    const dir = folder({ '1.sql': 'CREATE TABLE pets (id int);\n', '2.sql': "-- café\nSELECT 'é';\nDROP TABLE pets;\n" });
    const io = memoryIO(dir);
    const code = await run(['--dir', 'file://.', '--static', '--latest', '1', '--format', '{{ json . }}'], io);
    assert.equal(code, 1);
    const doc = JSON.parse(io.stdout) as {
      Files: Array<{ Name: string; Error: string; Reports: Array<{ Text: string; Diagnostics: Array<{ Pos: number; Code: string; Text: string }> }> }>;
    };
    assert.equal(doc.Files[0].Name, '2.sql');
    assert.equal(doc.Files[0].Error, 'destructive changes detected');
    const d = doc.Files[0].Reports[0].Diagnostics[0];
    assert.deepEqual([d.Code, d.Text], ['DS102', 'Dropping table "pets"']);
    assert.equal(d.Pos, Buffer.byteLength("-- café\nSELECT 'é';\n"));
  });

  it("rejects missing or conflicting change detection flags with Atlas's messages", async () => {
    const dir = folder({ '1.sql': 'SELECT 1;\n' });
    await assert.rejects(lint(dir), (e: unknown) => e instanceof UserError && e.message === '--latest or --git-base is required');
    await assert.rejects(lint(dir, '--latest', '1', '--git-base', 'main'), /--latest and --git-base are mutually exclusive/);
    await assert.rejects(lint(dir, '--latest', '1', '--format', '{{ .Files }}'), /unsupported --format template/);
  });

  it('reports a syntax error as a file error at its line, without crashing', async () => {
    const dir = folder({ '1.sql': 'CREATE TABLE a (id int);\n', '2.sql': 'ALTER TABLE a\n  ADD COLUMN;\n' });
    const { code, out } = await lint(dir, '--latest', '1');
    assert.equal(code, 1);
    assert.match(out, /-- Error: L2: syntax error at or near ";"/);
  });
});

describe('cli: migrate lint with atlas.hcl and git', () => {
  it('honours the lint block of the env: latest, per-analyzer error, env dev URL ignored with --static', async () => {
    const dir = folder({
      'atlas.hcl':
        'lint {\n  latest = 1\n  destructive {\n    error = false\n  }\n}\nenv "local" {\n  migration {\n    dir = "file://migrations"\n  }\n  lint {\n    data_depend {\n      error = true\n    }\n  }\n}\n',
    });
    fs.mkdirSync(path.join(dir, 'migrations'));
    fs.writeFileSync(path.join(dir, 'migrations/1.sql'), 'CREATE TABLE t (id int);\n');
    fs.writeFileSync(path.join(dir, 'migrations/2.sql'), 'DROP TABLE t;\n');
    const io = memoryIO(dir);
    const code = await run(['--env', 'local', '--static'], io);
    assert.match(io.stdout, /Analyzing changes from version 1 to 2/);
    assert.match(io.stdout, /DS102/);
    // env lint block has analyzers → global destructive {error=false} is not inherited (Atlas's Lint.Extend)
    assert.equal(code, 1);
    fs.writeFileSync(path.join(dir, 'migrations/2.sql'), 'ALTER TABLE t ADD COLUMN c int NOT NULL;\n');
    const io2 = memoryIO(dir);
    assert.equal(await run(['--env', 'local', '--static'], io2), 1, 'data_depend configured as error');
    assert.match(io2.stdout, /MF103/);
  });

  it('--git-base: the first file added since the base branch and everything after it are new', async () => {
    const dir = folder({ '1.sql': 'CREATE TABLE a (id int);\n', '2.sql': 'CREATE TABLE b (id int);\n' });
    const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: dir, stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'base');
    git('checkout', '-q', '-b', 'feature');
    fs.writeFileSync(path.join(dir, '3.sql'), 'DROP TABLE a;\n');
    fs.writeFileSync(path.join(dir, '4.sql'), 'DROP TABLE b;\n');
    git('add', '.');
    git('commit', '-qm', 'feature');
    const { code, out } = await lint(dir, '--git-base', 'main');
    assert.equal(code, 1);
    assert.match(out, /^Analyzing changes from version 2 to 4 \(2 migrations in total\):/);
    assert.match(out, /-- analyzing version 3\n    -- destructive changes detected:\n      -- L1: Dropping table "a"/);
    await assert.rejects(lint(dir, '--git-base', 'nope'), /^Error: git diff|git diff:/);
  });
});
