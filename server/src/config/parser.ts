// Loads web-tree-sitter and the HCL grammar once, parses documents (incrementally when given the previous tree).
import fs from 'node:fs';
import path from 'node:path';
import { Edit, Language, Parser, type Tree } from 'web-tree-sitter';
import type { HclFile } from './ast';
import { toHclFile, type Reuse } from './syntax';

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

export interface ParsedDocument {
  text: string;
  tree: Tree;
  file: HclFile;
}

/** Parses text from scratch. */
export async function parseHcl(text: string): Promise<ParsedDocument> {
  const parser = await loadParser();
  return parseWith(parser, text);
}

export function parseWith(parser: Parser, text: string, old?: Tree, reuse?: Reuse): ParsedDocument {
  const tree = parser.parse(text, old) ?? parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return { text, tree, file: toHclFile(tree, text, reuse) };
}

/** One text change in LSP shape (UTF-16 line/character); no range = whole document replaced. */
export interface TextChange {
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/**
 * Applies changes to the previous tree (tree.edit) and re-parses incrementally.
 * `newText` is the document text after all changes.
 */
export function reparse(parser: Parser, prev: ParsedDocument, changes: TextChange[], newText: string): ParsedDocument {
  if (changes.some((c) => !c.range)) {
    prev.tree.delete();
    return parseWith(parser, newText);
  }
  let text = prev.text;
  let reuse: Reuse | undefined;
  for (const c of changes) {
    const r = c.range!;
    const startIndex = offsetAt(text, r.start);
    const oldEndIndex = offsetAt(text, r.end);
    const newEndIndex = startIndex + c.text.length;
    const next = text.slice(0, startIndex) + c.text + text.slice(oldEndIndex);
    prev.tree.edit(
      new Edit({
        startIndex,
        oldEndIndex,
        newEndIndex,
        startPosition: { row: r.start.line, column: r.start.character },
        oldEndPosition: { row: r.end.line, column: r.end.character },
        newEndPosition: positionAt(next, newEndIndex),
      }),
    );
    text = next;
    const newEndLine = r.start.line + c.text.split('\n').length - 1;
    reuse = changes.length === 1 ? { prev: prev.file, startLine: r.start.line, oldEndLine: r.end.line, newEndLine } : undefined;
  }
  const doc = parseWith(parser, newText, prev.tree, reuse);
  prev.tree.delete();
  return doc;
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
