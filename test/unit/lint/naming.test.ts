// naming (NM101–NM106) from atlas.hcl `lint { naming { … } }`: the policy read by config/resolve, the analyzer on
// real migration files, the CLI's text layout (Atlas's cli-migrate-lint-naming case) and the atlas.hcl checks.
import assert from 'node:assert/strict';
import path from 'node:path';
import { resolveEnv } from '../../../server/src/config/resolve';
import { diagnose } from '../../../server/src/config/document';
import { complete } from '../../../server/src/lsp/hclCompletion';
import { hover } from '../../../server/src/lsp/hclNavigation';
import { memoryIO, UserError } from '../../../server/src/cli/io';
import { run } from '../../../server/src/cli/migrateLint';
import { compileGoRegexp } from '../../../server/src/config/goRegexp';
import { docFromMarked } from '../config/helpers';
import { lintAfter, lines, ready } from './helpers';

const project = path.resolve(__dirname, '../../fixtures/lint/naming');

async function lint(...args: string[]): Promise<{ code: number; out: string }> {
  const io = memoryIO(project);
  const code = await run(['--static', ...args], io);
  return { code, out: io.stdout.replace(/\((?:\d+(?:\.\d+)?(?:ns|µs|ms|s))\)/g, '(T)').replace(/-- \d+(?:\.\d+)?(?:ns|µs|ms|s)\n/, '-- T\n') };
}

describe('lint: naming (NM101–NM106)', () => {
  before(ready);

  it('atlas.hcl: the naming block and its per-object blocks resolve into the analyzer settings', async () => {
    const [env] = await resolveEnv({ configPath: path.join(project, 'atlas.hcl'), env: 'local', environ: {} });
    assert.deepEqual(env.lint.analyzers.naming, {
      match: '^[a-z]+$',
      message: 'must be lowercase',
      index: { match: '^[a-z]+_idx$', message: 'must be lowercase and end with _idx' },
      foreign_key: { match: '^fk_' },
    });
  });

  it("prints Atlas's report for its naming example (quoted to keep the capital in PostgreSQL)", async () => {
    const { code, out } = await lint('--env', 'local', '--latest', '2');
    assert.equal(code, 0); // naming is a warning by default
    const first = out.split('  -- analyzing version 2')[0];
    assert.equal(
      first,
      [
        'Analyzing changes until version 2 (2 migrations in total):',
        '',
        '  -- analyzing version 1',
        '    -- naming violations detected:',
        '      -- L1: Table named "Users" violates the naming policy: must be lowercase',
        '         https://atlasgo.io/lint/analyzers#NM102',
        '      -- L2: Index named "users_name" violates the naming policy: must be lowercase and end with',
        '         _idx https://atlasgo.io/lint/analyzers#NM104',
        '  -- ok (T)',
        '',
        '',
      ].join('\n'),
    );
  });

  it('checks schemas, columns, inline unique/foreign-key/check constraints (PostgreSQL default names), renames and unnamed indexes; nolint by code', async () => {
    const io = memoryIO(project);
    await run(['--static', '--env', 'local', '--latest', '1', '--format', '{{ json . }}'], io);
    const doc = JSON.parse(io.stdout) as {
      Files: Array<{ Reports: Array<{ Text: string; Diagnostics: Array<{ Code: string; Text: string; Pos: number }> }> }>;
    };
    const naming = doc.Files[0].Reports.find((r) => r.Text === 'naming violations detected')!;
    assert.deepEqual(
      naming.Diagnostics.map((d) => `${d.Code}: ${d.Text}`),
      [
        'NM101: Schema named "Zoo" violates the naming policy: must be lowercase',
        'NM103: Column named "Tag" violates the naming policy: must be lowercase',
        'NM104: Index named "pets_Tag_key" violates the naming policy: must be lowercase and end with _idx',
        'NM105: Foreign-key constraint named "pets_owner_fkey" violates the naming policy',
        'NM106: Check constraint named "pets_age_check" violates the naming policy: must be lowercase',
        'NM103: Column named "nickName" violates the naming policy: must be lowercase',
        'NM103: Column named "age_years" violates the naming policy: must be lowercase',
        'NM104: Index named "pets_owner_idx" violates the naming policy: must be lowercase and end with _idx',
      ],
    );
  });

  it('error = true in an env lint block makes violations errors (exit 1)', async () => {
    const { code, out } = await lint('--env', 'strict', '--latest', '2');
    assert.equal(code, 1);
    assert.match(out, /Table named "Users" violates the naming policy: must be snake_case/);
    assert.doesNotMatch(out, /Column named "age_years"/);
  });

  it('nothing is checked without a pattern; an object block without match falls back to the naming match', () => {
    assert.deepEqual(lines(lintAfter('', 'CREATE TABLE "T" (id int);\n')), []);
    const opts = { analyzers: { naming: { match: '^[a-z]+$', table: { message: 'unused' }, column: { match: '(?i)^[A-Z]+$' } } } };
    assert.deepEqual(lines(lintAfter('', 'CREATE TABLE "T" ("ID" int, x_y int);\n', opts)), [
      'NM102: Table named "T" violates the naming policy',
      'NM103: Column named "x_y" violates the naming policy',
    ]);
  });

  it('Go regexps: leading flags, named groups, \\A and \\z; invalid ones are CLI errors and atlas.hcl diagnostics', async () => {
    const ok = (p: string, s: string) => {
      const c = compileGoRegexp(p);
      assert.ok(c.ok, p);
      return c.re.test(s);
    };
    assert.equal(ok('(?i)^users$', 'USERS'), true);
    assert.equal(ok('^(?P<prefix>tbl)_[a-z]+$', 'tbl_users'), true);
    assert.equal(ok('\\Aa+\\z', 'aaa'), true);
    assert.equal(ok('\\Aa+\\z', 'aaa\n'), false);
    assert.equal(compileGoRegexp('^[a-z+$').ok, false);

    const hcl = 'lint {\n  naming {\n    match = "^[a-z+$"\n    table {\n      match = "(?U)a+"\n    }\n  }\n}\n';
    const { doc } = await docFromMarked(hcl, path.join(project, 'atlas.hcl'));
    const diags = diagnose(doc).filter((d) => d.code === 'regexp');
    assert.deepEqual(
      diags.map((d) => [d.range.start.line, d.message.replace(/: .*\.$/, '')]),
      [
        [2, 'Invalid regular expression for match'],
        [4, 'Invalid regular expression for match'],
      ],
    );
  });

  it('an invalid pattern stops the CLI with the attribute named', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-naming-'));
    fs.mkdirSync(path.join(dir, 'migrations'));
    fs.writeFileSync(path.join(dir, 'migrations', '1.sql'), 'CREATE TABLE t (id int);\n');
    fs.writeFileSync(
      path.join(dir, 'atlas.hcl'),
      'env "x" {\n  migration {\n    dir = "file://migrations"\n  }\n}\nlint {\n  naming {\n    index {\n      match = "^[a-z+$"\n    }\n  }\n}\n',
    );
    await assert.rejects(run(['--static', '--env', 'x', '--latest', '1'], memoryIO(dir)), (e: unknown) => {
      assert.ok(e instanceof UserError);
      assert.match(e.message, /^lint: naming\.index\.match: invalid regular expression "\^\[a-z\+\$"/);
      return true;
    });
  });

  it('the atlas.hcl editor knows the block: completion of the object blocks and hover on match', async () => {
    const c = await docFromMarked('lint {\n  naming {\n    |\n  }\n}\n', path.join(project, 'atlas.hcl'));
    const labels = complete(c.doc, c.pos).map((i) => i.label);
    for (const k of ['match', 'message', 'error', 'schema', 'table', 'column', 'index', 'foreign_key', 'check']) assert.ok(labels.includes(k), k);
    const h = await docFromMarked('lint {\n  naming {\n    index {\n      ma|tch = "^[a-z]+_idx$"\n    }\n  }\n}\n', path.join(project, 'atlas.hcl'));
    const shown = hover(h.doc, h.pos);
    const text = shown && typeof shown.contents === 'object' && 'value' in shown.contents ? shown.contents.value : '';
    assert.match(text, /Regular expression \(Go syntax\) every new index name must match/);
  });
});

describe('lsp: naming diagnostics live in the editor', function () {
  this.timeout(60000);
  it('a migration file of the project gets NM diagnostics from the atlas.hcl policy, and follows an edit of it', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const { startLspSession } = await import('../../support/lspSession');
    const { URI } = await import('../../../server/src/lsp/uri');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-naming-lsp-'));
    fs.cpSync(project, root, { recursive: true });
    const session = await startLspSession(root);
    try {
      const uri = URI.fromPath(path.join(root, 'migrations/1_users.sql'));
      const text = fs.readFileSync(URI.toPath(uri), 'utf8');
      session.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text } });
      const nm = (d: Array<{ code?: unknown; range: { start: { line: number } } }>) => d.filter((x) => String(x.code).startsWith('NM'));
      const first = nm(await session.waitFor(uri, (d) => nm(d).length === 2));
      assert.deepEqual(
        first.map((d) => [d.code, d.range.start.line]),
        [
          ['NM102', 0],
          ['NM104', 1],
        ],
      );
      const config = path.join(root, 'atlas.hcl');
      fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('match   = "^[a-z]+_idx$"', 'match   = "^[a-z_]+$"'));
      session.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.fromPath(config), type: 2 }] });
      const after = nm(await session.waitFor(uri, (d) => nm(d).length === 1));
      assert.equal(after[0].code, 'NM102');
    } finally {
      session.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
