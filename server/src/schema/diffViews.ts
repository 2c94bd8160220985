// Diff of functions, views and materialized views (with their indexes and triggers).
import { Phase, type Change } from './change';
import { triggerChanges } from './diffTable';
import { funcKey, refId, type Func, type Realm, type View } from './model';
import { indexSignature, indexSql, type Namer } from './render';
import { goq, lit } from './sqlText';

const key = (schema: string, name: string) => `${schema}.${name}`;

export function diffFunctions(a: Func[], b: Func[], n: Namer, changedRels: Set<string>): Change[] {
  const out: Change[] = [];
  const phaseOf = (f: Func) => (f.language === 'sql' ? Phase.Views : Phase.EarlyFunctions);
  for (const f of b) {
    const old = a.find((x) => funcKey(x) === funcKey(f));
    if (old && old.def === f.def) continue;
    if (old && (old.result !== f.result || old.kind !== f.kind)) {
      out.push({
        phase: Phase.PreDrop,
        cmd: `DROP ${old.kind.toUpperCase()} ${n.name(old.schema, old.name)}(${old.args})`,
        comment: `drop ${goq(old.name)} ${old.kind}`,
        destructive: true,
        key: `dropfn:${funcKey(old)}`,
      });
      changedRels.add(funcKey(old));
    }
    const created = !old || old.result !== f.result || old.kind !== f.kind;
    out.push({
      phase: phaseOf(f),
      cmd: f.def,
      comment: `${old ? 'modify' : 'create'} ${goq(f.name)} ${f.kind}`,
      key: funcKey(f),
      ...(created ? { creates: `fn:${funcKey(f)}` } : {}),
      needs: (f.uses ?? []).map(refId),
    });
  }
  for (const f of a) {
    if (!b.some((x) => funcKey(x) === funcKey(f)))
      out.push({
        phase: Phase.Drop,
        cmd: `DROP ${f.kind.toUpperCase()} ${n.name(f.schema, f.name)}(${f.args})`,
        comment: `drop ${goq(f.name)} ${f.kind}`,
        destructive: true,
        drops: `fn:${funcKey(f)}`,
      });
  }
  return out;
}

/** Views are dropped and re-created when they or anything they read changed (CREATE OR REPLACE cannot drop columns). */
export function diffViews(a: Realm, b: Realm, n: Namer, changedRels: Set<string>): Change[] {
  const out: Change[] = [];
  const av = a.schemas.flatMap((s) => s.views);
  const bv = b.schemas.flatMap((s) => s.views);
  const vkey = (v: View) => key(v.schema, v.name);
  const recreate = new Set<string>();
  for (const v of av) {
    const w = bv.find((x) => vkey(x) === vkey(v));
    if (!w || viewText(w) !== viewText(v) || w.materialized !== v.materialized) recreate.add(vkey(v));
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const v of av) {
      if (!recreate.has(vkey(v)) && v.deps.some((d) => recreate.has(d) || changedRels.has(d))) {
        recreate.add(vkey(v));
        grew = true;
      }
    }
  }
  const kind = (v: View) => (v.materialized ? 'MATERIALIZED VIEW' : 'VIEW');
  for (const v of av) {
    if (!recreate.has(vkey(v))) continue;
    // Dependent views first: this drop waits for the drops of views that read it.
    const after = av.filter((x) => x.deps.includes(vkey(v)) && recreate.has(vkey(x))).map((x) => `drop:${vkey(x)}`);
    out.push({
      phase: Phase.PreDrop,
      cmd: `DROP ${kind(v)} ${n.name(v.schema, v.name)}`,
      comment: `drop ${goq(v.name)} ${v.materialized ? 'materialized ' : ''}view`,
      key: `drop:${vkey(v)}`,
      after,
      destructive: !bv.some((x) => vkey(x) === vkey(v)),
    });
  }
  for (const v of bv) {
    const old = av.find((x) => vkey(x) === vkey(v));
    const fresh = !old || recreate.has(vkey(v));
    const vn = n.name(v.schema, v.name);
    if (fresh) {
      out.push({
        phase: Phase.Views,
        cmd: `CREATE ${kind(v)} ${vn} AS ${v.def.replace(/;$/, '')}`,
        comment: `create ${goq(v.name)} ${v.materialized ? 'materialized ' : ''}view`,
        key: vkey(v),
        after: v.deps,
        creates: `rel:${vkey(v)}`,
        needs: v.deps.map((d) => (d.includes('(') ? `fn:${d}` : `rel:${d}`)),
      });
    }
    for (const i of v.indexes) {
      const prev = fresh ? undefined : old!.indexes.find((x) => x.name === i.name);
      if (!prev || indexSignature(prev) !== indexSignature(i)) {
        if (prev)
          out.push({ phase: Phase.PreDrop, cmd: `DROP INDEX ${n.name(v.schema, i.name)}`, comment: `drop index ${goq(i.name)} from table: ${goq(v.name)}` });
        out.push({
          phase: Phase.Views,
          cmd: indexSql(i, v.schema, v.name, n),
          comment: `create index ${goq(i.name)} to table: ${goq(v.name)}`,
          key: `index:${vkey(v)}`,
          after: [vkey(v)],
          needs: (i.uses ?? []).map(refId),
        });
      }
    }
    if (!fresh)
      for (const i of old!.indexes)
        if (!v.indexes.some((x) => x.name === i.name))
          out.push({ phase: Phase.PreDrop, cmd: `DROP INDEX ${n.name(v.schema, i.name)}`, comment: `drop index ${goq(i.name)} from table: ${goq(v.name)}` });
    if (v.comment !== undefined && (fresh || old!.comment !== v.comment))
      out.push({ phase: Phase.Attach, cmd: `COMMENT ON ${kind(v)} ${vn} IS ${lit(v.comment)}`, comment: `set comment to view: ${goq(v.name)}` });
    out.push(...triggerChanges(old, v, vn, fresh));
  }
  return out;
}

/**
 * View text for comparison. PostgreSQL 16+ stops qualifying columns of single-relation views
 * (`users.id` → `id`), so qualifiers of the only relation a view reads are dropped before comparing.
 */
function viewText(v: View): string {
  if (v.deps.length !== 1) return v.def;
  const rel = v.deps[0].slice(v.deps[0].indexOf('.') + 1);
  const ident = /^[a-z_][a-z0-9_$]*$/.test(rel) ? rel : `"${rel.replace(/"/g, '""')}"`;
  return v.def.replace(new RegExp(`(?<![\\w."])${ident.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?=["a-z_])`, 'g'), '');
}
