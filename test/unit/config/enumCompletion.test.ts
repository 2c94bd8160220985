// Completion of enum-typed attributes, table-driven over the schema model: every attribute with an `enum` (found by
// walking topBlocks, the data source kinds and the label-less data block) offers exactly its values first.
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver';
import { complete } from '../../../server/src/lsp/hclCompletion';
import { dataKinds, dataModeBlock, topBlocks, type AttrSpec, type BlockSpec } from '../../../server/src/config/schema';
import { docFromMarked } from './helpers';

interface Case {
  path: Array<{ spec: BlockSpec; labels: string[] }>;
  attr: AttrSpec;
}

function labelsFor(spec: BlockSpec): string[] {
  return (spec.labels ?? []).map((_, i) => (i === 0 && spec.labelEnum ? spec.labelEnum[0] : `l${i}`));
}

function enumCases(): Case[] {
  const out: Case[] = [];
  const walk = (spec: BlockSpec, labels: string[], path: Case['path'], seen: Set<BlockSpec>) => {
    if (seen.has(spec)) return;
    const here = [...path, { spec, labels }];
    for (const attr of spec.attrs ?? []) if (attr.enum) out.push({ path: here, attr });
    for (const b of spec.blocks ?? []) walk(b, labelsFor(b), here, new Set([...seen, spec]));
  };
  for (const b of topBlocks) if (b.name !== 'data') walk(b, labelsFor(b), [], new Set());
  for (const [kind, spec] of Object.entries(dataKinds)) walk(spec, [kind, 'l1'], [], new Set());
  walk(dataModeBlock, [], [], new Set());
  return out;
}

/** The text of nested blocks with `<attr> = <value>` inside the innermost one (`|` marks the cursor). */
function textFor(c: Case, value: string): string {
  const open = c.path.map((p, d) => `${'  '.repeat(d)}${p.spec.name}${p.labels.map((l) => ` "${l}"`).join('')} {`);
  const close = c.path.map((_, d) => `${'  '.repeat(d)}}`).reverse();
  return [...open, `${'  '.repeat(c.path.length)}${c.attr.name} = ${value}`, ...close, ''].join('\n');
}

/** The order an editor shows: by sortText (the label when there is none), then by label. */
function shown(items: CompletionItem[]): CompletionItem[] {
  const key = (i: CompletionItem) => i.sortText ?? i.label;
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

describe('atlas.hcl completion of enum attributes (every enum in the schema model)', () => {
  const cases = enumCases();
  it('finds the enum attributes of the schema model', () => {
    const names = cases.map((c) => `${c.path.map((p) => p.spec.name).join('.')}.${c.attr.name}`);
    for (const known of ['env.migration.exec_order', 'env.migration.format', 'env.lint.review', 'lint.review', 'env.schema.mode.sensitive', 'env.data.mode'])
      assert.ok(names.includes(known), `${known} in ${names.join(', ')}`);
  });

  for (const c of cases) {
    const where = `${c.path.map((p) => p.spec.name).join(' › ')} › ${c.attr.name}`;
    it(`${where} = | lists exactly ${c.attr.enum!.join(', ')} first, with documentation`, async () => {
      const { doc, pos } = await docFromMarked(textFor(c, '|'), '/tmp/enum-completion/atlas.hcl');
      const items = shown(complete(doc, pos));
      const n = c.attr.enum!.length;
      assert.deepEqual(
        items.slice(0, n).map((i) => i.label),
        c.attr.enum,
      );
      assert.ok(!items.slice(n).some((i) => c.attr.enum!.includes(i.label)), 'each value once');
      for (const i of items.slice(0, n)) {
        const docText = typeof i.documentation === 'string' ? i.documentation : i.documentation?.value;
        assert.ok(docText && docText.length > 10, `${i.label}: documentation`);
      }
    });

    // a prefix of a value (up to its dash when it has one: `golang-`)
    const v = c.attr.enum!.find((x) => x.includes('-')) ?? c.attr.enum![c.attr.enum!.length - 1];
    const typed = v.includes('-') ? v.slice(0, v.indexOf('-') + 1) : v.slice(0, Math.max(1, v.length - 2));
    it(`${where} = ${typed}| (a value being typed) still lists its values first`, async () => {
      const { doc, pos } = await docFromMarked(textFor(c, `${typed}|`), '/tmp/enum-completion/atlas.hcl');
      assert.deepEqual(
        shown(complete(doc, pos))
          .slice(0, c.attr.enum!.length)
          .map((i) => i.label),
        c.attr.enum,
      );
    });

    it(`${where} = "|" (inside the quotes) lists exactly its values`, async () => {
      const { doc, pos } = await docFromMarked(textFor(c, '"|"'), '/tmp/enum-completion/atlas.hcl');
      assert.deepEqual(
        shown(complete(doc, pos)).map((i) => i.label),
        c.attr.enum,
      );
    });
  }
});
