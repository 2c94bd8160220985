// data_depend (MF101–MF104): changes that can fail depending on the data already in the table.
import type { UpdateStmt } from 'libpg-query';
import { nodeAs } from '../../sql/parser';
import type { Analyzer, Finding, StmtContext } from '../analyzer';
import { alterOf, holdsData, q } from '../analyzer';
import { columnFromDef, indexColumns, relName } from '../ddl';

export const dataDepend: Analyzer = {
  name: 'data_depend',
  header: 'data dependent changes detected',
  defaultError: false,
  codes: ['MF101', 'MF102', 'MF103', 'MF104'],
  check(ctx) {
    return [...uniqueIndex(ctx), ...alterChecks(ctx)];
  },
};

function uniqueMessage(index: string, table: string, cols: string[]): string {
  return cols.length === 1
    ? `Adding a unique index ${q(index)} on table ${q(table)} might fail in case column ${q(cols[0])} contains duplicate entries`
    : `Adding a unique index ${q(index)} on table ${q(table)} might fail in case columns ${cols.map(q).join(', ')} contain duplicate entries`;
}

/** MF101 for CREATE UNIQUE INDEX on columns that already existed. */
function uniqueIndex(ctx: StmtContext): Finding[] {
  const idx = nodeAs(ctx.stmt.node, 'IndexStmt');
  if (!idx?.unique) return [];
  const rel = relName(idx.relation, ctx.before.defaultSchema);
  const t = ctx.before.table(rel.schema, rel.name);
  if (!holdsData(ctx, t)) return [];
  const cols = indexColumns(idx);
  if (!preExisting(ctx, rel.schema, rel.name, cols)) return [];
  if (replacesUnique(ctx, rel.name, cols)) return [];
  const name = idx.idxname ?? `${rel.name}_${cols.join('_')}_idx`;
  return [{ code: 'MF101', text: uniqueMessage(name, rel.name, cols), pos: ctx.stmt.pos }];
}

/** All columns existed when the file started (columns added by the file hold no duplicates yet). */
function preExisting(ctx: StmtContext, schema: string, table: string, cols: string[]): boolean {
  const t = ctx.fileStart.table(schema, table);
  return !t || cols.every((c) => t.columns.has(c));
}

/** A unique index on the same parts existed when the file started and was dropped since: a re-creation. */
function replacesUnique(ctx: StmtContext, table: string, cols: string[]): boolean {
  const key = cols.join(',');
  return [...ctx.fileStart.indexes.values()].some(
    (i) => i.unique && i.table === table && i.columns.join(',') === key && !ctx.before.indexes.has(`${i.schema}.${i.name}`),
  );
}

function alterChecks(ctx: StmtContext): Finding[] {
  const alter = alterOf(ctx);
  if (!alter || !holdsData(ctx, alter.table)) return [];
  const out: Finding[] = [];
  for (const cmd of alter.cmds) {
    if (cmd.subtype === 'AT_AddColumn') {
      const def = nodeAs(cmd.def, 'ColumnDef');
      if (!def?.colname) continue;
      const col = columnFromDef(def);
      if (!col.nullable && !col.hasDefault) {
        out.push({
          code: 'MF103',
          text: `Adding a non-nullable ${q(col.type.display)} column ${q(col.name)} will fail in case table ${q(alter.name)} is not empty`,
          pos: ctx.stmt.pos,
        });
      }
    } else if (cmd.subtype === 'AT_SetNotNull' && cmd.name) {
      const col = alter.table?.columns.get(cmd.name);
      if (col && !col.nullable) continue;
      if (filledBefore(ctx, alter.schema, alter.name, cmd.name) || provenNotNull(ctx, cmd.name)) continue;
      out.push({
        code: 'MF104',
        text: `Modifying nullable column ${q(cmd.name)} to non-nullable might fail in case it contains NULL values`,
        pos: ctx.stmt.pos,
      });
    } else if (cmd.subtype === 'AT_AddConstraint') {
      const c = nodeAs(cmd.def, 'Constraint');
      if (c?.contype !== 'CONSTR_UNIQUE' || c.indexname) continue;
      const cols = (c.keys ?? []).map((k) => nodeAs(k, 'String')?.sval ?? '').filter(Boolean);
      if (!preExisting(ctx, alter.schema, alter.name, cols)) continue;
      const name = c.conname ?? `${alter.name}_${cols.join('_')}_key`;
      out.push({ code: 'MF101', text: uniqueMessage(name, alter.name, cols), pos: ctx.stmt.pos });
    }
  }
  return out;
}

/** `UPDATE t SET c = …` earlier in the file back-fills the column (Atlas Pro: ColumnFilledBefore). */
function filledBefore(ctx: StmtContext, schema: string, table: string, column: string): boolean {
  for (let i = 0; i < ctx.at; i++) {
    const u: UpdateStmt | undefined = nodeAs(ctx.stmts[i].node, 'UpdateStmt');
    if (!u) continue;
    const rel = relName(u.relation, ctx.before.defaultSchema);
    if (rel.schema !== schema || rel.name !== table) continue;
    if ((u.targetList ?? []).some((t) => nodeAs(t, 'ResTarget')?.name === column)) return true;
  }
  return false;
}

/** A valid CHECK (c IS NOT NULL) on the table guarantees the column holds no NULLs. */
function provenNotNull(ctx: StmtContext, column: string): boolean {
  const t = alterOf(ctx)?.table;
  return !!t && [...t.constraints.values()].some((c) => c.kind === 'c' && !c.notValid && c.provesNotNull.includes(column));
}
