// Turns a tree-sitter HCL tree into the syntax model of ast.ts (blocks, attributes, expressions, syntax errors).
import type { Node } from 'web-tree-sitter';
import type { Attribute, Block, Body, Expr, Range, Step } from './ast';
import { finishHeredoc, lineStart, rangeOf, unescapeQuoted } from './syntaxHelpers';

const POSTFIX = new Set(['get_attr', 'index', 'splat', 'attr_splat', 'full_splat']);
/** Deeper nesting than this is kept opaque: bad input (`[[[[…`) must not overflow the stack. */
const MAX_DEPTH = 128;
let depth = 0;

/**
 * The top-level items of one segment of the file (a tree parsed over that segment's range only, see parser.ts):
 * its body's attributes and blocks, and the whole blocks still found inside top-level ERROR nodes (so the rest of
 * the segment keeps its features).
 */
export function segmentItems(root: Node, text: string): Body['items'] {
  const comments: Range[] = [];
  const bodyNode = root.namedChildren.find((c) => c?.type === 'body');
  const items = bodyNode ? toBody(bodyNode, text, comments).items : [];
  for (const c of root.namedChildren) if (c && c.type === 'ERROR') items.push(...toBody(c, text, comments).items);
  return items;
}

/** Moves every position inside x (ranges of an item kept from the previous parse) by d lines, in place. */
export function shiftLines(x: unknown, d: number, seen = new Set<object>()): void {
  if (typeof x !== 'object' || x === null || seen.has(x)) return;
  seen.add(x);
  const o = x as Record<string, unknown>;
  if (typeof o.line === 'number' && typeof o.character === 'number') {
    o.line += d;
    return;
  }
  for (const v of Array.isArray(x) ? x : Object.values(o)) shiftLines(v, d, seen);
}

function toBody(n: Node, text: string, comments: Range[]): Body {
  const items: Body['items'] = [];
  if (depth > MAX_DEPTH) return { items };
  depth++;
  try {
    fillBody(n, text, comments, items);
  } finally {
    depth--;
  }
  return { items };
}

function fillBody(n: Node, text: string, comments: Range[], items: Body['items']): void {
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'attribute') {
      const a = toAttribute(c, text);
      if (a) items.push(a);
    } else if (c.type === 'block') {
      const b = toBlock(c, text, comments);
      if (b) items.push(b);
    } else if (c.type === 'ERROR' || c.type === 'body') items.push(...toBody(c, text, comments).items);
  }
}

function toAttribute(n: Node, text: string): Attribute | undefined {
  const id = n.namedChildren.find((c) => c?.type === 'identifier');
  const exprNode = n.namedChildren.find((c) => c?.type === 'expression');
  if (!id) return undefined;
  const expr: Expr = exprNode ? toExpr(exprNode, text) : { kind: 'opaque', children: [], range: rangeOf(n) };
  return { kind: 'attribute', name: id.text, nameRange: rangeOf(id), expr, range: rangeOf(n) };
}

function toBlock(n: Node, text: string, comments: Range[]): Block | undefined {
  const named = n.namedChildren.filter((c): c is Node => !!c);
  const id = named.find((c) => c.type === 'identifier');
  if (!id) return undefined;
  const labels = named
    .filter((c) => c.type === 'string_lit' || (c.type === 'identifier' && c !== id))
    .map((c) => ({ value: c.type === 'string_lit' ? templateText(c, text, false) : c.text, range: rangeOf(c) }));
  const start = named.find((c) => c.type === 'block_start');
  const end = named.find((c) => c.type === 'block_end');
  const bodyNode = named.find((c) => c.type === 'body');
  const r = rangeOf(n);
  const innerRange: Range = { start: start ? rangeOf(start).end : r.end, end: end && !end.isMissing ? rangeOf(end).start : r.end };
  return {
    kind: 'block',
    type: id.text,
    typeRange: rangeOf(id),
    labels,
    body: bodyNode ? toBody(bodyNode, text, comments) : { items: [] },
    range: r,
    innerRange,
  };
}

/** The unescaped text of a string_lit / quoted template without interpolations. */
function templateText(n: Node, text: string, heredoc: boolean): string {
  const parts = templateParts(n, text, heredoc);
  return parts.map((p) => (typeof p === 'string' ? p : '')).join('');
}

function templateParts(n: Node, text: string, heredoc: boolean): Array<string | Expr> {
  const kids = n.children.filter((c): c is Node => !!c);
  let from: number;
  let to: number;
  if (heredoc) {
    const ids = kids.filter((c) => c.type === 'heredoc_identifier');
    const open = ids[0];
    from = open ? text.indexOf('\n', open.endIndex) + 1 : n.startIndex;
    if (from <= 0) from = open ? open.endIndex : n.startIndex;
    const close = ids.length > 1 ? ids[ids.length - 1] : undefined;
    to = close ? lineStart(text, close.startIndex) : n.endIndex;
  } else {
    const open = kids.find((c) => c.type === 'quoted_template_start');
    const close = kids.find((c) => c.type === 'quoted_template_end');
    from = open ? open.endIndex : n.startIndex;
    to = close && !close.isMissing ? close.startIndex : n.endIndex;
  }
  const parts: Array<string | Expr> = [];
  let at = from;
  for (const c of kids) {
    if (c.type !== 'template_interpolation' && c.type !== 'template_directive') continue;
    if (c.startIndex > at) parts.push(text.slice(at, Math.min(c.startIndex, to)));
    const inner = c.namedChildren.find((x) => x?.type === 'expression');
    if (c.type === 'template_interpolation' && inner) parts.push(toExpr(inner, text));
    else parts.push({ kind: 'opaque', children: exprsIn(c, text), range: rangeOf(c) });
    at = c.endIndex;
  }
  if (to > at) parts.push(text.slice(at, to));
  if (heredoc) {
    const flush = kids.some((c) => c.type === 'heredoc_start' && c.text === '<<-');
    return finishHeredoc(parts, flush);
  }
  return parts.map((p) => (typeof p === 'string' ? unescapeQuoted(p) : p));
}

function exprsIn(n: Node, text: string): Expr[] {
  const out: Expr[] = [];
  if (depth > MAX_DEPTH) return out;
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'expression') out.push(toExpr(c, text));
    else {
      depth++;
      try {
        out.push(...exprsIn(c, text));
      } finally {
        depth--;
      }
    }
  }
  return out;
}

function toExpr(n: Node, text: string): Expr {
  if (depth > MAX_DEPTH) return { kind: 'opaque', children: [], range: rangeOf(n) };
  depth++;
  try {
    return toExprInner(n, text);
  } finally {
    depth--;
  }
}

function toExprInner(n: Node, text: string): Expr {
  const r = rangeOf(n);
  switch (n.type) {
    case 'expression': {
      const kids = n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      return seqExpr(kids, text, r);
    }
    case 'literal_value': {
      const c = n.namedChild(0);
      return c ? toExpr(c, text) : { kind: 'opaque', children: [], range: r };
    }
    case 'numeric_lit':
      return { kind: 'literal', value: Number(n.text), range: r };
    case 'bool_lit':
      return { kind: 'literal', value: n.text === 'true', range: r };
    case 'null_lit':
      return { kind: 'literal', value: null, range: r };
    case 'string_lit':
      return { kind: 'template', parts: templateParts(n, text, false), heredoc: false, range: r };
    case 'template_expr': {
      const c = n.namedChild(0);
      return c ? toExpr(c, text) : { kind: 'opaque', children: [], range: r };
    }
    case 'quoted_template':
      return { kind: 'template', parts: templateParts(n, text, false), heredoc: false, range: r };
    case 'heredoc_template':
      return { kind: 'template', parts: templateParts(n, text, true), heredoc: true, range: r };
    case 'variable_expr':
      return { kind: 'traversal', root: n.text, rootRange: r, steps: [], range: r };
    case 'collection_value': {
      const c = n.namedChild(0);
      return c ? toExpr(c, text) : { kind: 'opaque', children: [], range: r };
    }
    case 'tuple':
      return { kind: 'tuple', items: n.namedChildren.filter((c): c is Node => c?.type === 'expression').map((c) => toExpr(c, text)), range: r };
    case 'object': {
      const items = n.namedChildren
        .filter((c): c is Node => c?.type === 'object_elem')
        .map((el) => {
          const k = el.childForFieldName('key');
          const v = el.childForFieldName('val');
          const missing: Expr = { kind: 'opaque', children: [], range: rangeOf(el) };
          return { key: k ? toExpr(k, text) : missing, value: v ? toExpr(v, text) : missing };
        });
      return { kind: 'object', items, range: r };
    }
    case 'function_call': {
      const id = n.namedChildren.find((c) => c?.type === 'identifier');
      const args = n.namedChildren.find((c) => c?.type === 'function_arguments');
      return {
        kind: 'call',
        name: id?.text ?? '',
        nameRange: id ? rangeOf(id) : r,
        args: args ? args.namedChildren.filter((c): c is Node => c?.type === 'expression').map((c) => toExpr(c, text)) : [],
        expand: !!args?.namedChildren.some((c) => c?.type === 'ellipsis'),
        range: r,
      };
    }
    case 'conditional': {
      const e = n.namedChildren.filter((c): c is Node => c?.type === 'expression').map((c) => toExpr(c, text));
      const none: Expr = { kind: 'opaque', children: [], range: r };
      return { kind: 'conditional', cond: e[0] ?? none, then: e[1] ?? none, else: e[2] ?? none, range: r };
    }
    case 'operation': {
      const c = n.namedChild(0);
      return c ? toExpr(c, text) : { kind: 'opaque', children: [], range: r };
    }
    case 'unary_operation': {
      const kids = n.children.filter((c): c is Node => !!c);
      const op = kids[0]?.text ?? '';
      return {
        kind: 'unary',
        op,
        operand: seqExpr(
          kids.slice(1).filter((c) => c.isNamed),
          text,
          r,
        ),
        range: r,
      };
    }
    case 'binary_operation': {
      const kids = n.children.filter((c): c is Node => !!c);
      const opAt = kids.findIndex((c, i) => i > 0 && !c.isNamed);
      if (opAt < 0) return { kind: 'opaque', children: exprsIn(n, text), range: r };
      const left = seqExpr(
        kids.slice(0, opAt).filter((c) => c.isNamed),
        text,
        r,
      );
      const right = seqExpr(
        kids.slice(opAt + 1).filter((c) => c.isNamed),
        text,
        r,
      );
      return { kind: 'binary', op: kids[opAt].text, left, right, range: r };
    }
    case 'for_expr': {
      const c = n.namedChild(0);
      return c ? toForExpr(c, text) : { kind: 'opaque', children: [], range: r };
    }
    default:
      return { kind: 'opaque', children: exprsIn(n, text), range: r };
  }
}

function toForExpr(n: Node, text: string): Expr {
  const r = rangeOf(n);
  const intro = n.namedChildren.find((c) => c?.type === 'for_intro');
  const ids = intro?.namedChildren.filter((c): c is Node => c?.type === 'identifier').map((c) => c.text) ?? [];
  const collNode = intro?.namedChildren.find((c) => c?.type === 'expression');
  const body = n.namedChildren.filter((c): c is Node => c?.type === 'expression').map((c) => toExpr(c, text));
  const condNode = n.namedChildren.find((c) => c?.type === 'for_cond')?.namedChildren.find((c) => c?.type === 'expression');
  const object = n.type === 'for_object_expr';
  const none: Expr = { kind: 'opaque', children: [], range: r };
  return {
    kind: 'for',
    keyVar: ids.length > 1 ? ids[0] : undefined,
    valueVar: ids[ids.length - 1] ?? '_',
    coll: collNode ? toExpr(collNode, text) : none,
    key: object ? body[0] : undefined,
    value: (object ? body[1] : body[0]) ?? none,
    cond: condNode ? toExpr(condNode, text) : undefined,
    object,
    group: object && n.namedChildren.some((c) => c?.type === 'ellipsis'),
    range: r,
  };
}

/** A base expression followed by postfix steps (.attr, [i], .*), as tree-sitter flattens traversals. */
function seqExpr(kids: Node[], text: string, r: Range): Expr {
  if (kids.length === 0) return { kind: 'opaque', children: [], range: r };
  const [base, ...rest] = kids;
  const baseExpr = toExpr(base, text);
  if (rest.length === 0) return baseExpr;
  const steps: Step[] = [];
  for (const s of rest) {
    if (!POSTFIX.has(s.type)) continue;
    steps.push(...toSteps(s, text));
  }
  if (baseExpr.kind === 'traversal' && baseExpr.steps.length === 0) return { ...baseExpr, steps, range: r };
  return { kind: 'postfix', base: baseExpr, steps, range: r };
}

function toSteps(s: Node, text: string): Step[] {
  const r = rangeOf(s);
  if (s.type === 'get_attr') {
    const id = s.namedChildren.find((c) => c?.type === 'identifier');
    return [{ kind: 'attr', name: id?.text ?? '', range: id ? rangeOf(id) : r }];
  }
  if (s.type === 'index') {
    const inner = s.namedChild(0);
    if (inner?.type === 'legacy_index') {
      const num = inner.text.replace(/^\./, '');
      return [{ kind: 'index', index: { kind: 'literal', value: Number(num), range: rangeOf(inner) }, range: r }];
    }
    const e = inner?.namedChildren.find((c) => c?.type === 'expression');
    return [{ kind: 'index', index: e ? toExpr(e, text) : { kind: 'opaque', children: [], range: r }, range: r }];
  }
  if (s.type === 'splat') return s.namedChildren.flatMap((c) => (c ? toSteps(c, text) : []));
  // attr_splat / full_splat: `.*` / `[*]` followed by steps
  return [{ kind: 'splat', range: r }, ...s.namedChildren.flatMap((c) => (c ? toSteps(c, text) : []))];
}
