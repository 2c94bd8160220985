// The non-table blocks of an Atlas HCL schema → SQL: enum, domain, composite, sequence, extension, view,
// materialized, function/procedure, trigger, policy. Definitions given as SQL (`as`) are used as written.
import { lit, q } from './sqlText';
import { type HclCtx, type Inst } from './hclSchemaEval';
import { indexSql, sqlDefault, sqlType, tableRef, type Namer } from './hclSchemaTable';

export interface Phased {
  types: string[];
  sequences: string[];
  functions: string[];
  views: string[];
  attach: string[];
}

type TypeName = (kind: string, name: string) => string;

const comment = (ctx: HclCtx, i: Inst, what: string, out: string[]) => {
  const c = ctx.str(i, 'comment');
  if (c !== undefined) out.push(`COMMENT ON ${what} IS ${lit(c)}`);
};

export function objectsSql(ctx: HclCtx, schemaOf: (i: Inst) => string, name: Namer, typeName: TypeName): Phased {
  const out: Phased = { types: [], sequences: [], functions: [], views: [], attach: [] };
  for (const e of ctx.top('enum')) {
    const n = name(schemaOf(e), e.name);
    out.types.push(`CREATE TYPE ${n} AS ENUM (${ctx.strings(e, 'values').map(lit).join(', ')})`);
    comment(ctx, e, `TYPE ${n}`, out.attach);
  }
  for (const d of ctx.top('domain')) {
    const n = name(schemaOf(d), d.name);
    let s = `CREATE DOMAIN ${n} AS ${sqlType(ctx, d, ctx.expr(d, 'type'), typeName)}`;
    const collate = ctx.str(d, 'collate');
    if (collate !== undefined) s += ` COLLATE ${q(collate)}`;
    const def = ctx.expr(d, 'default');
    if (def) s += ` DEFAULT ${sqlDefault(ctx, d, def)}`;
    if (ctx.bool(d, 'null') === false) s += ' NOT NULL';
    for (const c of ctx.nested(d, 'check')) s += `${c.block.labels[0] ? ` CONSTRAINT ${q(c.name)}` : ''} CHECK (${ctx.str(c, 'expr')})`;
    out.types.push(s);
    comment(ctx, d, `DOMAIN ${n}`, out.attach);
  }
  for (const c of ctx.top('composite')) {
    const n = name(schemaOf(c), c.name);
    const fields = ctx.nested(c, 'field').map((f) => `${q(f.name)} ${sqlType(ctx, f, ctx.expr(f, 'type'), typeName)}`);
    out.types.push(`CREATE TYPE ${n} AS (${fields.join(', ')})`);
    comment(ctx, c, `TYPE ${n}`, out.attach);
  }
  for (const s of ctx.top('sequence')) {
    const n = name(schemaOf(s), s.name);
    const opt = (k: string, kw: string) => (ctx.value(s, k) !== undefined ? ` ${kw} ${ctx.value(s, k)}` : '');
    const type = ctx.expr(s, 'type') ? ` AS ${sqlType(ctx, s, ctx.expr(s, 'type'), typeName)}` : '';
    out.sequences.push(
      `CREATE SEQUENCE ${n}${type}${opt('increment', 'INCREMENT BY')}${opt('min_value', 'MINVALUE')}${opt('max_value', 'MAXVALUE')}${opt('start', 'START WITH')}${opt('cache', 'CACHE')}${ctx.bool(s, 'cycle') ? ' CYCLE' : ''}`,
    );
    const owned = ctx.ref(s, 'owned_by');
    if (owned) {
      const ci = owned.lastIndexOf('column');
      out.attach.push(`ALTER SEQUENCE ${n} OWNED BY ${tableRef(ctx, owned.slice(0, ci), schemaOf(s), name)}.${q(owned[owned.length - 1])}`);
    }
    comment(ctx, s, `SEQUENCE ${n}`, out.attach);
  }
  for (const kind of ['function', 'procedure'] as const)
    for (const f of ctx.top(kind)) {
      const as = ctx.str(f, 'as') ?? '';
      if (/^\s*CREATE\b/i.test(as)) {
        out.functions.push(as.trim().replace(/;\s*$/, ''));
        continue;
      }
      const args = ctx.nested(f, 'arg').map((a) => {
        const mode = ctx.str(a, 'mode');
        const d = ctx.expr(a, 'default');
        return `${mode ? `${mode} ` : ''}${a.name ? `${q(a.name)} ` : ''}${sqlType(ctx, a, ctx.expr(a, 'type'), typeName)}${d ? ` DEFAULT ${sqlDefault(ctx, a, d)}` : ''}`;
      });
      const ret = ctx.expr(f, 'return') ? ` RETURNS ${sqlType(ctx, f, ctx.expr(f, 'return'), typeName)}` : '';
      const lang = ctx.str(f, 'lang') ?? 'sql';
      const extra = ['volatility', 'security', 'leakproof', 'strict', 'parallel']
        .map((k) => ctx.str(f, k))
        .filter((v): v is string => !!v && v !== 'true')
        .map((v) => ` ${v.replace(/_/g, ' ')}`)
        .join('');
      const tag = as.includes('$$') ? '$fn$' : '$$';
      out.functions.push(`CREATE ${kind.toUpperCase()} ${name(schemaOf(f), f.name)}(${args.join(', ')})${ret} LANGUAGE ${lang}${extra} AS ${tag}${as}${tag}`);
    }
  for (const kind of ['view', 'materialized'] as const)
    for (const v of ctx.top(kind)) {
      const n = name(schemaOf(v), v.name);
      const body = (ctx.str(v, 'as') ?? '').trim().replace(/;\s*$/, '');
      if (kind === 'view') {
        const opts = ['security_barrier', 'security_invoker'].filter((o) => ctx.bool(v, o)).map((o) => `${o} = true`);
        const check = ctx.str(v, 'check_option');
        out.views.push(`CREATE VIEW ${n}${opts.length ? ` WITH (${opts.join(', ')})` : ''} AS ${body}${check ? ` WITH ${check} CHECK OPTION` : ''}`);
        comment(ctx, v, `VIEW ${n}`, out.attach);
      } else {
        out.views.push(`CREATE MATERIALIZED VIEW ${n} AS ${body}${ctx.bool(v, 'with_data') === false ? ' WITH NO DATA' : ''}`);
        for (const ix of ctx.nested(v, 'index')) out.views.push(...indexSql(ctx, ix, n, 'MATERIALIZED VIEW'));
        comment(ctx, v, `MATERIALIZED VIEW ${n}`, out.attach);
      }
    }
  for (const t of ctx.top('trigger')) out.attach.push(triggerSql(ctx, t, schemaOf, name));
  for (const p of ctx.top('policy')) {
    const on = ctx.ref(p, 'on') ?? [];
    const tn = tableRef(ctx, on, schemaOf(p), name);
    const roles = ctx.strings(p, 'to');
    const using = ctx.str(p, 'using');
    const check = ctx.str(p, 'check');
    out.attach.push(
      `CREATE POLICY ${q(p.name)} ON ${tn} AS ${(ctx.str(p, 'as') ?? 'PERMISSIVE').toUpperCase()} FOR ${(ctx.str(p, 'for') ?? 'ALL').toUpperCase()}${roles.length ? ` TO ${roles.map((r) => (/^(PUBLIC|CURRENT_USER|SESSION_USER|CURRENT_ROLE)$/i.test(r) ? r.toUpperCase() : q(r))).join(', ')}` : ''}${using ? ` USING (${using})` : ''}${check ? ` WITH CHECK (${check})` : ''}`,
    );
  }
  return out;
}

function triggerSql(ctx: HclCtx, t: Inst, schemaOf: (i: Inst) => string, name: Namer): string {
  const as = ctx.str(t, 'as');
  if (as !== undefined && /^\s*CREATE\b/i.test(as)) return as.trim().replace(/;\s*$/, '');
  const on = ctx.ref(t, 'on') ?? [];
  const tn = tableRef(ctx, on, schemaOf(t), name);
  let timing = 'AFTER';
  let events: string[] = [];
  for (const w of ['before', 'after', 'instead_of']) {
    const b = ctx.nested(t, w)[0];
    if (!b) continue;
    timing = w.replace('_', ' ').toUpperCase();
    events = ['insert', 'update', 'delete', 'truncate'].filter((e) => ctx.bool(b, e)).map((e) => e.toUpperCase());
    const of = ctx.refs(b, 'update_of').map((r) => q(r[r.length - 1]));
    if (of.length) events.push(`UPDATE OF ${of.join(', ')}`);
  }
  const exec = ctx.nested(t, 'execute')[0];
  const fn = exec ? (ctx.ref(exec, 'function') ?? []) : [];
  const fname = fn[0] === 'function' ? (fn.length > 2 ? name(fn[1], fn[2]) : name(schemaOf(t), fn[1])) : fn.join('.');
  const args = exec ? ctx.strings(exec, 'args').map(lit) : [];
  const when = ctx.str(t, 'when');
  return `CREATE TRIGGER ${q(t.name)} ${timing} ${events.join(' OR ')} ON ${tn} FOR EACH ${(ctx.str(t, 'for') ?? 'ROW').toUpperCase()}${when ? ` WHEN (${when})` : ''} EXECUTE FUNCTION ${fname}(${args.join(', ')})`;
}
