// "Migrate Lint" on a `.sql` file: the command line the client builds for that file (client/src/lintRequests.ts),
// run by the engine as the language server runs it (atlas/runCommand → runEngine), lints that very file on top of
// the files before it, not the folder's latest file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintArgvFor } from '../../../client/src/lintRequests';
import { runEngine } from '../../../server/src/lsp/workbenchRun';
import { defaultSettings } from '../../../server/src/protocol';

interface Summary {
  Files: Array<{ Name: string; Reports?: Array<{ Diagnostics: Array<{ Code: string; Text: string }> }> }>;
  Steps: Array<{ Name: string; Text?: string }>;
}

function project(): { ws: string; mig: string } {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lint-file-'));
  const mig = path.join(ws, 'db', 'migrations');
  fs.mkdirSync(mig, { recursive: true });
  fs.writeFileSync(path.join(ws, 'atlas.hcl'), 'env "local" {\n  migration {\n    dir = "file://db/migrations"\n  }\n}\n');
  fs.writeFileSync(path.join(mig, '1_init.sql'), 'CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE pets (id int);\n');
  // needs the state of 1_init.sql: "users" exists and is not new, so the NOT NULL column is data dependent (MF103)
  fs.writeFileSync(path.join(mig, '2_name.sql'), 'ALTER TABLE users ADD COLUMN name text NOT NULL;\n');
  fs.writeFileSync(path.join(mig, '3_drop.sql'), 'DROP TABLE pets;\n');
  return { ws, mig };
}

async function lintAs(ws: string, argv: string[]): Promise<{ code: number; summary: Summary; text: string }> {
  const run = (extra: string[]) => runEngine({ argv: [...argv, '--env', 'local', '--static', ...extra], cwd: ws, environ: {}, settings: defaultSettings });
  const j = await run(['--format', '{{ json . }}']);
  const t = await run([]);
  return { code: j.exitCode, summary: JSON.parse(j.stdout) as Summary, text: t.stdout };
}

const codes = (s: Summary, name: string) => (s.Files.find((f) => f.Name === name)?.Reports ?? []).flatMap((r) => r.Diagnostics.map((d) => d.Code));

describe('lint: Migrate Lint on one .sql file', () => {
  it('a file in the middle of the folder: that file is linted, with the state of the files before it', async () => {
    const { ws, mig } = project();
    try {
      const argv = lintArgvFor(mig, ws, path.join(mig, '2_name.sql'));
      assert.deepEqual(argv, ['migrate', 'lint', '--file', '2_name.sql']);
      const { summary, text } = await lintAs(ws, argv);
      assert.deepEqual(
        summary.Files.map((f) => f.Name),
        ['2_name.sql'],
      );
      assert.ok(codes(summary, '2_name.sql').includes('MF103'), JSON.stringify(summary));
      assert.equal(summary.Steps.find((s) => s.Name === 'Detect New Migration Files')?.Text, 'Found 1 new migration files (from 3 total)');
      assert.match(text, /^Analyzing changes from version 1 to 2 \(1 migration in total\):/);
      assert.ok(!/DS102/.test(text), 'the later 3_drop.sql is not linted');
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('the latest file, the first file, and a file from another folder (--dir added)', async () => {
    const { ws, mig } = project();
    try {
      const last = await lintAs(ws, lintArgvFor(mig, ws, path.join(mig, '3_drop.sql')));
      assert.deepEqual(
        last.summary.Files.map((f) => f.Name),
        ['3_drop.sql'],
      );
      assert.ok(codes(last.summary, '3_drop.sql').includes('DS102'));
      assert.equal(last.code, 1, 'DS102 is an error by default');
      const first = await lintAs(ws, lintArgvFor(mig, ws, path.join(mig, '1_init.sql')));
      assert.deepEqual(
        first.summary.Files.map((f) => f.Name),
        ['1_init.sql'],
      );
      assert.match(first.text, /^Analyzing changes until version 1 \(1 migration in total\):/);
      const other = path.join(ws, 'scratch');
      fs.mkdirSync(other);
      fs.writeFileSync(path.join(other, '1_a.sql'), 'CREATE TABLE a (id int);\n');
      fs.writeFileSync(path.join(other, '2_b.sql'), 'DROP TABLE a;\n');
      const argv = lintArgvFor(mig, ws, path.join(other, '2_b.sql'));
      assert.deepEqual(argv, ['migrate', 'lint', '--dir', 'file://scratch', '--file', '2_b.sql']);
      const o = await lintAs(ws, argv);
      assert.deepEqual(
        o.summary.Files.map((f) => f.Name),
        ['2_b.sql'],
      );
      assert.ok(codes(o.summary, '2_b.sql').includes('DS102'));
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('no file (env or folder): the latest file, as before; an unknown file name is a clear error', async () => {
    const { ws, mig } = project();
    try {
      assert.deepEqual(lintArgvFor(mig, ws, undefined), ['migrate', 'lint', '--latest', '1']);
      assert.deepEqual(lintArgvFor(mig, ws, mig), ['migrate', 'lint', '--latest', '1']);
      const r = await runEngine({
        argv: ['migrate', 'lint', '--file', '9_nope.sql', '--env', 'local', '--static'],
        cwd: ws,
        environ: {},
        settings: defaultSettings,
      });
      assert.equal(r.exitCode, 1);
      assert.match(r.stderr, /^Error: migration file "9_nope\.sql" not found in db\/migrations\n/);
      const both = await runEngine({
        argv: ['migrate', 'lint', '--file', '2_name.sql', '--latest', '1', '--env', 'local', '--static'],
        cwd: ws,
        environ: {},
        settings: defaultSettings,
      });
      assert.match(both.stderr, /only one of --latest, --git-base, --file and --pending/);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
