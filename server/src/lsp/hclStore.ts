// Open atlas.hcl documents: each change is turned into one tree-sitter edit (common prefix/suffix of old and new
// text) and re-parsed incrementally against the previous tree.
import type { Parser } from 'web-tree-sitter';
import { makeDocument, type HclDocument } from '../config/document';
import { parseWith, release, reparse, type TextChange } from '../config/parser';
import { URI } from './uri';

/** The single edit that turns `a` into `b` (UTF-16 positions), found from their common prefix and suffix. */
export function diffAsChange(a: string, b: string): TextChange | undefined {
  if (a === b) return undefined;
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return { range: { start: posOf(a, start), end: posOf(a, endA) }, text: b.slice(start, endB) };
}

function posOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let ls = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    ls = i + 1;
  }
  return { line, character: offset - ls };
}

export class HclStore {
  private readonly docs = new Map<string, HclDocument>();
  constructor(private readonly parser: Parser) {}

  get(uri: string): HclDocument | undefined {
    return this.docs.get(uri);
  }

  /** Updates (incrementally when the document was seen before) and returns the document. */
  update(uri: string, text: string): HclDocument {
    const prev = this.docs.get(uri);
    let parsed;
    if (prev) {
      const change = diffAsChange(prev.parsed.text, text);
      if (!change) return prev;
      parsed = reparse(this.parser, prev.parsed, [change], text);
    } else parsed = parseWith(this.parser, text);
    const doc = makeDocument(parsed, uri, uri.startsWith('file:') ? URI.toPath(uri) : undefined);
    this.docs.set(uri, doc);
    return doc;
  }

  close(uri: string): void {
    const doc = this.docs.get(uri);
    if (doc) release(doc.parsed);
    this.docs.delete(uri);
  }
}
