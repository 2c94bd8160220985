// The schema-aware SQL model behind completion, hover, navigation and reference checks in migration files and
// desired-state SQL: it reads the lint model's cached state before a file (no second state is built), walks the
// file statement by statement (the state before and after each), and keeps each prepared file's references
// (lint/sqlRefs.ts) so history and references over a 500-file folder are a scan of cached lists.
import type { Node } from 'libpg-query';
import { applyStatement } from '../lint/interpret';
import type { PreparedFile } from '../lint/prepare';
import type { RelName, SqlRef } from '../lint/sqlRefs';
import { statementRefs } from '../lint/sqlStatementRefs';
import type { SchemaState } from '../lint/state';
import { parseSql } from '../sql/parser';
import { tokenize } from '../sql/tokens';
import type { FolderPoint, LintModel } from './lintModel';

/** Where a .sql file belongs: a migration folder, or a desired-state source (one file, or a folder of files). */
export interface SqlLocation {
  folder: string;
  /** a desired-state file whose state is the file itself */
  only: boolean;
  desired: boolean;
  /** desired-state files of the same project (absolute paths), searched by "find references" */
  related: string[];
}

export interface DocStatement {
  /** UTF-16 range in the file */
  index: number;
  end: number;
  nodes: Node[];
  /** the statement did not parse */
  error: boolean;
  refs: SqlRef[];
}

export interface StmtState {
  stmt: DocStatement;
  before: SchemaState;
  after: SchemaState;
}

export interface SqlDoc {
  path: string;
  loc: SqlLocation;
  point: FolderPoint;
}

const statementsOf = new WeakMap<PreparedFile, DocStatement[]>();
const walks = new WeakMap<PreparedFile, { base: SchemaState; states: StmtState[] }>();

/** The statements of a prepared file with their references (cached per prepared file). */
export function fileStatements(file: PreparedFile): DocStatement[] {
  let out = statementsOf.get(file);
  if (out) return out;
  out = [];
  if (file.problems.some((p) => p.kind === 'split')) out = tokenSplit(file.text);
  else
    for (const s of file.stmts) {
      const last = out[out.length - 1];
      if (last && last.index === s.index) {
        if (s.node) last.nodes.push(s.node);
        continue;
      }
      const end = s.endIndex ?? s.index + s.text.length;
      out.push({ index: s.index, end, nodes: s.node ? [s.node] : [], error: !s.node, refs: statementRefs(tokenize(file.text, s.index, end)) });
    }
  statementsOf.set(file, out);
  return out;
}

/** Statements of a text the splitter rejected (an unterminated string while typing): split at top-level `;`. */
function tokenSplit(text: string): DocStatement[] {
  const out: DocStatement[] = [];
  const tokens = tokenize(text);
  let first = -1;
  const flush = (end: number) => {
    const start = tokens[first].start;
    const parsed = parseSql(text.slice(start, end));
    const nodes = parsed.ok ? parsed.stmts.map((p) => p.node) : [];
    out.push({ index: start, end, nodes, error: !parsed.ok, refs: statementRefs(tokenize(text, start, end)) });
  };
  tokens.forEach((t, i) => {
    if (t.kind === 'comment') return;
    if (first < 0) first = i;
    if (t.kind === 'punct' && t.value === ';') {
      flush(t.end);
      first = -1;
    }
  });
  if (first >= 0) flush(text.length);
  return out;
}

/** The state before and after each statement of a file, from `base` (the state before the file; cached). */
export function walkFile(file: PreparedFile, base: SchemaState): StmtState[] {
  const hit = walks.get(file);
  if (hit && hit.base === base) return hit.states;
  const states: StmtState[] = [];
  let s = base.clone();
  for (const stmt of fileStatements(file)) {
    const after = s.clone();
    for (const n of stmt.nodes) applyStatement(after, n, file.name);
    if (stmt.error) after.uncertain ??= `a statement that did not parse (${file.name})`;
    states.push({ stmt, before: s, after });
    s = after;
  }
  walks.set(file, { base, states });
  return states;
}

/** The state before the statement that holds (or follows) `offset`, and that statement's start. */
export function stateAt(doc: SqlDoc, offset: number): { state: SchemaState; walk: StmtState[]; at?: StmtState } {
  const walk = walkFile(doc.point.file, doc.point.state);
  let state = doc.point.state;
  for (const w of walk) {
    if (w.stmt.index <= offset && offset < w.stmt.end) return { state: w.before, walk, at: w };
    if (w.stmt.end <= offset) state = w.after;
  }
  return { state, walk };
}

export class SqlIntel {
  private docs = new Map<string, SqlDoc>();

  constructor(
    readonly lint: LintModel,
    private readonly locate: (absPath: string) => SqlLocation | undefined,
  ) {}

  /**
   * The document with the state before it. Kept between requests: typing in the document re-prepares only the
   * document (the state before it stays); `changed` drops what another file's change may have made stale.
   */
  doc(absPath: string): SqlDoc | undefined {
    const hit = this.docs.get(absPath);
    if (hit) {
      const file = this.lint.current(hit.point, hit.loc.only);
      if (file === hit.point.file) return hit;
      if (file) {
        const next = { ...hit, point: { ...hit.point, file, reprepared: 0 } };
        this.docs.set(absPath, next);
        return next;
      }
    }
    const loc = this.locate(absPath);
    if (!loc) return undefined;
    const name = absPath.slice(loc.folder.length + 1);
    const point = this.lint.stateBefore(loc.folder, name, loc.only);
    if (!point) return undefined;
    const doc = { path: absPath, loc, point };
    this.docs.set(absPath, doc);
    return doc;
  }

  /** A file changed (an open document's text, or on disk; undefined: anything): other documents' states may be stale. */
  changed(absPath?: string): void {
    for (const k of [...this.docs.keys()]) if (k !== absPath) this.docs.delete(k);
  }

  /** Every file of the doc's folder in order (earlier, itself, later), then the related desired-state files. */
  files(doc: SqlDoc): Array<{ path: string; file: PreparedFile }> {
    const at = (f: PreparedFile) => ({ path: `${doc.loc.folder}/${f.name}`, file: f });
    const out = [...doc.point.earlier.map(at), at(doc.point.file), ...this.lint.filesAfter(doc.loc.folder, doc.point).map(at)];
    if (doc.loc.only) out.splice(1);
    for (const r of doc.loc.related) {
      if (r === doc.path || out.some((o) => o.path === r)) continue;
      const other = this.doc(r);
      if (other) out.push({ path: r, file: other.point.file });
    }
    return out;
  }
}

/** "schema.name" of a relation, unqualified names in `defaultSchema`. */
export const relKey = (r: RelName | undefined, defaultSchema = 'public'): string => (r ? `${r.schema ?? defaultSchema}.${r.name}` : '');

/** The key of the object a reference names, as "kind:schema.table[.member]" (labels: their column). */
export function refKey(r: SqlRef, defaultSchema = 'public'): string {
  if (r.kind === 'column' || r.kind === 'constraint') return `${r.kind}:${relKey(r.table, defaultSchema)}.${r.name}`;
  if (r.kind === 'schema') return `schema:${r.name}`;
  if (r.kind === 'label') return `label:${r.name}`;
  return `${r.kind}:${r.schema ?? defaultSchema}.${r.name}`;
}

/** 0-based line of a UTF-16 offset. */
export function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** UTF-16 offset of an LSP position. */
export function offsetAt(text: string, pos: { line: number; character: number }): number {
  let off = 0;
  for (let l = 0; l < pos.line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return Math.min(off + pos.character, text.length);
}
