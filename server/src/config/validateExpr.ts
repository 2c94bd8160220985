// Reference and function checks inside expressions: var./local./data./each./atlas./docker. and function names.
import type { Expr } from './ast';
import { didYouMean, type ConfigDiagnostic } from './diagnostic';
import { functions } from './functions';
import type { ProjectModel } from './model';
import { dataKinds } from './schema';

export interface ExprContext {
  model: ProjectModel;
  /** inside a block with for_each (each.key / each.value allowed) */
  hasEach: boolean;
  /** bare identifiers accepted (enum values, type names) */
  bare?: Set<string> | 'any';
  /** names bound by enclosing for-expressions */
  iter?: Set<string>;
}

const ROOTS = ['var', 'local', 'data', 'each', 'atlas', 'docker'];

export function checkExpr(e: Expr, ctx: ExprContext, out: ConfigDiagnostic[]): void {
  switch (e.kind) {
    case 'traversal':
      checkTraversal(e, ctx, out);
      break;
    case 'call': {
      if (!functions.has(e.name)) out.push(didYouMean(`Call to unknown function "${e.name}".`, e.nameRange, e.name, functions.keys(), 'unknown-function'));
      // type constructors take type names: list(string)
      const inner = ['list', 'set', 'map', 'tuple', 'object'].includes(e.name) ? { ...ctx, bare: 'any' as const } : ctx;
      for (const a of e.args) checkExpr(a, inner, out);
      break;
    }
    case 'for': {
      checkExpr(e.coll, ctx, out);
      const iter = new Set([...(ctx.iter ?? []), e.valueVar, ...(e.keyVar ? [e.keyVar] : [])]);
      const inner = { ...ctx, iter };
      for (const x of [e.key, e.value, e.cond]) if (x) checkExpr(x, inner, out);
      break;
    }
    case 'object':
      for (const it of e.items) {
        // `{ key = v }`: a bare key is a name, not a reference
        if (!(it.key.kind === 'traversal' && it.key.steps.length === 0)) checkExpr(it.key, ctx, out);
        checkExpr(it.value, ctx, out);
      }
      break;
    case 'template':
      for (const p of e.parts) if (typeof p !== 'string') checkExpr(p, ctx, out);
      break;
    case 'postfix':
      checkExpr(e.base, ctx, out);
      for (const s of e.steps) if (s.kind === 'index') checkExpr(s.index, ctx, out);
      break;
    case 'tuple':
      for (const x of e.items) checkExpr(x, ctx, out);
      break;
    case 'conditional':
      checkExpr(e.cond, ctx, out);
      checkExpr(e.then, ctx, out);
      checkExpr(e.else, ctx, out);
      break;
    case 'unary':
      checkExpr(e.operand, ctx, out);
      break;
    case 'binary':
      checkExpr(e.left, ctx, out);
      checkExpr(e.right, ctx, out);
      break;
    case 'opaque':
      for (const x of e.children) checkExpr(x, ctx, out);
      break;
    case 'literal':
      break;
  }
}

function checkTraversal(e: Extract<Expr, { kind: 'traversal' }>, ctx: ExprContext, out: ConfigDiagnostic[]): void {
  for (const s of e.steps) if (s.kind === 'index') checkExpr(s.index, ctx, out);
  if (ctx.iter?.has(e.root)) return;
  if (e.steps.length === 0 && (ctx.bare === 'any' || ctx.bare?.has(e.root))) return;
  const step = (i: number) => (e.steps[i]?.kind === 'attr' ? (e.steps[i] as { name: string; range: Expr['range'] }) : undefined);
  const m = ctx.model;
  switch (e.root) {
    case 'var': {
      const s = step(0);
      if (!s) {
        out.push({ range: e.range, severity: 'error', code: 'bad-reference', message: 'var must be followed by a variable name: var.<name>.' });
        return;
      }
      if (!m.variables.has(s.name))
        out.push(
          didYouMean(`Undefined variable "var.${s.name}": there is no variable "${s.name}" block.`, s.range, s.name, m.variables.keys(), 'undefined-reference'),
        );
      return;
    }
    case 'local': {
      const s = step(0);
      if (!s) {
        out.push({ range: e.range, severity: 'error', code: 'bad-reference', message: 'local must be followed by a name: local.<name>.' });
        return;
      }
      if (!m.locals.has(s.name))
        out.push(
          didYouMean(`Undefined local value "local.${s.name}": no locals block defines "${s.name}".`, s.range, s.name, m.locals.keys(), 'undefined-reference'),
        );
      return;
    }
    case 'data': {
      const k = step(0);
      const n = step(1);
      if (!k || !n) {
        out.push({ range: e.range, severity: 'error', code: 'bad-reference', message: 'data references have the form data.<kind>.<name>.' });
        return;
      }
      if (!(k.name in dataKinds)) {
        out.push(didYouMean(`Unknown data source kind "${k.name}".`, k.range, k.name, Object.keys(dataKinds), 'undefined-reference'));
        return;
      }
      if (!m.data.has(`${k.name}.${n.name}`)) {
        const names = [...m.data.keys()].filter((x) => x.startsWith(`${k.name}.`)).map((x) => x.slice(k.name.length + 1));
        out.push(
          didYouMean(
            `Undefined data source "data.${k.name}.${n.name}": there is no data "${k.name}" "${n.name}" block.`,
            n.range,
            n.name,
            names,
            'undefined-reference',
          ),
        );
      }
      return;
    }
    case 'docker': {
      const d = step(0);
      const n = step(1);
      if (!d || !n || !m.docker.has(`${d.name}.${n.name}`))
        out.push({
          range: e.range,
          severity: 'error',
          code: 'undefined-reference',
          message: `Undefined docker block "docker.${d?.name ?? '?'}.${n?.name ?? '?'}".`,
        });
      return;
    }
    case 'each': {
      const s = step(0);
      if (!ctx.hasEach)
        out.push({
          range: e.range,
          severity: 'error',
          code: 'undefined-reference',
          message: 'each.key and each.value are only available inside a block with for_each.',
        });
      else if (!s || (s.name !== 'key' && s.name !== 'value'))
        out.push(didYouMean(`"each" has only "key" and "value".`, s?.range ?? e.range, s?.name ?? '', ['key', 'value'], 'undefined-reference'));
      return;
    }
    case 'atlas': {
      const s = step(0);
      if (s?.name !== 'env')
        out.push(didYouMean('The only attribute of "atlas" is "env" (the --env value).', s?.range ?? e.range, s?.name ?? '', ['env'], 'undefined-reference'));
      return;
    }
    default:
      if (ctx.bare === 'any' || ctx.bare?.has(e.root)) return;
      out.push(
        didYouMean(
          `Unknown variable "${e.root}": references start with var., local., data., each., atlas. or docker.`,
          e.rootRange,
          e.root,
          ROOTS,
          'undefined-reference',
        ),
      );
  }
}
