// incompatible (BC101–BC102): renames that break running application code.
import { nodeAs } from '../../sql/parser';
import type { Analyzer, Finding, StmtContext } from '../analyzer';
import { q } from '../analyzer';
import { relName } from '../ddl';
import { fromTables } from '../interpret';

export const incompatible: Analyzer = {
  name: 'incompatible',
  header: 'backward incompatible changes detected',
  defaultError: false,
  codes: ['BC101', 'BC102'],
  check(ctx) {
    const r = nodeAs(ctx.stmt.node, 'RenameStmt');
    if (!r?.newname) return [];
    const rel = relName(r.relation, ctx.before.defaultSchema);
    if (r.renameType === 'OBJECT_TABLE') {
      if (viewKeepsOldName(ctx, rel.schema, rel.name, r.newname)) return [];
      return [{ code: 'BC101', text: `Renaming table ${q(rel.name)} to ${q(r.newname)}`, pos: ctx.stmt.pos }];
    }
    if (r.renameType === 'OBJECT_COLUMN' && r.subname) {
      if (columnReAdded(ctx, rel.schema, rel.name, r.subname)) return [];
      return [{ code: 'BC102', text: `Renaming column ${q(r.subname)} to ${q(r.newname)}`, pos: ctx.stmt.pos }];
    }
    return [];
  },
};

/** `CREATE VIEW old AS SELECT … FROM new` later in the file keeps old readers working. */
function viewKeepsOldName(ctx: StmtContext, schema: string, oldName: string, newName: string): boolean {
  return ctx.stmts.slice(ctx.at + 1).some((s) => {
    const v = nodeAs(s.node, 'ViewStmt');
    if (!v?.view) return false;
    const rel = relName(v.view, ctx.before.defaultSchema);
    return rel.schema === schema && rel.name === oldName && fromTables(v.query, ctx.before.defaultSchema).includes(`${schema}.${newName}`);
  });
}

/** The old column name is added back later in the file (e.g. a generated copy). */
function columnReAdded(ctx: StmtContext, schema: string, table: string, column: string): boolean {
  return ctx.stmts.slice(ctx.at + 1).some((s) => {
    const a = nodeAs(s.node, 'AlterTableStmt');
    const rel = relName(a?.relation, ctx.before.defaultSchema);
    if (!a || rel.schema !== schema || rel.name !== table) return false;
    return (a.cmds ?? []).some((c) => {
      const cmd = nodeAs(c, 'AlterTableCmd');
      return cmd?.subtype === 'AT_AddColumn' && nodeAs(cmd.def, 'ColumnDef')?.colname === column;
    });
  });
}

export type { Finding };
