// Atlas HCL schema files (`schema.pg.hcl`, or every .hcl file of a folder, read as one) → SQL DDL. Like Atlas,
// the desired state is normalised by running it on the dev database and inspecting the result, so this only has
// to produce valid PostgreSQL, in an order that respects the kinds' dependencies (the caller retries statements
// that need an object created later, e.g. views on views). Blocks: schema, extension, enum, domain, composite,
// sequence, table (see hclSchemaTable.ts), view, materialized, function, procedure, trigger, policy; variables,
// locals and for_each. Unknown blocks are reported with their position, never silently dropped.
import { blocks } from '../config/ast';
import { parseHcl } from '../config/parser';
import { HclCtx, HclSchemaError, type Inst } from './hclSchemaEval';
import { objectsSql } from './hclSchemaObjects';
import { tableSql } from './hclSchemaTable';
import { TOP_BLOCKS } from './hclSpec';
import { lit, q } from './sqlText';

export { HclSchemaError };

/** The top-level blocks this loader reads: every one of the language's (hclSpec.ts) but those marked `notLoaded`. */
const SUPPORTED = new Set<string>(TOP_BLOCKS.filter((b) => !b.notLoaded).map((b) => b.name));

export interface HclSchemaFile {
  file: string;
  text: string;
}

export interface HclSchemaOptions {
  /** the dev connection's schema; a single-schema state is then created unqualified in it */
  schemaScope?: string;
  /** values of `variable` blocks (strings, converted to the declared type) */
  vars?: Record<string, string>;
}

/** `schemaScope`: the dev connection's schema; a single-schema file is then created unqualified in it. */
export async function hclSchemaToSql(text: string, file: string, schemaScope?: string): Promise<string> {
  const stmts = await hclSchemaStatements([{ file, text }], { schemaScope });
  return stmts.map((s) => `${s};\n`).join('');
}

/** The statements that create the state of one or more HCL schema files, in dependency-respecting order. */
export async function hclSchemaStatements(files: HclSchemaFile[], opts: HclSchemaOptions = {}): Promise<string[]> {
  const bodies = [];
  for (const f of files) {
    const doc = await parseHcl(f.text);
    if (doc.file.syntaxErrors.length) {
      const e = doc.file.syntaxErrors[0];
      throw new HclSchemaError(`${f.file}:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}`);
    }
    for (const b of blocks(doc.file.body))
      if (!SUPPORTED.has(b.type))
        throw new HclSchemaError(`${f.file}:${b.range.start.line + 1}: "${b.type}" blocks are not supported in HCL schemas by atlas-wb; use SQL schema files`);
    bodies.push({ file: f.file, body: doc.file.body });
  }
  const ctx = new HclCtx(bodies, opts.vars);
  const schemaInsts = ctx.top('schema');
  const schemaOf = (i: Inst): string => {
    const r = ctx.ref(i, 'schema');
    if (r) return r[r.length - 1];
    const on = ctx.ref(i, 'on');
    if (on && on.length > 2 && on[0] === 'table') return on[1];
    return ctx.qualifier(i) ?? schemaInsts[0]?.name ?? 'public';
  };
  const tables = ctx.top('table');
  for (const k of ['table', 'view', 'materialized']) for (const i of ctx.top(k)) if (!ctx.qualifier(i)) ctx.relSchema.set(i.name, schemaOf(i));
  const schemas = [...new Set([...schemaInsts.map((s) => s.name), ...tables.map(schemaOf)])];
  const unqualified = opts.schemaScope !== undefined && schemas.length <= 1;
  const name = (schema: string, n: string) => (unqualified ? q(n) : `${q(schema)}.${q(n)}`);
  const types = new Map<string, string>();
  for (const k of ['enum', 'domain', 'composite']) for (const i of ctx.top(k)) types.set(`${k}.${i.name}`, schemaOf(i));
  const typeName = (kind: string, n: string) => name(types.get(`${kind}.${n}`) ?? schemas[0] ?? 'public', n);

  const out: string[] = [];
  if (!unqualified) for (const s of schemas) out.push(`CREATE SCHEMA IF NOT EXISTS ${q(s)}`);
  for (const e of ctx.top('extension')) {
    const s = ctx.ref(e, 'schema');
    const v = ctx.str(e, 'version');
    out.push(`CREATE EXTENSION IF NOT EXISTS ${q(e.name)}${s && !unqualified ? ` SCHEMA ${q(s[s.length - 1])}` : ''}${v ? ` VERSION ${lit(v)}` : ''}`);
  }
  const objs = objectsSql(ctx, schemaOf, name, typeName);
  out.push(...objs.types, ...objs.sequences, ...objs.functions);
  const built = tables.map((t) => tableSql(ctx, t, schemaOf(t), name, typeName));
  out.push(...built.map((b) => b.create), ...built.flatMap((b) => b.after), ...built.flatMap((b) => b.fks));
  out.push(...objs.views, ...objs.attach);
  for (const s of schemaInsts) {
    const c = ctx.str(s, 'comment');
    if (c !== undefined && !unqualified) out.push(`COMMENT ON SCHEMA ${q(s.name)} IS ${lit(c)}`);
  }
  return out;
}
