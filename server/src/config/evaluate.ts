// Static evaluation of atlas.hcl expressions: variables (defaults, --var), locals, getenv (environment + .env),
// templates, conditionals, operators, for-expressions and the std functions of functions.ts.
// What cannot be known without running something (data.sql, runtimevar, …) evaluates to Unknown with a reason.
import { attr, type Expr, type Step } from './ast';
import { functions, isObject, isUnknown, Unknown, type FnContext, type Value } from './functions';
import type { ProjectModel } from './model';

export interface EvalOptions {
  baseDir: string;
  environ: Record<string, string | undefined>;
  /** --var values (strings; converted to the variable's type) */
  vars?: Record<string, string>;
  /** value of atlas.env (--env) */
  atlasEnv?: string;
}

export interface Scope {
  each?: { key: Value; value: Value };
  iter?: Record<string, Value>;
}

export class Evaluator {
  private readonly localCache = new Map<string, Value>();
  private readonly localsInProgress = new Set<string>();
  readonly fnCtx: FnContext;
  /** external_schema data sources met while evaluating: name → program */
  readonly externalSchemas: Record<string, { program: string[]; workingDir?: string }> = {};
  readonly missingVars: string[] = [];
  private readonly varValues = new Map<string, Value>();
  /** `var.x` / `local.y` → getenv() names found unset while evaluating it (replayed on every later use) */
  private readonly unsetEnvOf = new Map<string, string[]>();

  constructor(
    readonly model: ProjectModel,
    readonly opts: EvalOptions,
  ) {
    this.fnCtx = { baseDir: opts.baseDir, environ: opts.environ, unsetEnv: new Set() };
    for (const [name, decl] of model.variables) {
      const given = opts.vars?.[name];
      const typeAttr = attr(decl.block.body, 'type');
      if (given !== undefined) {
        this.varValues.set(name, convertVar(given, typeAttr?.expr));
        continue;
      }
      const def = attr(decl.block.body, 'default');
      if (def)
        this.varValues.set(
          name,
          this.recordUnsetEnv(`var.${name}`, () => this.eval(def.expr, {})),
        );
      else {
        this.missingVars.push(name);
        this.varValues.set(name, new Unknown(`missing value for required variable "${name}"`));
      }
    }
  }

  /** Runs `f` and returns its value with the getenv() names it found unset (they stay in fnCtx.unsetEnv too). */
  noteUnsetEnv(f: () => Value): { value: Value; unsetEnv: string[] } {
    const set = this.fnCtx.unsetEnv;
    if (!set) return { value: f(), unsetEnv: [] };
    const saved = [...set];
    set.clear();
    const value = f();
    const unsetEnv = [...set];
    for (const n of saved) set.add(n);
    return { value, unsetEnv };
  }

  /** Evaluates a variable default or local once, remembering its unset getenv() names for later uses. */
  private recordUnsetEnv(key: string, f: () => Value): Value {
    const r = this.noteUnsetEnv(f);
    this.unsetEnvOf.set(key, r.unsetEnv);
    return r.value;
  }

  private replayUnsetEnv(key: string): void {
    for (const n of this.unsetEnvOf.get(key) ?? []) this.fnCtx.unsetEnv?.add(n);
  }

  variable(name: string): Value {
    this.replayUnsetEnv(`var.${name}`);
    return this.varValues.get(name) ?? new Unknown(`undefined variable "var.${name}"`);
  }

  local(name: string): Value {
    const cached = this.localCache.get(name);
    if (cached !== undefined) {
      this.replayUnsetEnv(`local.${name}`);
      return cached;
    }
    const a = this.model.locals.get(name);
    if (!a) return new Unknown(`undefined local "local.${name}"`);
    if (this.localsInProgress.has(name)) return new Unknown(`local.${name} refers to itself`);
    this.localsInProgress.add(name);
    const v = this.recordUnsetEnv(`local.${name}`, () => this.eval(a.expr, {}));
    this.localsInProgress.delete(name);
    this.localCache.set(name, v);
    return v;
  }

  data(kind: string, name: string): Value {
    const b = this.model.data.get(`${kind}.${name}`);
    if (!b) return new Unknown(`undefined data source "data.${kind}.${name}"`);
    if (kind === 'external_schema') {
      const prog = attr(b.body, 'program');
      const wd = attr(b.body, 'working_dir');
      const p = prog ? this.eval(prog.expr, {}) : null;
      const w = wd ? this.eval(wd.expr, {}) : undefined;
      if (Array.isArray(p) && p.every((x) => typeof x === 'string')) {
        this.externalSchemas[name] = { program: p as string[], workingDir: typeof w === 'string' ? w : undefined };
        return { url: `external_schema://${name}` };
      }
      return new Unknown(`data.external_schema.${name}: its program could not be evaluated statically`);
    }
    return new Unknown(`data.${kind}.${name} is computed when Atlas runs (not statically)`);
  }

  eval(e: Expr, scope: Scope): Value {
    try {
      return this.evalInner(e, scope);
    } catch (err) {
      return new Unknown(err instanceof Error ? err.message : String(err));
    }
  }

  private evalInner(e: Expr, scope: Scope): Value {
    switch (e.kind) {
      case 'literal':
        return e.value;
      case 'template': {
        let out = '';
        for (const p of e.parts) {
          if (typeof p === 'string') {
            out += p;
            continue;
          }
          const v = this.eval(p, scope);
          if (isUnknown(v)) return v;
          if (typeof v === 'object' && v !== null) return new Unknown('a template interpolation produced a list or object');
          out += v === null ? '' : String(v);
        }
        return out;
      }
      case 'traversal':
        return this.steps(this.root(e.root, e.steps, scope), e.steps.slice(consumedSteps(e.root, scope)), scope);
      case 'postfix':
        return this.steps(this.eval(e.base, scope), e.steps, scope);
      case 'call':
        return this.call(e, scope);
      case 'tuple': {
        const items = e.items.map((x) => this.eval(x, scope));
        return items.find(isUnknown) ?? items;
      }
      case 'object': {
        const out: Record<string, Value> = {};
        for (const it of e.items) {
          const k = it.key.kind === 'traversal' && it.key.steps.length === 0 ? it.key.root : this.eval(it.key, scope);
          if (isUnknown(k)) return k;
          const v = this.eval(it.value, scope);
          if (isUnknown(v)) return v;
          out[String(k)] = v;
        }
        return out;
      }
      case 'conditional': {
        const c = this.eval(e.cond, scope);
        if (isUnknown(c)) return c;
        return this.eval(c === true ? e.then : e.else, scope);
      }
      case 'unary': {
        const v = this.eval(e.operand, scope);
        if (isUnknown(v)) return v;
        return e.op === '!' ? !v : -Number(v);
      }
      case 'binary':
        return this.binary(e.op, this.eval(e.left, scope), this.eval(e.right, scope));
      case 'for':
        return this.forExpr(e, scope);
      case 'opaque':
        return new Unknown('expression not evaluated statically');
    }
  }

  private root(name: string, steps: Step[], scope: Scope): Value {
    if (scope.iter && name in scope.iter) return scope.iter[name];
    const first = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
    switch (name) {
      case 'var':
        return first ? this.variable(first) : new Unknown('var needs an attribute');
      case 'local':
        return first ? this.local(first) : new Unknown('local needs an attribute');
      case 'atlas':
        return first === 'env' ? (this.opts.atlasEnv ?? new Unknown('atlas.env is set by --env')) : new Unknown(`unknown atlas.${first}`);
      case 'each': {
        if (!scope.each) return new Unknown('each is only available in a for_each block');
        return first === 'key' ? scope.each.key : first === 'value' ? scope.each.value : new Unknown(`unknown each.${first}`);
      }
      case 'data': {
        const kind = steps[0]?.kind === 'attr' ? steps[0].name : '';
        const n = steps[1]?.kind === 'attr' ? steps[1].name : '';
        return this.data(kind, n);
      }
      case 'docker':
        return new Unknown('docker blocks run a container (Pro); not evaluated statically');
      default:
        return new Unknown(`unknown variable "${name}"`);
    }
  }

  private steps(base: Value, steps: Step[], scope: Scope): Value {
    let v = base;
    for (const s of steps) {
      if (isUnknown(v)) return v;
      if (s.kind === 'splat') return new Unknown('splat expressions are not evaluated statically');
      if (s.kind === 'attr') {
        if (!isObject(v)) return new Unknown(`cannot read .${s.name} here`);
        if (!(s.name in v)) return new Unknown(`no attribute "${s.name}"`);
        v = v[s.name];
      } else {
        const i = this.eval(s.index, scope);
        if (isUnknown(i)) return i;
        if (Array.isArray(v)) v = v[Number(i)] ?? new Unknown(`index ${String(i)} out of range`);
        else if (isObject(v)) v = v[String(i)] ?? new Unknown(`no key "${String(i)}"`);
        else return new Unknown('cannot index this value');
      }
    }
    return v;
  }

  private call(e: Extract<Expr, { kind: 'call' }>, scope: Scope): Value {
    if (e.name === 'try') {
      for (const a of e.args) {
        const v = this.eval(a, scope);
        if (!isUnknown(v)) return v;
      }
      return new Unknown('no try() argument could be evaluated');
    }
    if (e.name === 'can') return !isUnknown(this.eval(e.args[0] ?? { kind: 'opaque', children: [], range: e.range }, scope));
    const f = functions.get(e.name);
    if (!f) return new Unknown(`unknown function "${e.name}"`);
    if (!f.impl) return new Unknown(`${e.name}() is not evaluated statically`);
    let args = e.args.map((a) => this.eval(a, scope));
    const u = args.find(isUnknown);
    if (u) return u;
    if (e.expand && args.length) {
      const last = args[args.length - 1];
      if (Array.isArray(last)) args = [...args.slice(0, -1), ...last];
    }
    return f.impl(args, this.fnCtx);
  }

  private binary(op: string, l: Value, r: Value): Value {
    if (op === '&&' && l === false) return false;
    if (op === '||' && l === true) return true;
    if (isUnknown(l)) return l;
    if (isUnknown(r)) return r;
    switch (op) {
      case '==':
        return JSON.stringify(l) === JSON.stringify(r);
      case '!=':
        return JSON.stringify(l) !== JSON.stringify(r);
      case '&&':
        return l === true && r === true;
      case '||':
        return l === true || r === true;
      case '+':
        return Number(l) + Number(r);
      case '-':
        return Number(l) - Number(r);
      case '*':
        return Number(l) * Number(r);
      case '/':
        return Number(l) / Number(r);
      case '%':
        return Number(l) % Number(r);
      case '<':
        return Number(l) < Number(r);
      case '>':
        return Number(l) > Number(r);
      case '<=':
        return Number(l) <= Number(r);
      case '>=':
        return Number(l) >= Number(r);
      default:
        return new Unknown(`operator ${op}`);
    }
  }

  private forExpr(e: Extract<Expr, { kind: 'for' }>, scope: Scope): Value {
    const coll = this.eval(e.coll, scope);
    if (isUnknown(coll)) return coll;
    const entries: Array<[Value, Value]> = Array.isArray(coll) ? coll.map((v, i) => [i, v]) : isObject(coll) ? Object.entries(coll) : [];
    const outList: Value[] = [];
    const outObj: Record<string, Value> = {};
    for (const [k, v] of entries) {
      const iter = { ...scope.iter, [e.valueVar]: v, ...(e.keyVar ? { [e.keyVar]: k } : {}) };
      const s: Scope = { ...scope, iter };
      if (e.cond) {
        const c = this.eval(e.cond, s);
        if (isUnknown(c)) return c;
        if (c !== true) continue;
      }
      const val = this.eval(e.value, s);
      if (isUnknown(val)) return val;
      if (e.object) {
        const key = e.key ? this.eval(e.key, s) : k;
        if (isUnknown(key)) return key;
        if (e.group) outObj[String(key)] = [...((outObj[String(key)] as Value[] | undefined) ?? []), val];
        else outObj[String(key)] = val;
      } else outList.push(val);
    }
    return e.object ? outObj : outList;
  }
}

/** How many attribute steps a reference root consumes: var.x, local.x, each.key, atlas.env → 1; data.k.n → 2. */
function consumedSteps(root: string, scope: Scope): number {
  if (scope.iter && root in scope.iter) return 0;
  if (root === 'data' || root === 'docker') return 2;
  return ['var', 'local', 'each', 'atlas'].includes(root) ? 1 : 0;
}

/** Converts a --var string to the declared type (number, bool, list from JSON); strings stay strings. */
function convertVar(raw: string, type: Expr | undefined): Value {
  const t = type?.kind === 'traversal' ? type.root : type?.kind === 'call' ? type.name : 'string';
  if (t === 'number') return Number(raw);
  if (t === 'bool') return raw === 'true';
  if (t === 'list' || t === 'set' || t === 'map' || t === 'tuple' || t === 'object') {
    try {
      return JSON.parse(raw) as Value;
    } catch {
      return raw.split(',');
    }
  }
  return raw;
}
