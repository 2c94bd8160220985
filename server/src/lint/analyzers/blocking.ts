// blocking (PG104, PG105, PG301–PG306): the PostgreSQL lock and rewrite rules Atlas documents, implemented
// from their documented meaning. They apply only to tables that hold data (not created by a fresh file).
import type { Constraint, Node } from 'libpg-query';
import { nodeAs } from '../../sql/parser';
import type { Analyzer, AlterView, Finding, StmtContext } from '../analyzer';
import { alterOf, holdsData, q } from '../analyzer';
import { checkColumns, columnFromDef, defaultExpr, isVolatileDefault } from '../ddl';
import { defaultConstraintName } from '../state';
import { columnType, isRewriteFree } from '../types';

export const blocking: Analyzer = {
  name: 'blocking',
  header: 'blocking table changes detected',
  defaultError: false,
  codes: ['PG104', 'PG105', 'PG301', 'PG302', 'PG303', 'PG304', 'PG305', 'PG306'],
  check(ctx) {
    const alter = alterOf(ctx);
    if (!alter || !holdsData(ctx, alter.table)) return [];
    const out: Finding[] = [];
    const pos = ctx.stmt.pos;
    const table = alter.name;
    for (const cmd of alter.cmds) {
      if (cmd.subtype === 'AT_AlterColumnType' && cmd.name) {
        const col = alter.table?.columns.get(cmd.name);
        const to = columnType(nodeAs(cmd.def, 'ColumnDef')?.typeName);
        const using = !!nodeAs(cmd.def, 'ColumnDef')?.raw_default;
        if (col && !using && isRewriteFree(col.type, to)) continue;
        out.push({
          code: 'PG301',
          text: `Changing the type of column ${q(cmd.name)} to ${q(to.display)} rewrites table ${q(table)} and its indexes under an ACCESS EXCLUSIVE lock`,
          pos,
        });
      } else if (cmd.subtype === 'AT_AddColumn') {
        const def = nodeAs(cmd.def, 'ColumnDef');
        if (!def?.colname) continue;
        const col = columnFromDef(def);
        if (isVolatileDefault(defaultExpr(def)) || col.type.serial || (col.generated && storedGenerated(def.constraints))) {
          out.push({
            code: 'PG302',
            text: `Adding column ${q(def.colname)} with a volatile default value rewrites table ${q(table)} under an ACCESS EXCLUSIVE lock`,
            pos,
          });
        }
      } else if (cmd.subtype === 'AT_SetNotNull' && cmd.name) {
        const col = alter.table?.columns.get(cmd.name);
        if (col && !col.nullable) continue;
        if (alter.table && [...alter.table.constraints.values()].some((c) => c.kind === 'c' && !c.notValid && c.provesNotNull.includes(cmd.name!))) continue;
        out.push({
          code: 'PG303',
          text: `Setting column ${q(cmd.name)} NOT NULL scans table ${q(table)} under an ACCESS EXCLUSIVE lock`,
          pos,
          fixes: [`Add a CHECK (${cmd.name} IS NOT NULL) NOT VALID constraint and VALIDATE it before setting the column NOT NULL`],
        });
      } else if (cmd.subtype === 'AT_AddConstraint') {
        const c = nodeAs(cmd.def, 'Constraint');
        if (c) out.push(...constraintChecks(ctx, alter, c));
      }
    }
    return out;
  },
};

function storedGenerated(cons: Node[] | undefined): boolean {
  return (cons ?? []).some((n) => nodeAs(n, 'Constraint')?.contype === 'CONSTR_GENERATED' && nodeAs(n, 'Constraint')?.generated_kind !== 'v');
}

function constraintChecks(ctx: StmtContext, alter: AlterView, c: Constraint): Finding[] {
  const pos = ctx.stmt.pos;
  const table = alter.name;
  const out: Finding[] = [];
  const keys = (c.keys ?? []).map((k) => nodeAs(k, 'String')?.sval ?? '').filter(Boolean);
  if (c.contype === 'CONSTR_PRIMARY') {
    if (!c.indexname) {
      out.push({
        code: 'PG104',
        text: `Adding a PRIMARY KEY constraint on table ${q(table)} builds its index under an ACCESS EXCLUSIVE lock`,
        pos,
        fixes: ['Create a unique index CONCURRENTLY and add the constraint with PRIMARY KEY USING INDEX'],
      });
    }
    const nullable = keys.filter((k) => alter.table?.columns.get(k)?.nullable);
    for (const k of nullable) {
      out.push({ code: 'PG304', text: `Adding a PRIMARY KEY on nullable column ${q(k)} sets it NOT NULL, which scans table ${q(table)}`, pos });
    }
  } else if (c.contype === 'CONSTR_UNIQUE' && !c.indexname) {
    out.push({
      code: 'PG105',
      text: `Adding a UNIQUE constraint on table ${q(table)} builds its index under an ACCESS EXCLUSIVE lock`,
      pos,
      fixes: ['Create a unique index CONCURRENTLY and add the constraint with UNIQUE USING INDEX'],
    });
  } else if (c.contype === 'CONSTR_CHECK' && !c.skip_validation) {
    out.push({
      code: 'PG305',
      text: `Adding CHECK constraint ${q(c.conname ?? defaultConstraintName(table, checkColumns(c.raw_expr), 'c'))} without NOT VALID scans table ${q(table)} under an ACCESS EXCLUSIVE lock`,
      pos,
      fixes: ['Add the constraint NOT VALID, then VALIDATE CONSTRAINT in a separate statement'],
    });
  } else if (c.contype === 'CONSTR_FOREIGN' && !c.skip_validation) {
    const ref = c.pktable?.relname ?? '';
    out.push({
      code: 'PG306',
      text: `Adding foreign-key constraint ${q(
        c.conname ??
          defaultConstraintName(
            table,
            (c.fk_attrs ?? []).map((n) => nodeAs(n, 'String')?.sval ?? ''),
            'f',
          ),
      )} without NOT VALID scans table ${q(table)} and locks tables ${q(table)} and ${q(ref)} in SHARE ROW EXCLUSIVE mode`,
      pos,
      fixes: ['Add the constraint NOT VALID, then VALIDATE CONSTRAINT in a separate statement'],
    });
  }
  return out;
}
