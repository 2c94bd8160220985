// Blocks converted by the previous conversion of a document, by where they start (line, column): after an edit that changes the
// nesting (a stray "}" or a missing one), tree-sitter hands back every later block again, now at another level,
// and the top-level reuse of syntax.ts finds none of them. A block whose text and place are unchanged converts to
// the same Block, so it is taken from here instead of being walked node by node again.
import type { Block, HclFile, Range } from './ast';

interface Entry {
  src: string;
  block: Block;
}

const byFile = new WeakMap<HclFile, Map<string, Entry>>();

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

export class BlockCache {
  private readonly produced = new Map<string, Entry>();
  constructor(private readonly previous: Map<string, Entry> | undefined) {}

  static after(prev: HclFile | undefined): BlockCache {
    return new BlockCache(prev ? byFile.get(prev) : undefined);
  }

  /** The previous conversion's block with this source text and range (same place, same text), if any. */
  take(src: string, range: Range): Block | undefined {
    const key = `${range.start.line}:${range.start.character}`;
    const hit = this.previous?.get(key);
    if (!hit || hit.src !== src || !sameRange(hit.block.range, range)) return undefined;
    this.produced.set(key, hit);
    return hit.block;
  }

  keep(src: string, block: Block): void {
    this.produced.set(`${block.range.start.line}:${block.range.start.character}`, { src, block });
  }

  /** Makes this conversion's blocks the ones the next conversion of the document may take. */
  attach(file: HclFile): void {
    byFile.set(file, this.produced);
  }
}
