// Resolves the envs of an atlas.hcl into ResolvedEnv values (what engine commands consume) and lists them for the sidebar.
import fs from 'node:fs';
import path from 'node:path';
import { maskUrl } from '../db/url';
import { rememberUrl } from '../secrets';
import { attr, attributes, blocks, type Block, type Expr, type Range } from './ast';
import { environWithDotenv, findEnvFile } from './dotenv';
import { Evaluator, type Scope } from './evaluate';
import { isObject, isUnknown, type Value } from './functions';
import { buildModel, type ProjectModel } from './model';
import { parseHcl, release } from './parser';
import { envBlock } from './schema';
import type { LintConfig, ResolvedEnv, ResolveOptions } from './types';
import { unsetGetenvReason } from './unsetGetenv';

export class ConfigError extends Error {}

export interface LoadedProject {
  configPath: string;
  text: string;
  model: ProjectModel;
}

export async function loadProject(configPath: string): Promise<LoadedProject> {
  let text: string;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError(`open ${configPath}: no such file or directory`);
    throw new ConfigError(`reading ${configPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const doc = await parseHcl(text);
  const first = doc.file.syntaxErrors[0];
  release(doc);
  if (first) throw new ConfigError(`${path.basename(configPath)}:${first.range.start.line + 1},${first.range.start.character + 1}: ${first.message}`);
  return { configPath, text, model: buildModel(doc.file) };
}

export interface EnvInstance {
  block: Block;
  name?: string;
  each?: Scope['each'];
  unresolved?: string;
}

/** Expands for_each and evaluates names. */
export function envInstances(model: ProjectModel, ev: Evaluator): EnvInstance[] {
  const out: EnvInstance[] = [];
  for (const b of model.envs) {
    const fe = attr(b.body, 'for_each');
    const eaches: Array<Scope['each'] | undefined> = [];
    let unresolved: string | undefined;
    if (fe) {
      const v = ev.eval(fe.expr, {});
      if (Array.isArray(v)) for (const x of v) eaches.push({ key: x, value: x });
      else if (isObject(v)) for (const [k, x] of Object.entries(v)) eaches.push({ key: k, value: x });
      else {
        unresolved = isUnknown(v) ? v.reason : 'for_each must be a set, list or map';
        eaches.push(undefined);
      }
    } else eaches.push(undefined);
    for (const each of eaches) {
      let name = b.labels[0]?.value;
      const n = attr(b.body, 'name');
      if (!name && n) {
        const v = ev.eval(n.expr, { each });
        if (typeof v === 'string') name = v;
      }
      out.push({ block: b, name, each, unresolved });
    }
  }
  return out;
}

function selectEnvs(model: ProjectModel, ev: Evaluator, name: string): EnvInstance[] {
  const all = envInstances(model, ev);
  const labelled = all.filter((i) => i.block.labels.length > 0 && i.name === name);
  return labelled.length ? labelled : all.filter((i) => i.block.labels.length === 0 && i.name === name);
}

export async function resolveEnv(opts: ResolveOptions): Promise<ResolvedEnv[]> {
  const configPath = path.resolve(opts.configPath);
  const project = await loadProject(configPath);
  const ev = evaluatorFor(project, opts);
  if (ev.missingVars.length) throw new ConfigError(`missing value for required variable "${ev.missingVars[0]}"`);
  let instances: EnvInstance[];
  if (opts.env !== undefined) {
    instances = selectEnvs(project.model, ev, opts.env);
    if (instances.length === 0) throw new ConfigError(`env "${opts.env}" not defined in project file`);
  } else instances = envInstances(project.model, ev);
  const envs = instances.map((i) => resolveInstance(project, ev, i));
  // Passwords of the resolved URLs (literal or from getenv) are secrets for every output from now on.
  for (const e of envs) for (const u of [e.url, e.devUrl, ...e.src]) if (u !== undefined) rememberUrl(u);
  return envs;
}

function evaluatorFor(project: LoadedProject, opts: Pick<ResolveOptions, 'env' | 'vars' | 'environ' | 'dotenvPath'>): Evaluator {
  const baseDir = path.dirname(project.configPath);
  const dotenv = opts.dotenvPath ?? findEnvFile(baseDir, undefined);
  return new Evaluator(project.model, { baseDir, environ: environWithDotenv(opts.environ ?? process.env, dotenv), vars: opts.vars, atlasEnv: opts.env });
}

const isUrl = (s: string) => /^[A-Za-z][A-Za-z0-9+._-]*:\/\//.test(s);

export function resolveInstance(project: LoadedProject, ev: Evaluator, inst: EnvInstance): ResolvedEnv {
  const baseDir = path.dirname(project.configPath);
  const scope: Scope = { each: inst.each };
  const unresolved: Record<string, string> = {};
  const unsetGetenv: Record<string, string[]> = {};
  if (inst.unresolved) unresolved.for_each = inst.unresolved;
  const body = inst.block.body;
  const value = (b: Block['body'], name: string, key: string): Value | undefined => {
    const a = attr(b, name);
    if (!a) return undefined;
    const { value: v, unsetEnv } = ev.noteUnsetEnv(() => enumOrEval(ev, a.expr, scope));
    if (unsetEnv.length) {
      unsetGetenv[key] = unsetEnv;
      for (const n of unsetEnv) unresolved[`getenv.${n}`] = unsetGetenvReason([n]);
    }
    if (isUnknown(v)) {
      unresolved[key] = v.reason;
      return undefined;
    }
    return v;
  };
  const string = (b: Block['body'], name: string, key: string): string | undefined => {
    const v = value(b, name, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    unresolved[key] = `${key} must be a string`;
    return undefined;
  };
  const strings = (b: Block['body'], name: string, key: string): string[] | undefined => {
    const v = value(b, name, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return [v];
    if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : isObject(x) && typeof x.url === 'string' ? x.url : String(x)));
    if (isObject(v) && typeof v.url === 'string') return [v.url];
    unresolved[key] = `${key} must be a string or a list of strings`;
    return undefined;
  };

  const migration = blocks(body, 'migration')[0]?.body;
  const schemaBlock = blocks(body, 'schema')[0]?.body;
  let src = strings(body, 'src', 'src') ?? (schemaBlock ? strings(schemaBlock, 'src', 'schema.src') : undefined) ?? [];
  const env: ResolvedEnv = {
    configPath: project.configPath,
    name: inst.name,
    url: string(body, 'url', 'url'),
    devUrl: string(body, 'dev', 'dev'),
    src: [],
    schemas: strings(body, 'schemas', 'schemas') ?? [],
    exclude: strings(body, 'exclude', 'exclude') ?? [],
    migration: {},
    lint: resolveLint(ev, scope, blocks(project.model.file.body, 'lint')[0], blocks(body, 'lint')[0]),
    diff: resolveDiff(ev, scope, blocks(project.model.file.body, 'diff')[0], blocks(body, 'diff')[0]),
    format: {},
    externalSchemas: {},
    extra: {},
    unresolved,
  };
  if (migration) {
    const m = env.migration;
    m.dir = string(migration, 'dir', 'migration.dir');
    m.format = string(migration, 'format', 'migration.format');
    m.baseline = string(migration, 'baseline', 'migration.baseline');
    const order = string(migration, 'exec_order', 'migration.exec_order');
    m.execOrder = order?.toLowerCase().replace(/_/g, '-');
    m.lockTimeout = string(migration, 'lock_timeout', 'migration.lock_timeout');
    m.revisionsSchema = string(migration, 'revisions_schema', 'migration.revisions_schema');
    m.exclude = strings(migration, 'exclude', 'migration.exclude');
    for (const k of Object.keys(m) as Array<keyof typeof m>) if (m[k] === undefined) delete m[k];
  }
  const known = new Set((envBlock.attrs ?? []).map((a) => a.name));
  for (const a of attributes(body)) {
    if (known.has(a.name)) continue;
    const v = value(body, a.name, a.name);
    if (v !== undefined) env.extra[a.name] = v;
  }
  for (const f of [...blocks(body, 'format'), ...blocks(body, 'log')]) {
    for (const group of blocks(f.body))
      for (const a of attributes(group.body)) {
        const v = string(group.body, a.name, `format.${group.type}.${a.name}`);
        if (v !== undefined) env.format[`${group.type}.${a.name}`] = v;
      }
  }
  // env:// URLs refer to other attributes of the selected env.
  const envRef = (u: string | undefined, key: string): string | undefined => {
    if (!u?.startsWith('env://')) return u;
    const target = u.slice('env://'.length);
    const resolved =
      target === 'url'
        ? env.url
        : target === 'dev'
          ? env.devUrl
          : target === 'src' || target === 'schema.src'
            ? src[0]
            : target === 'migration.dir'
              ? env.migration.dir
              : typeof env.extra[target] === 'string'
                ? (env.extra[target] as string)
                : undefined;
    if (resolved === undefined || resolved.startsWith('env://')) {
      unresolved[key] = `${u} does not name a resolvable attribute of env "${inst.name ?? ''}"`;
      return undefined;
    }
    return resolved;
  };
  env.url = envRef(env.url, 'url');
  env.devUrl = envRef(env.devUrl, 'dev');
  if (env.migration.dir) env.migration.dir = envRef(env.migration.dir, 'migration.dir');
  src = src.map((s) => envRef(s, 'src')).filter((s): s is string => s !== undefined);
  env.src = src.map((s) => (isUrl(s) ? s : `file://${path.resolve(baseDir, s)}`));
  for (const [name, e] of Object.entries(ev.externalSchemas)) if (env.src.includes(`external_schema://${name}`)) env.externalSchemas[name] = e;
  if (Object.keys(unsetGetenv).length) env.unsetGetenv = unsetGetenv;
  if (env.url === undefined) delete env.url;
  if (env.devUrl === undefined) delete env.devUrl;
  return env;
}

/** Enum attributes accept bare identifiers (`exec_order = LINEAR_SKIP`). */
function enumOrEval(ev: Evaluator, e: Expr, scope: Scope): Value {
  if (e.kind === 'traversal' && e.steps.length === 0) return e.root;
  return ev.eval(e, scope);
}

function resolveLint(ev: Evaluator, scope: Scope, global: Block | undefined, local: Block | undefined): LintConfig {
  const read = (b: Block | undefined): LintConfig & { hasAnalyzers: boolean } => {
    const out: LintConfig & { hasAnalyzers: boolean } = { analyzers: {}, hasAnalyzers: false };
    if (!b) return out;
    const get = (name: string) => {
      const a = attr(b.body, name);
      return a ? enumOrEval(ev, a.expr, scope) : undefined;
    };
    const latest = get('latest');
    if (typeof latest === 'number') out.latest = latest;
    const format = get('format') ?? get('log');
    if (typeof format === 'string') out.format = format;
    const review = get('review');
    if (typeof review === 'string') out.review = review;
    for (const sub of blocks(b.body)) {
      const vals: Record<string, unknown> = {};
      for (const a of attributes(sub.body)) {
        const v = ev.eval(a.expr, scope);
        if (!isUnknown(v)) vals[a.name] = v;
      }
      // nested blocks (naming { index { match, message } }) become objects of their attributes
      for (const nested of blocks(sub.body)) {
        const inner: Record<string, unknown> = {};
        for (const a of attributes(nested.body)) {
          const v = ev.eval(a.expr, scope);
          if (!isUnknown(v)) inner[a.name] = v;
        }
        vals[nested.type] = inner;
      }
      if (sub.type === 'git') out.git = { base: vals.base as string | undefined, dir: vals.dir as string | undefined };
      else {
        out.analyzers[sub.type] = vals;
        out.hasAnalyzers = true;
      }
    }
    return out;
  };
  const g = read(global);
  const l = read(local);
  const merged: LintConfig = {
    analyzers: l.hasAnalyzers ? l.analyzers : g.analyzers,
    format: l.format ?? g.format,
    review: l.review ?? g.review,
  };
  if (l.latest !== undefined || l.git) {
    merged.latest = l.latest;
    merged.git = l.git;
  } else {
    merged.latest = g.latest;
    merged.git = g.git;
  }
  for (const k of ['latest', 'git', 'format', 'review'] as const) if (merged[k] === undefined) delete merged[k];
  return merged;
}

function resolveDiff(ev: Evaluator, scope: Scope, global: Block | undefined, local: Block | undefined): ResolvedEnv['diff'] {
  const out: ResolvedEnv['diff'] = { skip: {} };
  for (const b of [global, local]) {
    if (!b) continue;
    for (const sub of blocks(b.body)) {
      for (const a of attributes(sub.body)) {
        const v = ev.eval(a.expr, scope);
        if (typeof v !== 'boolean') continue;
        if (sub.type === 'skip') out.skip[a.name] = v;
        else if (sub.type === 'concurrent_index') (out.concurrentIndex ??= {})[a.name as 'add' | 'create' | 'drop'] = v;
      }
    }
  }
  return out;
}

export interface EnvListing {
  name: string;
  /** range of the env block in atlas.hcl */
  range: Range;
  /** masked (password → ****) */
  url?: string;
  dev?: string;
  src: string[];
  migrationDir?: string;
  migrationFormat?: string;
  /** attribute → why it could not be resolved statically */
  unresolved: Record<string, string>;
}

/** All env instances of a project file, with masked URLs, for the sidebar. Never throws on bad content. */
export async function listEnvs(configPath: string, opts: Omit<ResolveOptions, 'configPath' | 'env'> = {}): Promise<EnvListing[]> {
  const project = await loadProject(path.resolve(configPath));
  const ev = evaluatorFor(project, opts);
  const out: EnvListing[] = [];
  for (const inst of envInstances(project.model, ev)) {
    // atlas.env is the env's own name when the env is selected by it.
    const evFor = inst.name === undefined ? ev : new Evaluator(project.model, { ...ev.opts, atlasEnv: inst.name });
    const name = inst.name ?? (attr(inst.block.body, 'name') ? 'atlas.env' : '(unnamed)');
    evFor.fnCtx.unsetEnv?.clear();
    const r = resolveInstance(project, evFor, inst);
    for (const n of evFor.fnCtx.unsetEnv ?? []) r.unresolved[`getenv.${n}`] = unsetGetenvReason([n]);
    for (const v of ev.missingVars) r.unresolved[`var.${v}`] = `missing value for required variable "${v}"`;
    out.push({
      name,
      range: inst.block.range,
      url: r.url && maskUrl(r.url),
      dev: r.devUrl && maskUrl(r.devUrl),
      src: r.src.map(maskUrl),
      migrationDir: r.migration.dir,
      migrationFormat: r.migration.format,
      unresolved: r.unresolved,
    });
  }
  return out;
}
