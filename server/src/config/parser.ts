// Loads web-tree-sitter and the HCL grammar once, parses documents (incrementally when given the previous tree).
import fs from 'node:fs';
import path from 'node:path';
import { Edit, Language, Parser, type Tree } from 'web-tree-sitter';
import type { Body, HclFile, Range } from './ast';
import { segmentItems, shiftLines } from './syntax';
import { topLevelStarts } from './segments';
import { checkSyntax } from './syntaxCheck';
import { collectErrors, commentRanges, MAX_SYNTAX_ERRORS } from './syntaxHelpers';

let ready: Promise<Parser> | undefined;

function firstExisting(candidates: string[]): string | undefined {
  return candidates.find((c) => fs.existsSync(c));
}

/** Beside the bundle (dist/) or, when running from source, in node_modules. */
function assetPath(file: string, packagePath: string): string | undefined {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  return firstExisting([
    path.join(here, file),
    path.resolve(here, '../../../node_modules', packagePath, file),
    path.resolve(process.cwd(), 'node_modules', packagePath, file),
  ]);
}

export function loadParser(): Promise<Parser> {
  ready ??= (async () => {
    const runtime = assetPath('web-tree-sitter.wasm', 'web-tree-sitter');
    await Parser.init(runtime ? { locateFile: () => runtime } : undefined);
    const grammar = assetPath('tree-sitter-hcl.wasm', '@tree-sitter-grammars/tree-sitter-hcl');
    if (!grammar) throw new Error('tree-sitter-hcl.wasm not found beside the server bundle or in node_modules');
    const lang = await Language.load(grammar);
    const p = new Parser();
    p.setLanguage(lang);
    return p;
  })();
  return ready;
}

/**
 * One top-level item of the file (with the blank lines and comments after it), parsed on its own: tree-sitter
 * parses the whole text but only inside [start, end) (includedRanges), so node positions are the file's.
 */
interface Segment {
  start: number;
  end: number;
  tree: Tree;
  items: Body['items'];
}

/**
 * A parsed atlas.hcl. The file is parsed one top-level item at a time, along the lines segments.ts finds by bracket
 * depth: an edit re-parses the item it touches and keeps the others. One tree for the whole file made
 * tree-sitter's error recovery re-parse everything after a keystroke that leaves a stray token before a "}" (a new
 * attribute name typed above it): 12-25 ms per keystroke on a 2,000-line file, more than a parse from scratch.
 */
export interface ParsedDocument {
  text: string;
  file: HclFile;
  segments: Segment[];
}

/** Parses text from scratch. */
export async function parseHcl(text: string): Promise<ParsedDocument> {
  const parser = await loadParser();
  return parseWith(parser, text);
}

export function parseWith(parser: Parser, text: string): ParsedDocument {
  return build(parser, text);
}

/** Frees the trees of a parse (WASM memory). */
export function release(doc: ParsedDocument): void {
  for (const s of doc.segments) s.tree.delete();
  doc.segments = [];
}

/** Comment ranges of the whole file (for the formatter). */
export function commentsOf(doc: ParsedDocument): Range[] {
  return doc.segments.flatMap((s) => commentRanges(s.tree));
}

/** One text change in LSP shape (UTF-16 line/character); no range = whole document replaced. */
export interface TextChange {
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

interface EditAt {
  edit: Edit;
  /** characters and lines added (negative: removed) */
  delta: number;
  lines: number;
}

/**
 * Re-parses after changes: with one change, the segments before and after it are kept (their trees and items moved
 * by the change) and the segment it falls in is re-parsed incrementally; otherwise from scratch. `newText` is the
 * document text after all changes. The previous parse is released.
 */
export function reparse(parser: Parser, prev: ParsedDocument, changes: TextChange[], newText: string): ParsedDocument {
  if (changes.length !== 1 || !changes[0].range) {
    release(prev);
    return build(parser, newText);
  }
  const c = changes[0];
  const r = c.range!;
  const startIndex = offsetAt(prev.text, r.start);
  const oldEndIndex = offsetAt(prev.text, r.end);
  const newEndIndex = startIndex + c.text.length;
  const edit = new Edit({
    startIndex,
    oldEndIndex,
    newEndIndex,
    startPosition: { row: r.start.line, column: r.start.character },
    oldEndPosition: { row: r.end.line, column: r.end.character },
    newEndPosition: positionAt(newText, newEndIndex),
  });
  const lines = edit.newEndPosition.row - edit.oldEndPosition.row;
  return build(parser, newText, prev, { edit, delta: newEndIndex - oldEndIndex, lines });
}

function build(parser: Parser, text: string, prev?: ParsedDocument, at?: EditAt): ParsedDocument {
  const errors = checkSyntax(text);
  const tops = topLevelStarts(text, prev && at ? { starts: prev.segments.map((s) => s.start), ...offsets(at.edit) } : undefined);
  const old = new Map((prev?.segments ?? []).map((s) => [s.start, s]));
  const kept = new Set<Segment>();
  const segments: Segment[] = [];
  for (let i = 0; i < tops.length; i++) {
    const start = tops[i];
    const end = tops[i + 1] ?? text.length;
    let seg: Segment | undefined;
    if (at) {
      const { edit, delta, lines } = at;
      if (end <= edit.startIndex) {
        // before the change: as it was
        const o = old.get(start);
        if (o && o.end === end) seg = o;
      } else if (start >= edit.newEndIndex) {
        // after the change: the same text, moved
        const o = old.get(start - delta);
        if (o && o.end === end - delta) {
          o.tree.edit(edit);
          if (lines !== 0) shiftLines(o.items, lines);
          seg = { start, end, tree: o.tree, items: o.items };
          kept.add(o);
        }
      } else if (start <= edit.startIndex && end >= edit.newEndIndex) {
        // the change falls inside this item, which keeps its bounds: an incremental parse of it (frees the old tree)
        const o = old.get(start);
        if (o && o.end === end - delta) {
          o.tree.edit(edit);
          kept.add(o);
          seg = parseSegment(parser, text, start, end, o.tree);
        }
      }
      if (seg) kept.add(seg);
    }
    segments.push(seg ?? parseSegment(parser, text, start, end));
  }
  for (const o of old.values()) if (!kept.has(o)) o.tree.delete();
  const items = segments.flatMap((s) => s.items);
  // errors at their token by HCL's own rules; tree-sitter's ERROR/MISSING nodes only when those find nothing
  const syntaxErrors = errors.length
    ? errors
    : segments.flatMap((s) => (s.tree.rootNode.hasError ? collectErrors(s.tree.rootNode) : [])).slice(0, MAX_SYNTAX_ERRORS);
  return { text, file: { body: { items }, syntaxErrors }, segments };
}

const offsets = (e: Edit) => ({ startIndex: e.startIndex, oldEndIndex: e.oldEndIndex, newEndIndex: e.newEndIndex });

function parseSegment(parser: Parser, text: string, start: number, end: number, old?: Tree): Segment {
  const range = { startIndex: start, endIndex: end, startPosition: positionAt(text, start), endPosition: positionAt(text, end) };
  const tree = parser.parse(text, old, { includedRanges: [range] }) ?? parser.parse(text, undefined, { includedRanges: [range] });
  old?.delete();
  if (!tree) throw new Error('tree-sitter returned no tree');
  return { start, end, tree, items: segmentItems(tree.rootNode, text) };
}

export function offsetAt(text: string, p: { line: number; character: number }): number {
  let off = 0;
  for (let l = 0; l < p.line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  const eol = text.indexOf('\n', off);
  return Math.min(off + p.character, eol < 0 ? text.length : eol);
}

export function positionAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
