// Checks an atlas.hcl against the Atlas project schema: syntax, blocks, labels, attributes, types, enums,
// required attributes, references, functions, URLs, durations. Pure: (model, options) → diagnostics.
import fs from 'node:fs';
import { attr, attributes, blocks, staticString, type Attribute, type Block, type Body, type Expr, type Range } from './ast';
import { didYouMean, type ConfigDiagnostic } from './diagnostic';
import { typeNames } from './functions';
import { compileGoRegexp } from './goRegexp';
import type { ProjectModel } from './model';
import { dataKinds, specForBlock, topBlocks, type AttrSpec, type BlockSpec } from './schema';
import { checkExpr, type ExprContext } from './validateExpr';
import { checkUrlExpr, type UrlContext } from './validateUrl';

export interface ValidateOptions {
  /** folder of atlas.hcl, for file:// checks */
  baseDir?: string;
  exists?: (p: string) => boolean;
  /** set (e.g. to the document URI) to reuse the diagnostics of top-level items kept by an incremental parse */
  cacheKey?: string;
}

const DURATION = /^(0|([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))+$|^0$/;

export function validate(model: ProjectModel, options: ValidateOptions = {}): ConfigDiagnostic[] {
  // One stat per distinct path per run (every env usually points at the same migrations folder).
  const seenPaths = new Map<string, boolean>();
  const exists = options.exists ?? fs.existsSync;
  const opts: ValidateOptions = {
    ...options,
    exists: (p) => {
      let v = seenPaths.get(p);
      if (v === undefined) seenPaths.set(p, (v = exists(p)));
      return v;
    },
  };
  const out: ConfigDiagnostic[] = model.file.syntaxErrors.map((e) => ({ range: e.range, severity: 'error' as const, message: e.message, code: 'syntax' }));
  const seen = new Map<string, Block>();
  const sig =
    options.cacheKey === undefined
      ? undefined
      : `${options.cacheKey}|${[...model.variables.keys()]}|${[...model.locals.keys()]}|${[...model.data.keys()]}|${[...model.docker.keys()]}`;
  const now = Date.now();
  for (const item of model.file.body.items) {
    if (item.kind === 'block' && item.labels.length && ['variable', 'data', 'docker'].includes(item.type)) {
      const key = `${item.type} ${item.labels.map((l) => l.value).join(' ')}`;
      if (seen.has(key))
        out.push({
          range: item.labels[item.labels.length - 1].range,
          severity: 'error',
          code: 'duplicate',
          message: `Duplicate ${item.type} "${item.labels.map((l) => l.value).join('" "')}": it is already declared on line ${seen.get(key)!.range.start.line + 1}.`,
        });
      else seen.set(key, item);
    }
    if (sig === undefined) {
      checkTopItem(item, model, opts, out);
      continue;
    }
    // Items the incremental parse kept are the same objects: reuse their diagnostics (moved with them) while the
    // declarations they may refer to are the same and the file-system checks are fresh.
    const hit = itemCache.get(item);
    if (hit && hit.sig === sig && now - hit.at < CACHE_TTL_MS) {
      const delta = item.range.start.line - hit.line;
      out.push(...(delta === 0 ? hit.diags : hit.diags.map((d) => moved(d, delta))));
      continue;
    }
    const mine: ConfigDiagnostic[] = [];
    checkTopItem(item, model, opts, mine);
    // snapshot: diagnostics share range objects with the AST, which a later incremental parse shifts in place
    itemCache.set(item, { sig, line: item.range.start.line, at: now, diags: mine.map((d) => moved(d, 0)) });
    out.push(...mine);
  }
  return out;
}

const CACHE_TTL_MS = 3000;
const itemCache = new WeakMap<object, { sig: string; line: number; at: number; diags: ConfigDiagnostic[] }>();

function moved(d: ConfigDiagnostic, delta: number): ConfigDiagnostic {
  const r = (x: Range): Range => ({
    start: { line: x.start.line + delta, character: x.start.character },
    end: { line: x.end.line + delta, character: x.end.character },
  });
  const out: ConfigDiagnostic = { ...d, range: r(d.range) };
  if ('fix' in d) out.fix = d.fix && { ...d.fix, range: r(d.fix.range) };
  return out;
}

function checkTopItem(item: Attribute | Block, model: ProjectModel, opts: ValidateOptions, out: ConfigDiagnostic[]): void {
  if (item.kind === 'attribute') {
    out.push({
      range: item.nameRange,
      severity: 'error',
      code: 'unknown-attribute',
      message: `Unsupported argument "${item.name}": atlas.hcl has no top-level attributes; put it in a block (locals, variable, env …).`,
    });
    return;
  }
  const spec = specForBlock(
    item.type,
    item.labels.map((l) => l.value),
    undefined,
  );
  if (!spec) {
    if (item.type === 'data' && item.labels[0])
      out.push(
        didYouMean(
          `Unknown data source kind "${item.labels[0].value}".`,
          item.labels[0].range,
          item.labels[0].value,
          Object.keys(dataKinds),
          'unknown-block',
          'error',
          (s) => `"${s}"`,
        ),
      );
    else
      out.push(
        didYouMean(
          `Unknown block type "${item.type}".`,
          item.typeRange,
          item.type,
          topBlocks.map((b) => b.name),
          'unknown-block',
        ),
      );
    return;
  }
  checkLabels(item, item.type === 'data' && item.labels.length >= 1 ? { ...spec, labels: ['kind', 'name'], labelEnum: undefined } : spec, out);
  if (item.type === 'env' && item.labels.length === 0 && !attr(item.body, 'name')) {
    out.push({
      range: item.typeRange,
      severity: 'warning',
      code: 'missing-required',
      message:
        'This env has no name: give it a label (env "local" { … }) or a name attribute (name = atlas.env). When --env matches no labelled env, Atlas stops with "all envs must have names".',
    });
  }
  if (item.type === 'variable') checkDefault(item, out);
  const hasEach = !!attr(item.body, 'for_each');
  const envAttrs = item.type === 'env' ? new Set(['url', 'dev', 'src', 'schema.src', 'migration.dir', ...attributes(item.body).map((a) => a.name)]) : undefined;
  checkBlock(item, spec, model, { ...opts, envUrl: item.type === 'env' ? staticOf(item.body, 'url') : undefined, envAttrs }, hasEach, out);
}

function staticOf(body: Body, name: string): string | undefined {
  const a = attr(body, name);
  return a ? staticString(a.expr) : undefined;
}

function checkLabels(b: Block, spec: BlockSpec, out: ConfigDiagnostic[]): void {
  const want = spec.labels ?? [];
  const n = b.labels.length;
  if (n > want.length || (n < want.length && !spec.optionalLabels)) {
    const what = want.length === 0 ? 'no labels' : `${want.length} label${want.length > 1 ? 's' : ''} (${want.join(', ')})`;
    out.push({
      range: n > want.length ? b.labels[want.length].range : b.typeRange,
      severity: 'error',
      code: 'labels',
      message: `Block "${b.type}" takes ${what}; found ${n}.`,
    });
  }
  if (spec.labelEnum && b.labels[0] && !spec.labelEnum.includes(b.labels[0].value)) {
    out.push(
      didYouMean(
        `Invalid ${want[0] ?? 'label'} "${b.labels[0].value}" for block "${b.type}"; expected one of ${spec.labelEnum.join(', ')}.`,
        b.labels[0].range,
        b.labels[0].value,
        spec.labelEnum,
        'labels',
        'error',
        (s) => `"${s}"`,
      ),
    );
  }
}

/** inPro: inside a block documented only for Atlas Pro, whose full set of keys cannot be checked against Atlas's source. */
type CheckOptions = ValidateOptions & UrlContext & { envAttrs?: Set<string>; inPro?: boolean };

function checkBlock(b: Block, spec: BlockSpec, model: ProjectModel, opts: CheckOptions, hasEach: boolean, out: ConfigDiagnostic[]): void {
  const pro = !!(opts.inPro || spec.pro);
  if (pro !== !!opts.inPro) opts = { ...opts, inPro: pro };
  if (spec.pro)
    out.push({
      range: b.typeRange,
      severity: 'hint',
      code: 'pro',
      message: `${describe(b)} is an Atlas Pro feature: accepted here, but Atlas Workbench's engine does not run it.`,
    });
  const names = new Map<string, Attribute>();
  for (const a of attributes(b.body)) {
    const prev = names.get(a.name);
    if (prev)
      out.push({
        range: a.nameRange,
        severity: 'error',
        code: 'duplicate',
        message: `Attribute "${a.name}" is already set on line ${prev.range.start.line + 1}.`,
      });
    names.set(a.name, a);
    const as = spec.attrs?.find((x) => x.name === a.name);
    const ctx: ExprContext = {
      model,
      hasEach,
      bare: as?.enum || (!as && !spec.anyAttrs && !spec.lenientAttrs) ? 'any' : as?.type === 'type' ? typeNames : undefined,
    };
    if (!as && !spec.anyAttrs) {
      const known = (spec.attrs ?? []).map((x) => x.name);
      if (spec.lenientAttrs)
        out.push(
          didYouMean(
            `Unknown attribute "${a.name}" in ${describe(b)}: Atlas passes it on as an input variable.`,
            a.nameRange,
            a.name,
            known,
            'unknown-attribute',
            'warning',
          ),
        );
      else if (pro) out.push(unknownProAttr(a, b, known));
      else out.push(didYouMean(`Unsupported argument "${a.name}" in ${describe(b)}.`, a.nameRange, a.name, known, 'unknown-attribute'));
    }
    checkExpr(a.expr, ctx, out);
    if (as) checkAttr(a, as, b, opts, out);
  }
  for (const r of spec.attrs ?? []) {
    if (!r.required || names.has(r.name)) continue;
    if (b.type === 'hcl_schema') continue;
    const placeholder =
      r.type === 'type' ? 'string' : r.type === 'list' || r.type === 'string_or_list' ? '[]' : r.type === 'bool' ? 'false' : r.type === 'number' ? '0' : '""';
    const indent = ' '.repeat(b.range.start.character + 2);
    out.push({
      range: b.typeRange,
      severity: 'error',
      code: 'missing-required',
      message: `Missing required argument "${r.name}" in ${describe(b)}: ${r.doc}`,
      // multi-line block: a new first line inside it; one-line block: right after the brace
      fix:
        b.range.end.line > b.innerRange.start.line
          ? {
              title: `Add "${r.name}"`,
              range: { start: { line: b.innerRange.start.line + 1, character: 0 }, end: { line: b.innerRange.start.line + 1, character: 0 } },
              newText: `${indent}${r.name} = ${placeholder}\n`,
            }
          : { title: `Add "${r.name}"`, range: { start: b.innerRange.start, end: b.innerRange.start }, newText: ` ${r.name} = ${placeholder}` },
    });
  }
  if (b.type === 'data' && b.labels[0]?.value === 'hcl_schema' && !names.has('path') && !names.has('paths')) {
    out.push({ range: b.typeRange, severity: 'error', code: 'missing-required', message: 'data "hcl_schema" needs "path" or "paths".' });
  }
  for (const sub of blocks(b.body)) {
    const subSpec = specForBlock(
      sub.type,
      sub.labels.map((l) => l.value),
      spec,
    );
    if (!subSpec) {
      const known = (spec.blocks ?? []).map((x) => x.name);
      if (spec.anyBlocks && !known.some((k) => k !== sub.type && closeEnough(sub.type, k))) {
        checkFreeForm(sub, model, hasEach, out);
        continue;
      }
      out.push(
        didYouMean(`Unknown block "${sub.type}" in ${describe(b)}.`, sub.typeRange, sub.type, known, 'unknown-block', spec.lenientAttrs ? 'warning' : 'error'),
      );
      continue;
    }
    checkLabels(sub, subSpec, out);
    checkBlock(sub, subSpec, model, opts, hasEach, out);
  }
}

/**
 * An attribute Atlas Workbench does not know in a Pro-only block: a likely typo of a known one is a warning with the
 * fix; anything else is a hint, since Atlas Pro may accept keys its public source and docs do not show.
 */
function unknownProAttr(a: Attribute, b: Block, known: string[]): ConfigDiagnostic {
  const d = didYouMean(`Unknown attribute "${a.name}" in ${describe(b)}.`, a.nameRange, a.name, known, 'unknown-attribute', 'warning');
  if (d.fix) return d;
  return {
    ...d,
    severity: 'hint',
    message: `${d.message.slice(0, -1)}: not one of the keys Atlas Workbench knows for this Atlas Pro block (${known.join(', ')}); not checked.`,
  };
}

/** Blocks we have no schema for (Pro additions): still check their references and function calls. */
function checkFreeForm(b: Block, model: ProjectModel, hasEach: boolean, out: ConfigDiagnostic[]): void {
  for (const a of attributes(b.body)) checkExpr(a.expr, { model, hasEach }, out);
  for (const sub of blocks(b.body)) checkFreeForm(sub, model, hasEach, out);
}

function closeEnough(a: string, b: string): boolean {
  return didYouMean('', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, a, [b], '').fix !== undefined;
}

function describe(b: Block): string {
  return b.labels.length ? `${b.type} "${b.labels.map((l) => l.value).join('" "')}"` : `block "${b.type}"`;
}

function exprShape(e: Expr): 'string' | 'number' | 'bool' | 'list' | 'object' | 'null' | undefined {
  if (e.kind === 'literal') return e.value === null ? 'null' : typeof e.value === 'string' ? 'string' : typeof e.value === 'number' ? 'number' : 'bool';
  if (e.kind === 'template') return 'string';
  if (e.kind === 'tuple' || (e.kind === 'for' && !e.object)) return 'list';
  if (e.kind === 'object' || (e.kind === 'for' && e.object)) return 'object';
  return undefined;
}

function checkAttr(a: Attribute, spec: AttrSpec, b: Block, opts: CheckOptions, out: ConfigDiagnostic[]): void {
  const shape = exprShape(a.expr);
  const bad = (want: string) =>
    out.push({ range: a.expr.range, severity: 'error', code: 'type', message: `Incorrect value type for "${a.name}": ${want} is required.` });
  switch (spec.type) {
    case 'string':
    case 'template':
    case 'duration':
      if (shape === 'list' || shape === 'object') bad('a string');
      break;
    case 'number':
      if (shape === 'list' || shape === 'object' || shape === 'bool' || (shape === 'string' && Number.isNaN(Number(staticString(a.expr))))) bad('a number');
      break;
    case 'bool':
      if (shape === 'list' || shape === 'object' || shape === 'number' || (shape === 'string' && !['true', 'false'].includes(staticString(a.expr) ?? 'true')))
        bad('a bool (true or false)');
      break;
    case 'list':
      if (shape === 'string' || shape === 'number' || shape === 'bool' || shape === 'object') bad('a list');
      break;
    case 'string_or_list':
      if (shape === 'object' || shape === 'number' || shape === 'bool') bad('a string or a list of strings');
      break;
    case 'map':
      if (shape === 'list' || shape === 'string' || shape === 'number' || shape === 'bool') bad('a map');
      break;
    case 'type': {
      const e = a.expr;
      const ok =
        (e.kind === 'traversal' && e.steps.length === 0 && typeNames.has(e.root)) ||
        (e.kind === 'call' && ['list', 'set', 'map', 'tuple', 'object'].includes(e.name));
      if (!ok && e.kind !== 'traversal' && e.kind !== 'call')
        out.push({
          range: e.range,
          severity: 'error',
          code: 'type',
          message: 'A variable type is a type name: string, number, bool, list(string), map(string), set(…), object({…}) or any.',
        });
      else if (!ok && e.kind === 'traversal' && e.steps.length === 0) out.push(didYouMean(`Unknown type "${e.root}".`, e.range, e.root, typeNames, 'type'));
      break;
    }
    default:
      break;
  }
  if (spec.enum) checkEnum(a, spec, !!(opts.inPro || spec.pro), out);
  if (spec.type === 'duration') {
    const s = staticString(a.expr);
    if (s !== undefined && !DURATION.test(s))
      out.push({
        range: a.expr.range,
        severity: 'error',
        code: 'duration',
        message: `Invalid duration "${s}" for ${a.name}: use a Go duration such as "10s", "1m30s" or "500ms".`,
      });
  }
  if (spec.regexp) {
    const re = staticString(a.expr);
    const compiled = re === undefined ? undefined : compileGoRegexp(re);
    if (compiled && !compiled.ok)
      out.push({ range: a.expr.range, severity: 'error', code: 'regexp', message: `Invalid regular expression for ${a.name}: ${compiled.error}.` });
  }
  if (spec.url) checkUrlExpr(a.expr, spec.url, a.name, { baseDir: opts.baseDir, exists: opts.exists, envUrl: b.type === 'env' ? opts.envUrl : undefined }, out);
  const s = staticString(a.expr);
  if (spec.url && s?.startsWith('env://')) {
    const target = s.slice('env://'.length);
    if (!opts.envAttrs)
      out.push({
        range: a.expr.range,
        severity: 'error',
        code: 'env-url',
        message: `env:// URLs refer to attributes of the selected env and work only inside an env block.`,
      });
    else if (!opts.envAttrs.has(target))
      out.push(
        didYouMean(
          `"${s}" refers to "${target}", which this env does not set (url, dev, src, schema.src, migration.dir or one of its own attributes).`,
          a.expr.range,
          target,
          opts.envAttrs,
          'env-url',
          'error',
          (x) => `"env://${x}"`,
        ),
      );
  }
}

/** `default` must fit a simple declared `type` (string, number, bool, list/set/map). */
function checkDefault(b: Block, out: ConfigDiagnostic[]): void {
  const t = attr(b.body, 'type')?.expr;
  const d = attr(b.body, 'default');
  if (!t || !d) return;
  const type = t.kind === 'traversal' && t.steps.length === 0 ? t.root : t.kind === 'call' ? t.name : undefined;
  const shape = exprShape(d.expr);
  if (!type || !shape || shape === 'null' || type === 'any') return;
  const fits: Record<string, string[]> = {
    string: ['string', 'number', 'bool'],
    number: ['number'],
    bool: ['bool'],
    list: ['list'],
    set: ['list'],
    tuple: ['list'],
    map: ['object'],
    object: ['object'],
  };
  const ok = fits[type];
  if (
    ok &&
    !ok.includes(shape) &&
    !(
      shape === 'string' &&
      (type === 'number' || type === 'bool') &&
      staticString(d.expr) !== undefined &&
      (type === 'bool' ? ['true', 'false'].includes(staticString(d.expr)!) : !Number.isNaN(Number(staticString(d.expr))))
    )
  ) {
    out.push({
      range: d.expr.range,
      severity: 'error',
      code: 'type',
      message: `The default value does not match the variable's type ${type}: a ${shape === 'object' ? 'map/object' : shape} was given.`,
    });
  }
}

/** pro: values of Pro-only enums come from Atlas's docs, not its source: a value outside them is a warning. */
function checkEnum(a: Attribute, spec: AttrSpec, pro: boolean, out: ConfigDiagnostic[]): void {
  const e = a.expr;
  const value = e.kind === 'traversal' && e.steps.length === 0 ? e.root : staticString(e);
  if (value === undefined) return;
  const allowed = [...spec.enum!, ...(spec.enumAliases ?? [])];
  if (allowed.some((x) => x.toLowerCase() === value.toLowerCase())) return;
  const quoted = e.kind !== 'traversal';
  out.push(
    didYouMean(
      `Invalid value "${value}" for ${a.name}; expected one of ${spec.enum!.join(', ')}.`,
      e.range,
      value,
      allowed,
      'enum',
      pro ? 'warning' : 'error',
      (s) => (quoted ? `"${s}"` : s),
    ),
  );
}
