// The real PostgreSQL parser (libpg-query, WASM, PG 18 grammar). Load once with `initSqlParser()`,
// then parse synchronously. Never throws on bad SQL: syntax errors come back with their position.
// libpg-query starts instantiating its WASM as soon as it is evaluated: import it only in initSqlParser, so
// loading this module (the language server does at start) costs nothing until SQL is parsed.
import type { Node, RawStmt } from 'libpg-query';
import { OffsetMap } from './offsets';

export type { Node, RawStmt };

let loading: Promise<void> | undefined;
let ready = false;
let parseSync: typeof import('libpg-query').parseSync = () => {
  throw new Error('SQL parser not loaded: call initSqlParser() first');
};

/** Loads the WASM parser (idempotent; concurrent callers share one load). */
export function initSqlParser(): Promise<void> {
  loading ??= import('libpg-query').then(async (mod) => {
    // bundled as ESM, the package's CommonJS build comes back as the default export
    type Lib = typeof import('libpg-query');
    const lib: Lib = typeof mod.loadModule === 'function' ? mod : (mod as Lib & { default: Lib }).default;
    await lib.loadModule();
    parseSync = lib.parseSync;
    ready = true;
  });
  return loading;
}

export function sqlParserReady(): boolean {
  return ready;
}

export interface SqlSyntaxError {
  message: string;
  /** UTF-16 index in the parsed text */
  index: number;
  /** UTF-8 byte offset in the parsed text */
  byte: number;
}

export interface ParsedStatement {
  node: Node;
  /** UTF-8 byte offset and length inside the parsed text (protobuf zero fields filled in) */
  byteStart: number;
  byteLength: number;
}

export type ParseOutcome = { ok: true; stmts: ParsedStatement[] } | { ok: false; error: SqlSyntaxError };

/** Parses SQL text (one or more statements). Requires `initSqlParser()` to have resolved. */
export function parseSql(text: string): ParseOutcome {
  if (!ready) throw new Error('SQL parser not initialised: await initSqlParser() first');
  try {
    const res = parseSync(text);
    const offsets = new OffsetMap(text);
    const total = offsets.byteLength;
    const stmts: ParsedStatement[] = [];
    for (const raw of res.stmts ?? []) {
      if (!raw.stmt) continue;
      const start = raw.stmt_location ?? 0;
      const len = raw.stmt_len ?? total - start; // omitted for the last statement = to the end
      stmts.push({ node: raw.stmt, byteStart: start, byteLength: len });
    }
    return { ok: true, stmts };
  } catch (e) {
    return { ok: false, error: syntaxError(text, e) };
  }
}

function syntaxError(text: string, e: unknown): SqlSyntaxError {
  const details = (e as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
  const message = details?.message ?? (e instanceof Error ? e.message : String(e));
  const offsets = new OffsetMap(text);
  // cursorPosition is a 0-based code-point index (0 also when unknown, e.g. unterminated input).
  const index = details?.cursorPosition !== undefined ? offsets.codePointToUtf16(details.cursorPosition) : 0;
  return { message, index, byte: offsets.toByte(index) };
}

/** The single key of a protobuf-JSON node ({ AlterTableStmt: {...} } → 'AlterTableStmt'). */
export function nodeKind(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  for (const k in node) return k;
  return undefined;
}

/** Payload of a node if it is of the given kind. */
export function nodeAs<K extends NodeKey>(node: Node | undefined, kind: K): NodePayload<K> | undefined {
  if (!node || !(kind in node)) return undefined;
  return (node as Record<string, unknown>)[kind] as NodePayload<K>;
}

type UnionKeys<T> = T extends unknown ? keyof T : never;
export type NodeKey = UnionKeys<Node>;
export type NodePayload<K extends NodeKey> = Extract<Node, Record<K, unknown>>[K];

/** String values of a list of `{String: {sval}}` nodes (qualified names, column lists). */
export function strings(nodes: Node[] | undefined): string[] {
  return (nodes ?? []).map((n) => nodeAs(n, 'String')?.sval ?? '').filter((s) => s !== '');
}
