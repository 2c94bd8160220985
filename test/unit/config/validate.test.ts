// Diagnostics on fixture files annotated with `# <severity>: <message part>` at the end of the expected line.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { diagnose } from '../../../server/src/config/document';
import { fixturePath, loadFixture } from './helpers';

interface Expect {
  line: number;
  severity: string;
  text: string;
}

function annotations(text: string): Expect[] {
  const out: Expect[] = [];
  text.split('\n').forEach((l, line) => {
    const i = l.indexOf(' # ');
    if (i < 0) return;
    for (const part of l.slice(i + 3).split(' # ')) {
      const m = /^(error|warning|hint|info): (.*)$/.exec(part.trim());
      if (m) out.push({ line, severity: m[1], text: m[2] });
    }
  });
  return out;
}

describe('config/validate (annotated fixtures)', () => {
  for (const name of fs.readdirSync(fixturePath('validate', '.')).filter((f) => f.endsWith('.hcl'))) {
    it(name, async () => {
      const { doc, text } = await loadFixture('validate', name);
      const diags = diagnose(doc);
      const expects = annotations(text);
      assert.ok(expects.length > 0);
      for (const e of expects) {
        const hit = diags.find((d) => d.range.start.line === e.line && d.severity === e.severity && d.message.includes(e.text));
        assert.ok(
          hit,
          `line ${e.line + 1}: expected ${e.severity} "${e.text}"; got ${JSON.stringify(diags.filter((d) => d.range.start.line === e.line).map((d) => `${d.severity}: ${d.message}`))}`,
        );
      }
      for (const d of diags.filter((x) => x.severity !== 'hint')) {
        const annotated = expects.filter((e) => e.line === d.range.start.line && e.severity === d.severity).length;
        const found = diags.filter((x) => x.range.start.line === d.range.start.line && x.severity === d.severity).length;
        assert.ok(found <= annotated, `unexpected ${d.severity} at line ${d.range.start.line + 1}: ${d.message}`);
      }
    });
  }

  it('Atlas Pro blocks: schema { mode { … } } without src, repo-only schema, env data {}, non_linear.on_edit give no error or warning', async () => {
    const { doc } = await loadFixture('validate', 'pro-blocks.hcl');
    const diags = diagnose(doc);
    for (const name of ['roles', 'pushed']) {
      const env = doc.model.file.body.items.find((i) => i.kind === 'block' && i.type === 'env' && i.labels[0]?.value === name)!;
      const inEnv = diags.filter((d) => d.severity !== 'hint' && d.range.start.line >= env.range.start.line && d.range.end.line <= env.range.end.line);
      assert.deepEqual(
        inEnv.map((d) => `${d.range.start.line + 1}: ${d.message}`),
        [],
        `env "${name}"`,
      );
    }
  });

  it('diagnostic ranges are precise: the unknown name, the scheme, the reference step', async () => {
    const { doc, text } = await loadFixture('validate', 'values.hcl');
    const lines = text.split('\n');
    const diags = diagnose(doc);
    const slice = (d: (typeof diags)[number]) => lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
    assert.equal(slice(diags.find((d) => d.message.includes('postgress'))!), 'postgress');
    assert.equal(slice(diags.find((d) => d.message.includes('var.passwd'))!), 'passwd');
    assert.equal(slice(diags.find((d) => d.message.includes('lowr'))!), 'lowr');
    const fix = diags.find((d) => d.message.includes('lowr'))!.fix!;
    assert.deepEqual([fix.title, fix.newText], ['Change to "lower"', 'lower']);
    const enumFix = diags.find((d) => d.message.includes('LINEAR_SKP'))!.fix!;
    assert.equal(enumFix.newText, '"LINEAR_SKIP"');
  });
});
