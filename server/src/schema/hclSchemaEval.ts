// Evaluation context of an Atlas HCL schema (one or more files read as one): variables (defaults and given
// values), locals, `for_each` blocks (`each.key`/`each.value`, the instance named by its `name` attribute),
// string templates and the std functions (config/evaluate.ts), and references (`table.t.column.c`, `enum.e`,
// `schema.s`, bare words like `BTREE`) kept as paths for the SQL builders.
import { attr, blocks, type Block, type Body, type Expr, type HclFile } from '../config/ast';
import { Evaluator, type Scope } from '../config/evaluate';
import { isUnknown, type Value } from '../config/functions';
import { buildModel } from '../config/model';

export class HclSchemaError extends Error {}

/** A block instance after for_each expansion: its name, the file it came from, and the scope its attributes see. */
export interface Inst {
  block: Block;
  name: string;
  file: string;
  scope: Scope;
}

export class HclCtx {
  readonly ev: Evaluator;
  /** table (and view) name → its schema, for references that name no schema */
  readonly relSchema = new Map<string, string>();
  constructor(
    readonly files: Array<{ file: string; body: Body }>,
    vars: Record<string, string> = {},
  ) {
    const merged: HclFile = { body: { items: files.flatMap((f) => f.body.items) }, syntaxErrors: [] };
    this.ev = new Evaluator(buildModel(merged), { baseDir: '.', environ: process.env, vars });
  }

  /** Every instance of a top-level block type, in file order (for_each expanded). */
  top(type: string): Inst[] {
    return this.files.flatMap((f) => blocks(f.body, type).flatMap((b) => this.expand(b, f.file, {})));
  }

  /** Nested blocks of an instance (for_each inside tables works the same way). */
  nested(parent: Inst, type: string): Inst[] {
    return blocks(parent.block.body, type).flatMap((b) => this.expand(b, parent.file, parent.scope));
  }

  private expand(b: Block, file: string, scope: Scope): Inst[] {
    const fe = attr(b.body, 'for_each');
    if (!fe) return [{ block: b, name: this.nameOf(b, scope), file, scope }];
    const coll = this.ev.eval(fe.expr, scope);
    if (isUnknown(coll)) throw this.error(file, b, `for_each: ${coll.reason}`);
    const entries: Array<[Value, Value]> = Array.isArray(coll)
      ? coll.map((v) => [v, v])
      : typeof coll === 'object' && coll !== null
        ? Object.entries(coll)
        : [];
    return entries.map(([key, value]) => {
      const s: Scope = { ...scope, each: { key, value } };
      return { block: b, name: this.nameOf(b, s), file, scope: s };
    });
  }

  private nameOf(b: Block, scope: Scope): string {
    const n = attr(b.body, 'name');
    if (n) {
      const v = this.ev.eval(n.expr, scope);
      if (typeof v === 'string') return v;
    }
    return b.labels[b.labels.length - 1]?.value ?? '';
  }

  /** The qualifier label of `table "s" "t"` (two labels), if any. */
  qualifier(i: Inst): string | undefined {
    return i.block.labels.length > 1 ? i.block.labels[0].value : undefined;
  }

  error(file: string, b: { range: { start: { line: number; character: number } } }, msg: string): HclSchemaError {
    return new HclSchemaError(`${file}:${b.range.start.line + 1}:${b.range.start.character + 1}: ${msg}`);
  }

  expr(i: Inst, name: string): Expr | undefined {
    return attr(i.block.body, name)?.expr;
  }

  /** A scalar attribute's value (string, number, bool) or undefined. */
  value(i: Inst, name: string): string | number | boolean | undefined {
    const e = this.expr(i, name);
    if (!e) return undefined;
    const r = ref(e);
    if (r && !['var', 'local', 'each'].includes(r[0])) return r.join('.');
    const v = this.ev.eval(e, i.scope);
    if (isUnknown(v)) throw this.error(i.file, e, `${name}: ${v.reason}`);
    if (v === null || typeof v === 'object') return undefined;
    return v;
  }

  str(i: Inst, name: string): string | undefined {
    const v = this.value(i, name);
    return v === undefined ? undefined : String(v);
  }

  bool(i: Inst, name: string): boolean | undefined {
    const v = this.value(i, name);
    return typeof v === 'boolean' ? v : v === undefined ? undefined : v === 'true';
  }

  /** A reference attribute (`schema.s`, `table.t`, `column.c`) as its path. */
  ref(i: Inst, name: string): string[] | undefined {
    const e = this.expr(i, name);
    if (!e) return undefined;
    const r = ref(e);
    if (r && !['var', 'local', 'each'].includes(r[0])) return r;
    const v = this.ev.eval(e, i.scope);
    return typeof v === 'string' ? v.split('.') : undefined;
  }

  /** A list of references (`columns = [column.a, column.b]`) as paths. */
  refs(i: Inst, name: string): string[][] {
    const e = this.expr(i, name);
    if (!e) return [];
    if (e.kind === 'tuple') return e.items.map((x) => ref(x) ?? [String(this.ev.eval(x, i.scope))]);
    const v = this.ev.eval(e, i.scope);
    return Array.isArray(v) ? v.map((x) => String(x).split('.')) : [];
  }

  /** A list of strings (`values = ["a", "b"]`). */
  strings(i: Inst, name: string): string[] {
    const e = this.expr(i, name);
    if (!e) return [];
    if (e.kind === 'tuple') return e.items.map((x) => ref(x)?.join('.') ?? String(this.ev.eval(x, i.scope)));
    const v = this.ev.eval(e, i.scope);
    return Array.isArray(v) ? v.map(String) : [];
  }
}

/** A traversal as its path: `table.users.column.id` → ['table', 'users', 'column', 'id']; `column["a b"]` works too. */
export function ref(e: Expr | undefined): string[] | undefined {
  if (!e || e.kind !== 'traversal') return undefined;
  return [
    e.root,
    ...e.steps.map((s) => (s.kind === 'attr' ? s.name : s.kind === 'index' ? (s.index.kind === 'literal' ? String(s.index.value) : tplStr(s.index)) : '*')),
  ];
}

function tplStr(e: Expr): string {
  return e.kind === 'template' && e.parts.every((p) => typeof p === 'string') ? e.parts.join('') : '';
}
