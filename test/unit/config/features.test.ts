// Editor features of atlas.hcl on fixture files with a `|` cursor: completion, hover, definition, references,
// rename, symbols, formatting, quick fixes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { diagnose } from '../../../server/src/config/document';
import { codeActions, formatEdits, toLspDiagnostic } from '../../../server/src/lsp/hclActions';
import { complete } from '../../../server/src/lsp/hclCompletion';
import { definition, documentSymbols, hover, prepareRename, references, rename } from '../../../server/src/lsp/hclNavigation';
import { docFromMarked, fixturePath, loadFixture } from './helpers';

async function labels(name: string): Promise<string[]> {
  const { doc, pos } = await loadFixture('completion', name);
  return complete(doc, pos).map((i) => i.label);
}

describe('atlas.hcl completion', () => {
  it('top-level block names with snippets', async () => {
    const { doc, pos } = await loadFixture('completion', 'top.hcl');
    const items = complete(doc, pos);
    for (const b of ['env', 'variable', 'locals', 'data', 'lint', 'diff', 'atlas', 'docker'])
      assert.ok(
        items.some((i) => i.label === b),
        b,
      );
    const env = items.find((i) => i.label === 'env')!;
    assert.equal(env.insertTextFormat, 2);
    assert.match(String(env.insertText), /^env "\$\{1:local\}" \{/);
  });

  it('env attributes (not the ones already set) and nested blocks', async () => {
    const l = await labels('env-attrs.hcl');
    assert.ok(l.includes('dev') && l.includes('src') && l.includes('migration') && l.includes('lint'));
    assert.ok(!l.includes('url'), 'url is already set');
  });

  it('migration attributes with enum snippets', async () => {
    const { doc, pos } = await loadFixture('completion', 'migration-attrs.hcl');
    const items = complete(doc, pos);
    const order = items.find((i) => i.label === 'exec_order')!;
    assert.equal(order.insertText, 'exec_order = ${1|LINEAR,LINEAR_SKIP,NON_LINEAR|}');
    assert.match(String(order.detail), /--exec-order/);
    assert.ok(!items.some((i) => i.label === 'dir'));
  });

  it('enum values after =', async () => assert.deepEqual((await labels('enum.hcl')).slice(0, 3), ['LINEAR', 'LINEAR_SKIP', 'NON_LINEAR']));
  it('declared variables after var.', async () => assert.deepEqual(await labels('var.hcl'), ['db_pass', 'db_user']));
  it('locals after local. inside ${}', async () => assert.deepEqual(await labels('local.hcl'), ['host', 'port']));
  it('data source names after data.<kind>.', async () => assert.deepEqual(await labels('data.hcl'), ['orm']));
  it('data source kinds after data.', async () => assert.deepEqual(await labels('data-kind.hcl'), ['external_schema']));
  it('data source kinds as the first label of a data block', async () =>
    assert.deepEqual(await labels('data-label.hcl'), Object.keys((await import('../../../server/src/config/schema')).dataKinds)));
  it('each.key / each.value', async () => assert.deepEqual(await labels('each.hcl'), ['key', 'value']));

  it('URL scheme templates in an empty url string', async () => {
    const { doc, pos } = await loadFixture('completion', 'url.hcl');
    const items = complete(doc, pos);
    assert.ok(items.some((i) => i.label === 'docker://postgres' && String(i.insertText).startsWith('docker://postgres/${1:16}')));
  });

  it('file:// paths relative to atlas.hcl', async () => {
    const l = await labels('file.hcl');
    assert.ok(l.includes('migrations/'));
    assert.ok(l.includes('schema.sql'));
  });

  it('function names with signatures in value position', async () => {
    const { doc, pos } = await loadFixture('completion', 'function.hcl');
    const items = complete(doc, pos);
    const f = items.find((i) => i.label === 'urlescape')!;
    assert.equal(f.detail, 'urlescape(s string) string');
    assert.ok(items.some((i) => i.label === 'getenv'));
  });
});

describe('atlas.hcl hover', () => {
  const text = async (name: string) => {
    const { doc, pos } = await loadFixture('hover', name);
    const h = hover(doc, pos);
    return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  };
  it('attribute: doc, type, enum, CLI flag', async () => {
    const t = await text('attr.hcl');
    assert.match(t, /\*\*exec_order\*\*/);
    assert.match(t, /LINEAR_SKIP/);
    assert.match(t, /CLI flag: `--exec-order`/);
  });
  it('block', async () => assert.match(await text('block.hcl'), /versioned migration directory/));
  it('variable reference: type, description, default', async () => {
    const t = await text('var.hcl');
    assert.match(t, /var\.db_pass\*\* `string`/);
    assert.match(t, /Password of the app user/);
    assert.match(t, /Default: `"pass"`/);
  });
  it('URL value: resolved statically with the password masked, or why not', async () => {
    const { doc, pos } = await loadFixture('hover', 'url-value.hcl');
    const h = hover(doc, pos, { BENCH_DB_HOST: 'db.internal' });
    const value = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(value, /Resolves to `postgres:\/\/app:\*\*\*\*@db\.internal\/app`/);
    assert.ok(!value.includes('s3cret'));
    const h2 = hover(doc, { line: 9, character: 20 }, {});
    assert.match(h2 && typeof h2.contents === 'object' && 'value' in h2.contents ? h2.contents.value : '', /Not resolved statically: .*data\.sql/);
  });
  it('function signature', async () => assert.match(await text('function.hcl'), /urlescape\(s string\) string/));
});

describe('atlas.hcl navigation', () => {
  it('definition of var.x is the variable label', async () => {
    const { doc, pos } = await loadFixture('navigation', 'refs.hcl');
    assert.deepEqual(definition(doc, pos)?.range, { start: { line: 0, character: 9 }, end: { line: 0, character: 18 } });
  });

  it('references of a variable, a local and a data source', async () => {
    const { doc, pos } = await loadFixture('navigation', 'refs.hcl');
    assert.deepEqual(
      references(doc, pos, true).map((l) => l.range.start.line),
      [0, 5, 14],
    );
    assert.deepEqual(
      references(doc, { line: 13, character: 12 }, false).map((l) => l.range.start.line),
      [13, 19],
    );
    assert.deepEqual(
      references(doc, { line: 15, character: 30 }, true).map((l) => l.range.start.line),
      [8, 15, 20],
    );
    assert.deepEqual(definition(doc, { line: 19, character: 12 })?.range.start, { line: 5, character: 2 });
  });

  it('rename a variable and a local across the file', async () => {
    const { doc, pos } = await loadFixture('navigation', 'refs.hcl');
    assert.deepEqual(prepareRename(doc, pos)?.placeholder, 'db_pass');
    const edits = rename(doc, pos, 'password')!.changes![doc.uri];
    assert.equal(edits.length, 3);
    assert.deepEqual(edits[0].range, { start: { line: 0, character: 10 }, end: { line: 0, character: 17 } });
    const apply = (text: string) => {
      const lines = text.split('\n');
      for (const e of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
        const l = lines[e.range.start.line];
        lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
      }
      return lines.join('\n');
    };
    const renamed = await docFromMarked(apply(doc.parsed.text), fixturePath('navigation', 'refs.hcl'));
    assert.deepEqual(
      diagnose(renamed.doc).filter((d) => d.severity === 'error'),
      [],
    );
    assert.ok(renamed.text.includes('variable "password"') && renamed.text.includes('${var.password}@localhost/dev'));
    const local = rename(doc, { line: 13, character: 12 }, 'db_url')!.changes![doc.uri];
    assert.equal(local.length, 3);
    assert.equal(rename(doc, pos, 'bad name'), null);
  });

  it('document symbols: envs, variables, locals, data', async () => {
    const { doc } = await loadFixture('navigation', 'refs.hcl');
    assert.deepEqual(
      documentSymbols(doc).map((s) => s.name),
      ['var.db_pass', 'local.url', 'data.external_schema.orm', 'env local', 'env other'],
    );
  });
});

describe('atlas.hcl formatting and quick fixes', () => {
  it('formats to the canonical layout (aligned =, two-space indentation), heredocs untouched', async () => {
    const { doc, text } = await loadFixture('format', 'messy.hcl');
    const edits = formatEdits(doc);
    assert.ok(edits.length > 0);
    const expected = fs.readFileSync(fixturePath('format', 'messy.expected.hcl'), 'utf8');
    const whole =
      edits.length === 1 && edits[0].range.start.line === 0 && edits[0].range.end.line >= text.split('\n').length - 1 ? edits[0].newText : undefined;
    assert.equal(whole, expected);
    const again = await docFromMarked(expected, fixturePath('format', 'messy.expected.hcl'));
    assert.deepEqual(formatEdits(again.doc), [], 'formatting is idempotent');
  });

  it('offers "did you mean" quick fixes from diagnostics', async () => {
    const { doc } = await loadFixture('validate', 'blocks.hcl');
    const diags = diagnose(doc).map((d) => toLspDiagnostic(d));
    const actions = codeActions(doc, diags);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Change to "variable"') && titles.includes('Change to "migration"') && titles.includes('Change to "dir"'));
    const add = actions.find((a) => a.title === 'Add "type"')!.edit!.changes![doc.uri][0];
    assert.deepEqual(add, { range: { start: { line: 27, character: 0 }, end: { line: 27, character: 0 } }, newText: '  type = string\n' });
    const fix = actions.find((a) => a.title === 'Change to "dir"')!;
    assert.deepEqual(fix.edit!.changes![doc.uri][0], { range: { start: { line: 14, character: 4 }, end: { line: 14, character: 7 } }, newText: 'dir' });
  });
});
