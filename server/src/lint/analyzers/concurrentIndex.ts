// concurrent_index (PG101–PG103): index builds and drops that block writes, and CONCURRENTLY inside a
// transaction (a file without `-- atlas:txmode none` runs in one).
import { nodeAs, strings } from '../../sql/parser';
import type { Analyzer, Finding, StmtContext } from '../analyzer';
import { holdsData, q } from '../analyzer';
import { indexColumns, relName } from '../ddl';
import { defaultIndexName } from '../state';

export const PG103_TEXT =
  'Indexes cannot be created or deleted concurrently within a transaction. Add the `atlas:txmode none` directive to the header to prevent this file from running in a transaction';

export const concurrentIndex: Analyzer = {
  name: 'concurrent_index',
  header: 'concurrent index violations detected',
  defaultError: false,
  codes: ['PG101', 'PG102', 'PG103'],
  check(ctx) {
    const idx = nodeAs(ctx.stmt.node, 'IndexStmt');
    if (idx && !idx.concurrent) {
      const rel = relName(idx.relation, ctx.before.defaultSchema);
      const t = ctx.before.table(rel.schema, rel.name);
      if (!holdsData(ctx, t)) return [];
      const name = idx.idxname ?? defaultIndexName(rel.name, indexColumns(idx));
      return [{ code: 'PG101', text: `Creating index ${q(name)} non-concurrently causes write locks on the ${q(rel.name)} table`, pos: ctx.stmt.pos }];
    }
    const drop = nodeAs(ctx.stmt.node, 'DropStmt');
    if (drop?.removeType === 'OBJECT_INDEX' && !drop.concurrent) return dropIndexes(ctx, drop.objects ?? []);
    return [];
  },
  finish(file, findings) {
    if (file.txmodeNone || !file.stmts.some(isConcurrent)) return findings;
    return [...findings, { code: 'PG103', text: PG103_TEXT, pos: 0 }];
  },
};

function dropIndexes(ctx: StmtContext, objects: NonNullable<ReturnType<typeof nodeAs<'DropStmt'>>>['objects'] & object): Finding[] {
  const out: Finding[] = [];
  for (const o of objects) {
    const parts = strings(nodeAs(o, 'List')?.items);
    const name = parts.pop();
    if (!name) continue;
    const i = ctx.before.index(parts.pop(), name);
    const t = i ? ctx.before.table(i.schema, i.table) : undefined;
    if (!i || !holdsData(ctx, t)) continue;
    out.push({ code: 'PG102', text: `Dropping index ${q(name)} non-concurrently causes write locks on the ${q(i.table)} table`, pos: ctx.stmt.pos });
  }
  return out;
}

/** CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY / REINDEX CONCURRENTLY. */
export function isConcurrent(s: { node?: unknown }): boolean {
  const n = s.node as Parameters<typeof nodeAs>[0];
  if (nodeAs(n, 'IndexStmt')?.concurrent) return true;
  const d = nodeAs(n, 'DropStmt');
  if (d?.removeType === 'OBJECT_INDEX' && d.concurrent) return true;
  return (nodeAs(n, 'ReindexStmt')?.params ?? []).some((p) => nodeAs(p, 'DefElem')?.defname === 'concurrently');
}
