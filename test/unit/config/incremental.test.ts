// Incremental parsing of atlas.hcl: the file is parsed one top-level item at a time (config/parser.ts), so an edit
// re-parses the item it falls in and keeps the others (their trees and converted items, moved by the edit). A stray
// token before a "}" (a new attribute name being typed above it) used to make tree-sitter re-parse the whole rest
// of a single-tree file. Every result must equal a parse from scratch.
import assert from 'node:assert/strict';
import type { Block } from '../../../server/src/config/ast';
import { loadParser, parseWith, release, reparse, type ParsedDocument } from '../../../server/src/config/parser';
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

const trees = (p: ParsedDocument) => p.segments.map((s) => `${s.start}-${s.end} ${s.tree.rootNode.toString()}`);

/** Applies each text in turn incrementally; checks each result against a fresh parse; returns the parses' blocks. */
async function steps(text: string, nexts: string[]): Promise<{ blocks: Array<Map<number, Block>>; segments: number[] }> {
  const parser = await loadParser();
  let parsed = parseWith(parser, text);
  const out = [blocks(parsed.file.body.items)];
  const segments = [parsed.segments.length];
  for (const next of nexts) {
    parsed = reparse(parser, parsed, [diffAsChange(parsed.text, next)!], next);
    const fresh = parseWith(parser, next);
    assert.deepEqual(parsed.file, fresh.file, 'incremental conversion equals a fresh one');
    assert.deepEqual(trees(parsed), trees(fresh), 'the same segments and trees as a fresh parse');
    release(fresh);
    out.push(blocks(parsed.file.body.items));
    segments.push(parsed.segments.length);
  }
  release(parsed);
  return { blocks: out, segments };
}

describe('atlas.hcl incremental parse, one top-level item at a time', () => {
  it('re-parses only the item of a stray character before a "}" (and of undoing it), equal to a fresh parse', async () => {
    const text = envs(30);
    const lines = text.split('\n');
    for (const at of [7 * 10 + 5, 7 * 10 + 4]) {
      // the closing "}" of env "e10", then the nested one of its migration block
      assert.match(lines[at], /^ *}$/);
      const broken = [...lines.slice(0, at), `x${lines[at]}`, ...lines.slice(at + 1)].join('\n');
      const r = await steps(text, [broken, text]);
      assert.deepEqual(r.segments, [30, 30, 30]);
      for (const [i, step] of r.blocks.slice(1).entries()) {
        // every block outside env "e10" (lines 70-75) is the same object as one step before: not converted again
        const outside = [...step.keys()].filter((l) => l < 70 || l > 75);
        const reused = outside.filter((l) => step.get(l) === r.blocks[i].get(l));
        assert.equal(outside.length, 58, `step ${i + 1}`);
        assert.equal(reused.length, outside.length, `step ${i + 1}: ${reused.length} of ${outside.length} other blocks reused`);
      }
    }
  });

  it('follows a real change of the nesting (a block opener commented out, then restored, lines added): equal to a fresh parse', async () => {
    const text = envs(12);
    const lines = text.split('\n');
    const opener = 7 * 5 + 2; // "  migration {" of env "e5"
    const commented = [...lines.slice(0, opener), `#${lines[opener]}`, ...lines.slice(opener + 1)].join('\n');
    const added = [...lines.slice(0, 35), 'locals {', '  a = 1', '}', '', ...lines.slice(35)].join('\n');
    const r = await steps(text, [commented, text, added, text]);
    assert.equal(r.segments[0], 12);
    // the migration block's "}" now closes env "e5", and env's own "}" is left on its own: one segment more
    assert.equal(r.segments[1], 13);
    assert.deepEqual(r.segments.slice(2), [12, 13, 12]);
  });

  it('keeps equal to a fresh parse (syntax errors included) over 300 random edits that break and mend the file', async () => {
    let seed = 13;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['{', '}', '"', '=', 'x', '\n', '${', '#', '<<EOT\n', 'EOT\n', '[', ']', ' ', 'env "n" {\n', '/*', '*/', ''];
    let text = envs(15);
    const nexts: string[] = [];
    for (let k = 0; k < 300; k++) {
      const at = Math.floor(rand() * text.length);
      const del = Math.floor(rand() * 4);
      const next = text.slice(0, at) + pieces[Math.floor(rand() * pieces.length)] + text.slice(at + del);
      if (next !== text) nexts.push((text = next));
    }
    const r = await steps(envs(15), nexts);
    assert.ok(r.blocks.length > 250, `${r.blocks.length - 1} edits`);
  });
});
