// What is at a position of an atlas.hcl: enclosing blocks (with their schema), the attribute, the reference or call.
import { contains, walkExpr, type Attribute, type Block, type Body, type Expr, type Pos, type Range } from './ast';
import type { ProjectModel } from './model';
import { specForBlock, type BlockSpec } from './schema';

export interface Located {
  /** enclosing blocks, outermost first (cursor inside their braces) */
  path: Array<{ block: Block; spec?: BlockSpec }>;
  /** block whose type name or label is under the cursor */
  blockHead?: { block: Block; spec?: BlockSpec; label?: number };
  attribute?: Attribute;
  onAttrName?: boolean;
  /** innermost traversal under the cursor, and which step (-1 = root) */
  traversal?: { expr: Extract<Expr, { kind: 'traversal' }>; step: number };
  call?: Extract<Expr, { kind: 'call' }>;
}

export function locate(model: ProjectModel, pos: Pos): Located {
  const out: Located = { path: [] };
  let body: Body = model.file.body;
  let parent: BlockSpec | undefined;
  let known = true;
  for (;;) {
    let next: Block | undefined;
    for (const item of body.items) {
      if (!contains(item.range, pos)) continue;
      if (item.kind === 'attribute') {
        out.attribute = item;
        out.onAttrName = contains(item.nameRange, pos);
        findInExpr(item.expr, pos, out);
      } else {
        const spec = known
          ? specForBlock(
              item.type,
              item.labels.map((l) => l.value),
              parent,
            )
          : undefined;
        if (contains(item.typeRange, pos)) out.blockHead = { block: item, spec };
        const li = item.labels.findIndex((l) => contains(l.range, pos));
        if (li >= 0) out.blockHead = { block: item, spec, label: li };
        if (contains(item.innerRange, pos) && !out.blockHead) next = item;
      }
    }
    if (!next) break;
    const spec: BlockSpec | undefined = known
      ? specForBlock(
          next.type,
          next.labels.map((l) => l.value),
          parent,
        )
      : undefined;
    out.path.push({ block: next, spec });
    known = !!spec;
    parent = spec;
    body = next.body;
  }
  return out;
}

function findInExpr(e: Expr, pos: Pos, out: Located): void {
  walkExpr(e, (x) => {
    if (!contains(x.range, pos)) return;
    if (x.kind === 'traversal') {
      const step = contains(x.rootRange, pos) ? -1 : x.steps.findIndex((s) => contains(s.range, pos));
      out.traversal = { expr: x, step };
    } else if (x.kind === 'call' && contains(x.nameRange, pos)) out.call = x;
  });
}

export type SymbolRef = { kind: 'var' | 'local'; name: string } | { kind: 'data'; name: string };

/** The variable/local/data source a traversal refers to (data: "<kind>.<name>"). */
export function symbolOf(t: Extract<Expr, { kind: 'traversal' }>): SymbolRef | undefined {
  const s0 = t.steps[0]?.kind === 'attr' ? t.steps[0].name : undefined;
  const s1 = t.steps[1]?.kind === 'attr' ? t.steps[1].name : undefined;
  if ((t.root === 'var' || t.root === 'local') && s0) return { kind: t.root, name: s0 };
  if (t.root === 'data' && s0 && s1) return { kind: 'data', name: `${s0}.${s1}` };
  return undefined;
}

/** Range of the part of a reference that names the symbol (var.NAME, local.NAME, data.kind.NAME). */
export function nameRangeOf(t: Extract<Expr, { kind: 'traversal' }>): Range | undefined {
  const i = t.root === 'data' ? 1 : 0;
  return t.steps[i]?.range;
}

/** Every reference to a symbol in the file. */
export function referencesTo(model: ProjectModel, sym: SymbolRef): Array<Extract<Expr, { kind: 'traversal' }>> {
  const out: Array<Extract<Expr, { kind: 'traversal' }>> = [];
  const visitBody = (b: Body) => {
    for (const item of b.items) {
      if (item.kind === 'block') {
        visitBody(item.body);
        continue;
      }
      walkExpr(item.expr, (x) => {
        if (x.kind !== 'traversal') return;
        const s = symbolOf(x);
        if (s && s.kind === sym.kind && s.name === sym.name) out.push(x);
      });
    }
  };
  visitBody(model.file.body);
  return out;
}

/** Where a symbol is declared: the variable label, the local's name, the data block's name label. */
export function declarationOf(model: ProjectModel, sym: SymbolRef): Range | undefined {
  if (sym.kind === 'var') return model.variables.get(sym.name)?.range;
  if (sym.kind === 'local') return model.locals.get(sym.name)?.nameRange;
  return model.data.get(sym.name)?.labels[1]?.range;
}
