// Tree-sitter helpers for syntax.ts: ranges, syntax errors, comments, template text (escapes, heredoc indentation).
import type { Node, Tree } from 'web-tree-sitter';
import type { Expr, Range, SyntaxError } from './ast';

export const MAX_SYNTAX_ERRORS = 50;
const MAX_ERROR_DEPTH = 512;

export function rangeOf(n: Node): Range {
  return { start: { line: n.startPosition.row, character: n.startPosition.column }, end: { line: n.endPosition.row, character: n.endPosition.column } };
}

/** Comment ranges (for the formatter), read from the tree on demand. */
export function commentRanges(tree: Tree): Range[] {
  const out: Range[] = [];
  collectComments(tree.rootNode, out);
  return out;
}

function collectComments(n: Node, out: Range[]): void {
  const cursor = n.walk();
  let done = false;
  while (!done) {
    if (cursor.nodeType === 'comment') out.push(rangeOf(cursor.currentNode));
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
    }
  }
  cursor.delete();
}

export function collectErrors(root: Node): SyntaxError[] {
  const out: SyntaxError[] = [];
  const visit = (n: Node, d: number) => {
    if (out.length >= MAX_SYNTAX_ERRORS || d > MAX_ERROR_DEPTH) return;
    if (n.isMissing) {
      // An unclosed string is found at the end of the file: point at its opening quote instead.
      const open = n.type === 'quoted_template_end' ? n.parent : null;
      const r = open ? { start: rangeOf(open).start, end: { line: rangeOf(open).start.line, character: rangeOf(open).start.character + 1 } } : rangeOf(n);
      out.push({ range: r, message: open ? 'Syntax error: unterminated string (missing closing quote)' : `Syntax error: missing ${describeToken(n.type)}` });
      return;
    }
    if (n.isError) {
      const head = n.text.split('\n')[0].trim();
      const what = head ? `"${head.length > 24 ? head.slice(0, 24) + '…' : head}"` : 'end of input';
      const r = rangeOf(n);
      // Report on the first line only: a long ERROR node would otherwise cover half the file.
      if (r.end.line > r.start.line) r.end = { line: r.start.line, character: r.start.character + Math.max(1, n.text.split('\n')[0].length) };
      out.push({
        range: r,
        message: `Syntax error: unexpected ${what}; expected an attribute (name = value), a block (type "label" { … }) or a closing brace`,
      });
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c) visit(c, d + 1);
  };
  visit(root, 0);
  return out;
}

function describeToken(t: string): string {
  const map: Record<string, string> = {
    block_end: '"}"',
    '}': '"}"',
    object_end: '"}"',
    tuple_end: '"]"',
    ')': '")"',
    quoted_template_end: 'closing quote',
    '=': '"="',
  };
  return map[t] ?? `"${t}"`;
}

export function lineStart(text: string, index: number): number {
  const nl = text.lastIndexOf('\n', index - 1);
  return nl + 1;
}

export function finishHeredoc(parts: Array<string | Expr>, flush: boolean): Array<string | Expr> {
  const unesc = parts.map((p) => (typeof p === 'string' ? p.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : p));
  if (!flush) return unesc;
  // <<- removes the smallest leading indentation common to all non-empty lines.
  const joined = unesc.map((p) => (typeof p === 'string' ? p : '\u0000')).join('');
  const lines = joined.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  const dedented = lines.map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)![0].length))).join('\n');
  const exprs = unesc.filter((p): p is Expr => typeof p !== 'string');
  const out: Array<string | Expr> = [];
  dedented.split('\u0000').forEach((s, i) => {
    if (s) out.push(s);
    if (i < exprs.length) out.push(exprs[i]);
  });
  return out;
}

export function unescapeQuoted(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[nrt"\\])|\$\$\{|%%\{/g, (m, e: string | undefined) => {
    if (m === '$${') return '${';
    if (m === '%%{') return '%{';
    if (!e) return m;
    if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[e] ?? m;
  });
}
