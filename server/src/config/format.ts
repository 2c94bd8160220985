// Canonical layout of an atlas.hcl (as `hclwrite`/`atlas schema fmt`): two-space indentation by block depth,
// `=` aligned across consecutive single-line attributes of a block, one space around `=`, no trailing spaces.
// Heredoc contents are never touched. Files with syntax errors are left alone.
import { walkExpr, type Attribute, type Body, type HclFile, type Range } from './ast';

interface LinePlan {
  indent?: number;
  shift?: number;
  attr?: { a: Attribute; pad: number };
  keep?: boolean;
}

export function formatHcl(text: string, file: HclFile, comments: Range[]): string {
  if (file.syntaxErrors.length) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const plan: LinePlan[] = lines.map(() => ({}));
  const itemLines = new Set<number>();
  planBody(file.body, 0, lines, plan, itemLines);
  // Comment-only lines take the indentation of the next item line.
  for (const c of comments) {
    const l = c.start.line;
    if (plan[l].keep || itemLines.has(l) || lines[l].slice(0, c.start.character).trim() !== '') continue;
    let n = l + 1;
    while (n < lines.length && !itemLines.has(n) && plan[n].indent === undefined) n++;
    plan[l].indent = n < lines.length ? plan[n].indent : 0;
    const blockEnd = /^\s*\}/.test(lines[n] ?? '');
    if (blockEnd && plan[l].indent !== undefined) plan[l].indent! += 2;
  }
  const out = lines.map((line, i) => {
    const p = plan[i];
    if (p.keep) return line;
    const body = line.trim();
    if (body === '') return '';
    if (p.attr) {
      const a = p.attr.a;
      const rest = line.slice(a.expr.range.start.character).replace(/\s+$/, '');
      return `${' '.repeat(p.indent ?? 0)}${a.name}${' '.repeat(p.attr.pad)} = ${rest}`;
    }
    if (p.indent !== undefined) return ' '.repeat(p.indent) + line.trimStart().replace(/\s+$/, '');
    if (p.shift !== undefined) {
      const cur = line.length - line.trimStart().length;
      return ' '.repeat(Math.max(0, cur + p.shift)) + line.trimStart().replace(/\s+$/, '');
    }
    return line.replace(/\s+$/, '');
  });
  // At most one blank line in a row, none at the end, a final newline.
  const compact: string[] = [];
  for (const l of out) if (!(l === '' && compact[compact.length - 1] === '')) compact.push(l);
  while (compact.length && compact[compact.length - 1] === '') compact.pop();
  return compact.join(eol) + eol;
}

function hasHeredoc(a: Attribute): boolean {
  let found = false;
  walkExpr(a.expr, (e) => {
    if (e.kind === 'template' && e.heredoc) found = true;
  });
  return found;
}

function planBody(body: Body, depth: number, lines: string[], plan: LinePlan[], itemLines: Set<number>): void {
  const indent = depth * 2;
  let group: Attribute[] = [];
  const flush = () => {
    const width = Math.max(0, ...group.map((a) => a.name.length));
    for (const a of group) plan[a.range.start.line].attr = { a, pad: width - a.name.length };
    group = [];
  };
  let prevLine = -2;
  for (const item of body.items) {
    const l = item.range.start.line;
    if (itemLines.has(l)) {
      flush();
      continue;
    } // several items on one line: leave that line as written
    itemLines.add(l);
    plan[l].indent = indent;
    if (item.kind === 'attribute') {
      const single = item.range.start.line === item.range.end.line;
      if (!single || l !== prevLine + 1) flush();
      if (single) group.push(item);
      else {
        plan[l].attr = { a: item, pad: 0 };
        const heredoc = hasHeredoc(item);
        const cur = lines[l].length - lines[l].trimStart().length;
        if (heredoc) for (let i = l + 1; i <= item.range.end.line; i++) plan[i] = { keep: true };
        else {
          const depths = bracketDepths(lines, l, item.range.end.line);
          for (let i = l + 1; i <= item.range.end.line; i++) plan[i] = depths ? { indent: indent + 2 * depths[i - l] } : { shift: indent - cur };
        }
      }
      prevLine = item.range.end.line;
    } else {
      flush();
      prevLine = -2;
      const end = item.range.end.line;
      if (end > l) {
        planBody(item.body, depth + 1, lines, plan, itemLines);
        if (/^\s*\}/.test(lines[end]) && plan[end].indent === undefined && !plan[end].keep) plan[end].indent = indent;
      }
    }
  }
  flush();
}

/**
 * Bracket nesting at the start of each line of a multi-line expression (lines starting with a closer count one
 * less), skipping strings and comments; undefined when the brackets do not balance (then lines are only shifted).
 */
function bracketDepths(lines: string[], from: number, to: number): number[] | undefined {
  const out: number[] = [];
  let depth = 0;
  let inStr = false;
  for (let i = from; i <= to; i++) {
    const line = lines[i];
    if (i > from) out.push(Math.max(0, depth - (inStr ? 0 : /^\s*[)\]}]/.test(line) ? 1 : 0)));
    else out.push(0);
    for (let j = 0; j < line.length; j++) {
      const c = line[j];
      if (inStr) {
        if (c === '\\') j++;
        else if (c === '"') inStr = false;
        continue;
      }
      if (c === '"') inStr = true;
      else if (c === '#' || (c === '/' && line[j + 1] === '/')) break;
      else if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth--;
    }
  }
  return depth === 0 && !inStr ? out : undefined;
}
