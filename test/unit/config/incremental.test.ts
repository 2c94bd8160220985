// Incremental conversion after an edit that changes the nesting of the file (a stray character before a "}"):
// tree-sitter hands back every later block at another level, and the blocks whose text and place did not change
// are taken from the previous conversion instead of being converted again. The result equals a fresh parse.
import assert from 'node:assert/strict';
import type { Block } from '../../../server/src/config/ast';
import { loadParser, parseWith, reparse } from '../../../server/src/config/parser';
import { diffAsChange } from '../../../server/src/lsp/hclStore';

function envs(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`env "e${i}" {`, `  url = "postgres://h:5432/d${i}"`, '  migration {', '    dir = "file://migrations"', '  }', '}', '');
  return out.join('\n');
}

/** Every block of a file, nested ones included, by start line. */
function blocks(items: Array<{ kind: string }>, out = new Map<number, Block>()): Map<number, Block> {
  for (const it of items)
    if (it.kind === 'block') {
      const b = it as Block;
      out.set(b.range.start.line, b);
      blocks(b.body.items, out);
    }
  return out;
}

describe('atlas.hcl incremental conversion across a nesting change', () => {
  it('reuses the unchanged blocks after a stray character before a "}" and after undoing it, equal to a fresh parse', async () => {
    const parser = await loadParser();
    const text = envs(30);
    let parsed = parseWith(parser, text);
    const lines = text.split('\n');
    const at = 7 * 10 + 5; // the closing "}" of env "e10"
    assert.equal(lines[at], '}');
    const broken = [...lines.slice(0, at), `x${lines[at]}`, ...lines.slice(at + 1)].join('\n');
    const steps: Array<Map<number, Block>> = [blocks(parsed.file.body.items)];
    for (const next of [broken, text]) {
      parsed = reparse(parser, parsed, [diffAsChange(parsed.text, next)!], next);
      const fresh = parseWith(parser, next);
      assert.deepEqual(parsed.file, fresh.file, 'incremental conversion equals a fresh one');
      fresh.tree.delete();
      steps.push(blocks(parsed.file.body.items));
    }
    // blocks after the edit: the same objects as one step before (not converted again)
    for (const [i, step] of steps.slice(1).entries()) {
      const later = [...step.keys()].filter((l) => l > at + 1);
      const reused = later.filter((l) => step.get(l) === steps[i].get(l));
      assert.ok(later.length > 30, `step ${i + 1}: ${later.length} later blocks`);
      assert.ok(reused.length >= later.length - 2, `step ${i + 1}: ${reused.length} of ${later.length} later blocks reused`);
    }
    parsed.tree.delete();
  });
});
