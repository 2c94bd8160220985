// Syntax errors are reported at the offending token, with a message that says what is wrong: one fixture per kind of
// broken input (test/fixtures/config/syntax/<case>.hcl), `|` marks where the diagnostic must start, the first line
// `# expect: <text>` what its message must contain.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { diagnose } from '../../../server/src/config/document';
import { checkSyntax } from '../../../server/src/config/syntaxCheck';
import { corpusRoot } from '../../support/corpus';
import { fixturePath, loadFixture } from './helpers';

const dir = fixturePath('syntax', '.');
const cases = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.hcl'))
  .sort();

describe('atlas.hcl syntax errors at the offending token', () => {
  it('has a fixture per kind of broken input', () => assert.ok(cases.length >= 20, `${cases.length} fixtures`));

  for (const name of cases) {
    const raw = fs.readFileSync(path.join(dir, name), 'utf8');
    const expected = /^# expect: (.*)$/m.exec(raw)?.[1];
    it(`${name.replace(/\.hcl$/, '')}: "${expected}"`, async () => {
      assert.ok(expected, 'the fixture names the expected message');
      const { doc, pos } = await loadFixture('syntax', name);
      const syntax = diagnose(doc).filter((d) => d.code === 'syntax');
      const at = (p: { line: number; character: number }) => `${p.line + 1}:${p.character + 1}`;
      assert.deepEqual(
        syntax
          .map((d) => `${at(d.range.start)} ${d.message}`)
          .slice(0, 1)
          .map((s) => s.split(' ')[0]),
        [at(pos)],
        JSON.stringify(syntax.map((d) => `${at(d.range.start)} ${d.message}`)),
      );
      const d = syntax[0];
      assert.ok(d.message.includes(expected), d.message);
      assert.equal(d.severity, 'error');
      assert.equal(d.range.end.line, d.range.start.line, 'the range stays on the offending line');
      assert.ok(d.range.end.character > d.range.start.character, 'the range covers at least one character');
      assert.equal(syntax.length, 1, `one error, no cascade: ${JSON.stringify(syntax.map((x) => `${at(x.range.start)} ${x.message}`))}`);
    });
  }

  it('valid HCL constructs give no syntax error: templates with strip markers and directives, escapes, heredocs, for expressions, splats, one-line blocks, comments', () => {
    assert.deepEqual(checkSyntax(fs.readFileSync(fixturePath('.', 'syntax-valid.hcl'), 'utf8')), []);
  });

  it('reports no syntax error on any real-world HCL file of the corpus (atlas.hcl and schema files)', () => {
    const walk = (d: string): string[] =>
      fs
        .readdirSync(d, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.hcl') ? [path.join(d, e.name)] : []));
    const files = fs.existsSync(corpusRoot) ? walk(corpusRoot) : [];
    assert.ok(files.length >= 50, `${files.length} files`);
    const bad = files.flatMap((f) =>
      checkSyntax(fs.readFileSync(f, 'utf8')).map((e) => `${path.basename(f)}:${e.range.start.line + 1}:${e.range.start.character + 1} ${e.message}`),
    );
    assert.deepEqual(bad, []);
  });
});
