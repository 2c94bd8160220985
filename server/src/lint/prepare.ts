// Turns a migration file into what the analyzers read: Atlas's statements (the shared splitter), each parsed by
// the real PostgreSQL parser, with positions as byte offsets (Atlas's Pos) and UTF-16 indexes (editor ranges).
import { fileDirectives } from '../migrate/directives';
import { textProblem } from '../migrate/dir';
import { SplitError, splitStatements, type Stmt } from '../migrate/splitter';
import { fileVersion } from '../migrate/version';
import { OffsetMap } from '../sql/offsets';
import { nodeKind, parseSql } from '../sql/parser';

/** Statements that never change the schema: not counted as schema changes. */
const notSchema = new Set([
  'SelectStmt',
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'TransactionStmt',
  'VariableSetStmt',
  'VariableShowStmt',
  'CopyStmt',
  'ExplainStmt',
  'DoStmt',
  'CallStmt',
  'LockStmt',
  'NotifyStmt',
  'VacuumStmt',
  'CheckPointStmt',
]);
import type { LintStatement } from './analyzer';

export interface FileProblem {
  message: string;
  /** byte offset in the file */
  byte: number;
  /** UTF-16 index in the file */
  index: number;
  kind: 'syntax' | 'split' | 'content';
}

export interface PreparedFile {
  name: string;
  version: string;
  text: string;
  bytes: Uint8Array;
  stmts: LintStatement[];
  /** `atlas:nolint` header directive values, one per directive ("" = bare) */
  nolint: string[];
  txmodeNone: boolean;
  checkpoint: boolean;
  /** split statements */
  statementCount: number;
  /** statements that change the schema (DDL), reported as "schema changes" */
  changeCount: number;
  problems: FileProblem[];
  offsets: OffsetMap;
}

/** Byte offset where the 0-based line starts. */
function lineStartByte(bytes: Uint8Array, line: number): number {
  let at = 0;
  for (let n = 0; n < line; n++) {
    const nl = bytes.indexOf(10, at);
    if (nl < 0) return at;
    at = nl + 1;
  }
  return at;
}

/**
 * Prepares one file. Never throws on bad content: problems are returned with their position.
 * @param reader version and statements of a file of another tool's folder (`?format=`), read as its format reads it;
 *   `sourceOffset` maps the offsets of what it read (a goose/dbmate up part) back to the file's own bytes
 */
export function prepareFile(
  name: string,
  content: Uint8Array | string,
  reader?: { version: string; stmts(): Stmt[]; sourceOffset?(byte: number): number },
): PreparedFile {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const text = typeof content === 'string' ? content : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const offsets = new OffsetMap(text);
  const file: PreparedFile = {
    name,
    version: reader?.version ?? fileVersion(name),
    text,
    bytes,
    stmts: [],
    nolint: [],
    txmodeNone: false,
    checkpoint: false,
    statementCount: 0,
    changeCount: 0,
    problems: [],
    offsets,
  };
  const bad = textProblem(bytes);
  if (bad) {
    file.problems.push({ message: `${name}: ${bad}`, byte: 0, index: 0, kind: 'content' });
    return file;
  }
  const d = fileDirectives(text);
  file.nolint = d.nolint;
  file.txmodeNone = d.txmode.length === 1 && d.txmode[0] === 'none';
  file.checkpoint = d.checkpoint.length > 0;
  let split;
  try {
    split = reader ? reader.stmts() : splitStatements(bytes);
  } catch (e) {
    if (!(e instanceof SplitError)) throw e;
    const byte = e.offset === 0 && e.line > 1 ? lineStartByte(bytes, e.line - 1) : (reader?.sourceOffset?.(e.offset) ?? e.offset);
    file.problems.push({ message: e.message, byte, index: offsets.toUtf16(byte), kind: 'split' });
    return file;
  }
  const at = (b: number) => reader?.sourceOffset?.(b) ?? b;
  file.statementCount = split.length;
  for (const s of split) {
    const nolint = s.directive('nolint');
    const start = at(s.start);
    const base: LintStatement = { text: s.text, pos: s.pos, index: offsets.toUtf16(start), start, nolint };
    if (reader?.sourceOffset) base.endIndex = offsets.toUtf16(at(s.start + Buffer.byteLength(s.text, 'utf8')));
    const parsed = parseSql(s.text);
    if (!parsed.ok) {
      const byte = at(s.start + parsed.error.byte);
      file.stmts.push({ ...base, error: parsed.error });
      file.problems.push({ message: parsed.error.message, byte, index: offsets.toUtf16(byte), kind: 'syntax' });
      continue;
    }
    for (const p of parsed.stmts) file.stmts.push({ ...base, node: p.node });
    if (parsed.stmts.some((p) => !notSchema.has(nodeKind(p.node) ?? ''))) file.changeCount++;
  }
  return file;
}
