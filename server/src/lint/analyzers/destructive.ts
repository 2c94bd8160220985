// destructive (DS101–DS103): dropping schemas, tables and columns that hold data. Errors by default.
import { nodeAs, strings } from '../../sql/parser';
import type { Analyzer, Finding, StmtContext } from '../analyzer';
import { alterOf, holdsData, q, quotedList } from '../analyzer';

export const destructive: Analyzer = {
  name: 'destructive',
  header: 'destructive changes detected',
  defaultError: true,
  codes: ['DS101', 'DS102', 'DS103'],
  check(ctx) {
    const drop = nodeAs(ctx.stmt.node, 'DropStmt');
    if (drop?.removeType === 'OBJECT_SCHEMA')
      return dropSchemas(
        ctx,
        (drop.objects ?? []).map((o) => nodeAs(o, 'String')?.sval ?? ''),
      );
    if (drop?.removeType === 'OBJECT_TABLE') return dropTables(ctx, drop.objects ?? []);
    return dropColumns(ctx);
  },
};

function dropSchemas(ctx: StmtContext, names: string[]): Finding[] {
  return names.filter(Boolean).flatMap((name) => {
    const entry = ctx.before.schemas.get(name);
    if (!entry || ctx.isFresh(entry)) return [];
    const n = ctx.before.tablesIn(name).length;
    const text = n === 0 ? `Dropping schema ${q(name)}` : `Dropping non-empty schema ${q(name)} with ${n} table${n === 1 ? '' : 's'}`;
    return [{ code: 'DS101', text, pos: ctx.stmt.pos }];
  });
}

function dropTables(ctx: StmtContext, objects: NonNullable<ReturnType<typeof nodeAs<'DropStmt'>>>['objects'] & object): Finding[] {
  const out: Finding[] = [];
  for (const o of objects) {
    const parts = strings(nodeAs(o, 'List')?.items);
    const name = parts.pop();
    if (!name) continue;
    const t = ctx.before.table(parts.pop(), name);
    if (!holdsData(ctx, t)) continue;
    out.push({
      code: 'DS102',
      text: `Dropping table ${q(name)}`,
      pos: ctx.stmt.pos,
      fixes: [`Add a pre-migration check to ensure table ${q(name)} is empty before dropping it`],
    });
  }
  return out;
}

function dropColumns(ctx: StmtContext): Finding[] {
  const alter = alterOf(ctx);
  if (!alter || !holdsData(ctx, alter.table)) return [];
  const cols = alter.cmds
    .filter((c) => c.subtype === 'AT_DropColumn' && c.name)
    .map((c) => c.name!)
    .filter((c) => alter.table?.columns.has(c) && !alter.table.columns.get(c)?.generated);
  if (!cols.length) return [];
  if (cols.length === 1) {
    return [
      {
        code: 'DS103',
        text: `Dropping non-virtual column ${q(cols[0])}`,
        pos: ctx.stmt.pos,
        fixes: [`Add a pre-migration check to ensure column ${q(cols[0])} is NULL before dropping it`],
      },
    ];
  }
  return [
    {
      code: 'DS103',
      text: `Dropping non-virtual columns ${quotedList(cols)}`,
      pos: ctx.stmt.pos,
      fixes: [`Add pre-migration checks to ensure columns ${quotedList(cols)} are NULL before dropping them`],
    },
  ];
}
