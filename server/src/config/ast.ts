// The syntax model of an HCL document: blocks, attributes and expressions, with LSP-shaped ranges
// (0-based line, UTF-16 character). Built from the tree-sitter tree by syntax.ts; everything else reads this.

export interface Pos {
  line: number;
  character: number;
}
export interface Range {
  start: Pos;
  end: Pos;
}

export interface Label {
  value: string;
  range: Range;
}

export interface Attribute {
  kind: 'attribute';
  name: string;
  nameRange: Range;
  expr: Expr;
  range: Range;
}

export interface Block {
  kind: 'block';
  type: string;
  typeRange: Range;
  labels: Label[];
  body: Body;
  /** whole block, from its type to the closing brace */
  range: Range;
  /** range of the braces' inside (for completion scoping) */
  innerRange: Range;
}

export interface Body {
  items: Array<Attribute | Block>;
}

export type Step = { kind: 'attr'; name: string; range: Range } | { kind: 'index'; index: Expr; range: Range } | { kind: 'splat'; range: Range };

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null; range: Range }
  | { kind: 'template'; parts: Array<string | Expr>; heredoc: boolean; range: Range }
  | { kind: 'traversal'; root: string; rootRange: Range; steps: Step[]; range: Range }
  | { kind: 'postfix'; base: Expr; steps: Step[]; range: Range }
  | { kind: 'call'; name: string; nameRange: Range; args: Expr[]; expand: boolean; range: Range }
  | { kind: 'tuple'; items: Expr[]; range: Range }
  | { kind: 'object'; items: Array<{ key: Expr; value: Expr }>; range: Range }
  | { kind: 'conditional'; cond: Expr; then: Expr; else: Expr; range: Range }
  | { kind: 'unary'; op: string; operand: Expr; range: Range }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; range: Range }
  | { kind: 'for'; keyVar?: string; valueVar: string; coll: Expr; key?: Expr; value: Expr; cond?: Expr; object: boolean; group: boolean; range: Range }
  /** template directives (%{if}) and anything else we cannot model */
  | { kind: 'opaque'; children: Expr[]; range: Range };

export interface SyntaxError {
  range: Range;
  message: string;
}

export interface HclFile {
  body: Body;
  syntaxErrors: SyntaxError[];
}

export function contains(r: Range, p: Pos): boolean {
  return cmp(r.start, p) <= 0 && cmp(p, r.end) <= 0;
}

export function cmp(a: Pos, b: Pos): number {
  return a.line - b.line || a.character - b.character;
}

export function blocks(body: Body, type?: string): Block[] {
  return body.items.filter((i): i is Block => i.kind === 'block' && (type === undefined || i.type === type));
}

export function attributes(body: Body): Attribute[] {
  return body.items.filter((i): i is Attribute => i.kind === 'attribute');
}

export function attr(body: Body, name: string): Attribute | undefined {
  return body.items.find((i): i is Attribute => i.kind === 'attribute' && i.name === name);
}

/** Calls fn on e and every sub-expression (pre-order). */
export function walkExpr(e: Expr, fn: (e: Expr) => void): void {
  fn(e);
  const sub = (x: Expr | undefined) => x && walkExpr(x, fn);
  switch (e.kind) {
    case 'template':
      for (const p of e.parts) if (typeof p !== 'string') sub(p);
      break;
    case 'traversal':
      for (const s of e.steps) if (s.kind === 'index') sub(s.index);
      break;
    case 'postfix':
      sub(e.base);
      for (const s of e.steps) if (s.kind === 'index') sub(s.index);
      break;
    case 'call':
      e.args.forEach(sub);
      break;
    case 'tuple':
      e.items.forEach(sub);
      break;
    case 'object':
      for (const it of e.items) {
        sub(it.key);
        sub(it.value);
      }
      break;
    case 'conditional':
      sub(e.cond);
      sub(e.then);
      sub(e.else);
      break;
    case 'unary':
      sub(e.operand);
      break;
    case 'binary':
      sub(e.left);
      sub(e.right);
      break;
    case 'for':
      sub(e.coll);
      sub(e.key);
      sub(e.value);
      sub(e.cond);
      break;
    case 'opaque':
      e.children.forEach(sub);
      break;
    default:
      break;
  }
}

/** Every block in the file with its ancestors (outermost first). */
export function* allBlocks(body: Body, parents: Block[] = []): Generator<{ block: Block; parents: Block[] }> {
  for (const b of blocks(body)) {
    yield { block: b, parents };
    yield* allBlocks(b.body, [...parents, b]);
  }
}

/** The static string of a literal or a template without interpolations; undefined otherwise. */
export function staticString(e: Expr): string | undefined {
  if (e.kind === 'literal' && typeof e.value === 'string') return e.value;
  if (e.kind === 'template' && e.parts.every((p) => typeof p === 'string')) return e.parts.join('');
  return undefined;
}
