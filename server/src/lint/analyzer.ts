// What every analyzer receives and returns. An analyzer is one rule family (Atlas's analyzer name, e.g.
// `destructive`), each check a pure function of one statement and the schema state before it.
import type { AlterTableCmd, Node } from 'libpg-query';
import type { AnalyzerConfig } from '../config/types';
import type { SqlSyntaxError } from '../sql/parser';
import { nodeAs } from '../sql/parser';
import { relName } from './ddl';
import type { SchemaState, TableState } from './state';

export interface LintStatement {
  /** statement text as the splitter returns it */
  text: string;
  /** byte offset of the statement in its file (Atlas's Stmt.Pos) */
  pos: number;
  /** byte offset of the statement's first byte in the whole file (differs from pos after a delimiter line) */
  start: number;
  /** UTF-16 index of the statement in its file */
  index: number;
  /** UTF-16 index just past the statement in its file, when it is not index + text.length (a goose/dbmate up part) */
  endIndex?: number;
  /** parsed statement (undefined when it failed to parse) */
  node?: Node;
  error?: SqlSyntaxError;
  /** `atlas:nolint` arguments on the statement's comments ([] = all) */
  nolint?: string[];
}

export interface Finding {
  code: string;
  text: string;
  /** byte offset of the statement (Pos) */
  pos: number;
  /** suggested fix messages (Atlas SuggestedFixes[].Message) */
  fixes?: string[];
}

export interface StmtContext {
  file: string;
  stmt: LintStatement;
  /** position of stmt in stmts */
  at: number;
  stmts: LintStatement[];
  /** schema state right before this statement */
  before: SchemaState;
  /** schema state when the file started */
  fileStart: SchemaState;
  /** true when the table was created by a file that is not yet applied anywhere (this file or the new set) */
  isFresh(t: { origin?: string } | undefined): boolean;
  /** file header has `atlas:txmode none` */
  txmodeNone: boolean;
  /** atlas.hcl `lint { <analyzer> { … } }` settings by analyzer name (naming reads its patterns here) */
  settings: Record<string, AnalyzerConfig>;
}

export interface FileContext {
  file: string;
  stmts: LintStatement[];
  txmodeNone: boolean;
}

export interface Analyzer {
  /** config / nolint name (Atlas's analyzer name where one exists) */
  name: string;
  /** report header, e.g. "destructive changes detected" */
  header: string;
  /** errors (exit 1) unless configured otherwise */
  defaultError: boolean;
  codes: string[];
  check(ctx: StmtContext): Finding[];
  /** final say over the file's findings (adds file-level ones such as PG103, or keeps the first of a kind) */
  finish?(file: FileContext, findings: Finding[]): Finding[];
}

/** Go's %q for the identifiers and type names lint prints. */
export function q(s: string): string {
  return JSON.stringify(s).replace(/\\u007f/g, '\\x7f');
}

/** `"a", "b" and "c"` (Atlas's list of quoted names). */
export function quotedList(names: string[]): string {
  const qs = names.map(q);
  return qs.length <= 1 ? qs.join('') : `${qs.slice(0, -1).join(', ')} and ${qs[qs.length - 1]}`;
}

export interface AlterView {
  schema: string;
  name: string;
  table?: TableState;
  cmds: AlterTableCmd[];
}

/** An `ALTER TABLE` statement's target and commands (undefined for anything else). */
export function alterOf(ctx: StmtContext): AlterView | undefined {
  const a = nodeAs(ctx.stmt.node, 'AlterTableStmt');
  if (!a || (a.objtype && a.objtype !== 'OBJECT_TABLE')) return undefined;
  const rel = relName(a.relation, ctx.before.defaultSchema);
  const cmds = (a.cmds ?? []).map((c) => nodeAs(c, 'AlterTableCmd')).filter((c): c is AlterTableCmd => !!c);
  return { ...rel, table: ctx.before.table(rel.schema, rel.name), cmds };
}

/**
 * A table holds data we must care about: it exists in the state (an unknown table means the statement changes
 * nothing or fails on the dev database, as `IF EXISTS` on a missing table) and no fresh (unapplied) file created it.
 */
export function holdsData(ctx: StmtContext, t: TableState | undefined): boolean {
  return !!t && !ctx.isFresh(t);
}
