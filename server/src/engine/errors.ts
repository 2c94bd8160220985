// The engine API's one error type: a `kind` the editor and the CLI can act on, and Atlas's message text.
// Engine functions throw only EngineError; `toEngineError` maps what the layers below throw onto a kind.
import { NotCleanError } from '../db/clean';
import { DatabaseError } from '../db/types';
import { ChecksumError, SumError } from '../migrate/sum';
import { LockError } from '../migrate/lock';

export type EngineErrorKind =
  | 'connectionRefused'
  | 'authFailed'
  | 'checksumMismatch'
  | 'dirtyDevDatabase'
  | 'lockTimeout'
  | 'planChanged'
  | 'notFound'
  | 'invalidInput'
  | 'unresolved'
  | 'destructive'
  | 'cancelled'
  | 'execution'
  /** the operation is not available on this engine (e.g. the `atlas` binary engine) */
  | 'unsupported'
  | 'other';

/** Output Atlas prints before `Error: <message>` (e.g. the checksum hint), and a partial result to still show. */
export interface EngineErrorDetail<R = unknown> {
  preamble?: string;
  partial?: R;
  /** a cancelled run: the version it stopped in or before, and the first statement that did not run (0-based) */
  stopped?: StoppedAt;
}

/** Where a cancelled apply stopped; `rolledBack`: the file (or, with tx mode all, the run) was rolled back. */
export interface StoppedAt {
  version: string;
  statement?: number;
  total?: number;
  rolledBack: boolean;
}

export class EngineError<R = unknown> extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    readonly detail: EngineErrorDetail<R> = {},
  ) {
    super(message);
  }
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']);

/** The kind of an error thrown below the engine (database, folder, lock, dev database). */
export function errorKind(e: unknown): EngineErrorKind {
  if (e instanceof EngineError) return e.kind;
  if (e instanceof ChecksumError || e instanceof SumError) return 'checksumMismatch';
  if (e instanceof NotCleanError) return 'dirtyDevDatabase';
  if (e instanceof LockError) return /lock is held/.test(e.message) ? 'lockTimeout' : 'invalidInput';
  const code = (e as { code?: unknown } | undefined)?.code;
  if (e instanceof DatabaseError || typeof code === 'string') {
    if (typeof code === 'string' && CONNECT_CODES.has(code)) return 'connectionRefused';
    if (code === '28P01' || code === '28000') return 'authFailed';
    if (code === '3D000') return 'notFound';
  }
  if (e instanceof Error && e.name === 'AbortError') return 'cancelled';
  return 'other';
}

/** `e` as an EngineError (kept when it already is one), with an optional partial result and preamble. */
export function toEngineError<R>(e: unknown, detail: EngineErrorDetail<R> = {}): EngineError<R> {
  if (e instanceof EngineError) return e as EngineError<R>;
  return new EngineError<R>(errorKind(e), e instanceof Error ? e.message : String(e), detail);
}
