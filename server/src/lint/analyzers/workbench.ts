// workbench (AW101–AW103): safety rules Atlas lacks, squawk-style, under our own codes (docs/lint-rules.md).
import type { AlterTableCmd, ColumnDef, Node } from 'libpg-query';
import { nodeAs } from '../../sql/parser';
import type { Analyzer, Finding, StmtContext } from '../analyzer';
import { alterOf, holdsData, q } from '../analyzer';
import { columnType } from '../types';

export const workbench: Analyzer = {
  name: 'workbench',
  header: 'safety issues detected',
  defaultError: false,
  codes: ['AW101', 'AW102', 'AW103'],
  check(ctx) {
    return [...lockTimeout(ctx), ...columnTypes(ctx)];
  },
  finish(_file, findings) {
    const first = findings.find((f) => f.code === 'AW101');
    return findings.filter((f) => f.code !== 'AW101' || f === first);
  },
};

/** ALTER TABLE subcommands that take a lock weaker than ACCESS EXCLUSIVE (SHARE UPDATE / SHARE ROW EXCLUSIVE). */
const weakLocks = new Set([
  'AT_ValidateConstraint',
  'AT_SetStatistics',
  'AT_SetOptions',
  'AT_ResetOptions',
  'AT_ClusterOn',
  'AT_DropCluster',
  'AT_AttachPartition',
  'AT_DetachPartitionFinalize',
  'AT_SetRelOptions',
  'AT_ResetRelOptions',
  'AT_EnableTrig',
  'AT_EnableAlwaysTrig',
  'AT_EnableReplicaTrig',
  'AT_DisableTrig',
  'AT_EnableTrigAll',
  'AT_DisableTrigAll',
  'AT_EnableTrigUser',
  'AT_DisableTrigUser',
]);

function weakLock(cmd: AlterTableCmd): boolean {
  if (weakLocks.has(cmd.subtype ?? '')) return true;
  // ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE on both tables (PG306 covers its scan)
  return cmd.subtype === 'AT_AddConstraint' && nodeAs(cmd.def, 'Constraint')?.contype === 'CONSTR_FOREIGN';
}

/** AW101: an ACCESS EXCLUSIVE statement on a table holding data with no lock_timeout set before it (first one only). */
function lockTimeout(ctx: StmtContext): Finding[] {
  const target = accessExclusiveTargetOf(ctx);
  if (!target) return [];
  for (let i = 0; i < ctx.at; i++) if (nodeAs(ctx.stmts[i].node, 'VariableSetStmt')?.name === 'lock_timeout') return [];
  return [
    {
      code: 'AW101',
      text: `Statement takes an ACCESS EXCLUSIVE lock on table ${q(target)} and no lock_timeout is set before it`,
      pos: ctx.stmt.pos,
      fixes: ["Add SET lock_timeout = '5s'; at the start of the file so a blocked lock fails fast instead of queueing all traffic"],
    },
  ];
}

function accessExclusiveTargetOf(ctx: StmtContext): string | undefined {
  const alter = alterOf(ctx);
  if (alter) {
    if (!alter.table || !holdsData(ctx, alter.table)) return undefined;
    return alter.cmds.some((c) => !weakLock(c)) ? alter.name : undefined;
  }
  const r = nodeAs(ctx.stmt.node, 'RenameStmt');
  if (r?.relation?.relname && (r.renameType === 'OBJECT_TABLE' || r.renameType === 'OBJECT_COLUMN')) {
    const t = ctx.before.table(r.relation.schemaname, r.relation.relname);
    return t && holdsData(ctx, t) ? t.name : undefined;
  }
  return undefined;
}

/** AW102 (timestamp without time zone) and AW103 (char(n)) on new or retyped columns. */
function columnTypes(ctx: StmtContext): Finding[] {
  const defs: ColumnDef[] = [];
  const create = nodeAs(ctx.stmt.node, 'CreateStmt');
  for (const el of create?.tableElts ?? []) {
    const d = nodeAs(el, 'ColumnDef');
    if (d) defs.push(d);
  }
  for (const cmd of alterOf(ctx)?.cmds ?? []) {
    if (cmd.subtype !== 'AT_AddColumn' && cmd.subtype !== 'AT_AlterColumnType') continue;
    const d = nodeAs(cmd.def as Node, 'ColumnDef');
    if (d) defs.push({ ...d, colname: d.colname ?? cmd.name });
  }
  const out: Finding[] = [];
  for (const d of defs) {
    const t = columnType(d.typeName);
    const name = d.colname ?? '';
    if (t.base === 'timestamp without time zone') {
      out.push({
        code: 'AW102',
        text: `Column ${q(name)} uses "timestamp without time zone", which drops the offset of the values it stores`,
        pos: ctx.stmt.pos,
        fixes: ['Use timestamptz (timestamp with time zone)'],
      });
    } else if (t.base === 'character') {
      out.push({
        code: 'AW103',
        text: `Column ${q(name)} uses ${q(t.display)}, which pads values with spaces`,
        pos: ctx.stmt.pos,
        fixes: ['Use text or varchar(n)'],
      });
    }
  }
  return out;
}
