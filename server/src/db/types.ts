// Database access used by the engine: one interface over node `pg` (real PostgreSQL) and PGlite.
export interface QueryResult<R = Record<string, unknown>> {
  rows: R[];
  rowCount?: number | null;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** Runs one or more statements without parameters (simple query protocol). */
  exec(sql: string): Promise<void>;
  /**
   * Runs several statements without parameters in one round trip (simple query protocol) and returns one result
   * per statement, in order. For read-only batches (inspection): each round trip costs ~1-2 ms on the embedded server.
   */
  queryAll(sql: string): Promise<QueryResult[]>;
}

export interface Database extends Queryable {
  /** URL with the password masked, for display. */
  readonly displayUrl: string;
  /** search_path of the URL if it is schema-scoped (Atlas: schema scope), else undefined (realm scope). */
  readonly schema?: string;
  /** 'postgres' for real servers, 'pglite' for embedded ones */
  readonly kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/**
 * Error raised for connection problems; its message never contains the password. Kept here, not beside node `pg` in
 * postgres.ts: engine/errors.ts tests for it, and a command that never connects must not load `pg` (~90 ms).
 */
export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly position?: number,
  ) {
    super(message);
  }
}
