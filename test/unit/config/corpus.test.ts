// Every real-world atlas.hcl of the corpus validates without an Error; mistakes seeded into them are reported
// at the mutated line.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { corpusEntries } from '../../support/corpus';
import { checkText } from '../../../server/src/config/document';
import { mutations } from './mutations';

const files = corpusEntries('hcl').filter((f) => fs.statSync(f).isFile());

describe('config: real-world atlas.hcl corpus', () => {
  it('has corpus files', () => assert.ok(files.length >= 50, `found ${files.length}`));

  it('every corpus file validates with no Error diagnostic', async () => {
    const failures: string[] = [];
    for (const f of files) {
      const { diagnostics } = await checkText(fs.readFileSync(f, 'utf8'), f);
      for (const d of diagnostics.filter((x) => x.severity === 'error')) failures.push(`${path.basename(f)}:${d.range.start.line + 1}: ${d.message}`);
    }
    assert.deepEqual(failures, []);
  });

  it('seeded mistakes are reported at the mutated line', async () => {
    const byKind = new Map<string, { hit: number; total: number; misses: string[] }>();
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const base = await checkText(text, f);
      const before = new Set(base.diagnostics.map((d) => `${d.range.start.line}:${d.message}`));
      for (const m of mutations(base.doc.model, text)) {
        const { diagnostics } = await checkText(m.text, f);
        const hit = diagnostics.some((d) => d.range.start.line === m.line && d.severity !== 'hint' && !before.has(`${d.range.start.line}:${d.message}`));
        const k = byKind.get(m.kind) ?? { hit: 0, total: 0, misses: [] };
        k.total++;
        if (hit) k.hit++;
        else k.misses.push(`${path.basename(f)}:${m.line + 1} ${m.description}`);
        byKind.set(m.kind, k);
      }
    }
    let hit = 0;
    let total = 0;
    for (const [kind, k] of [...byKind].sort()) {
      console.log(`      ${kind.padEnd(18)} ${k.hit}/${k.total}`);
      hit += k.hit;
      total += k.total;
    }
    console.log(`      mutation hit rate: ${hit}/${total} = ${((100 * hit) / total).toFixed(1)} %`);
    const misses = [...byKind.values()].flatMap((k) => k.misses);
    assert.ok(total > 200, `only ${total} mutations`);
    assert.deepEqual(misses, []);
  });
});
