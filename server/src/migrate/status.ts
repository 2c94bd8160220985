// `migrate status`: the state of a database against a migration folder, as Atlas's
// StatusReporter computes it, with its text template and `{{ json . }}` output.
import { openDatabase } from '../db/connect';
import type { MigrationDir, MigrationFile } from './dir';
import { outOfOrderMessage, pendingFiles, PendingError } from './pending';
import { revisionsSchemaFor } from './apply';
import { rfc3339Nano, urlJson } from './report';
import { revisionTypeName, RevisionStore, TYPE_RESOLVED, type Revision } from './revisions';

export interface StatusReport {
  url: string;
  schema?: string;
  dir: string;
  available: MigrationFile[];
  pending: MigrationFile[];
  outOfOrder: MigrationFile[];
  applied: Revision[];
  current: string;
  next: string;
  count: number;
  total: number;
  status: 'OK' | 'PENDING';
  error: string;
  sql: string;
}

export interface StatusOptions {
  url: string;
  dir: MigrationDir;
  revisionsSchema?: string;
  label?: string;
}

export async function migrateStatus(o: StatusOptions): Promise<StatusReport> {
  const db = await openDatabase(o.url, { label: o.label });
  try {
    const store = new RevisionStore(db, revisionsSchemaFor(db, o.revisionsSchema));
    const revisions = await store.read();
    return computeStatus(o.dir, revisions, o.url, db.schema);
  } finally {
    await db.close();
  }
}

/** Pure part: the report for a folder and the recorded revisions. */
export async function computeStatus(dir: MigrationDir, revisions: Revision[], url: string, schema?: string): Promise<StatusReport> {
  const files = dir.files();
  const r: StatusReport = {
    url,
    schema,
    dir: dir.url,
    available: [],
    pending: [],
    outOfOrder: [],
    applied: revisions,
    current: '',
    next: '',
    count: 0,
    total: 0,
    status: 'OK',
    error: '',
    sql: '',
  };
  if (revisions.length === 0) {
    r.pending = dir.filesFromLastCheckpoint();
  } else {
    try {
      r.pending = (await pendingFiles({ files, revisions, execOrder: 'linear', uncleanReason: async () => undefined })).pending;
    } catch (e) {
      if (!(e instanceof PendingError) || e.outOfOrder.length === 0) throw e;
      r.outOfOrder = e.outOfOrder;
      r.error = e.message;
      const last = revisions[revisions.length - 1].version;
      r.pending = files.filter((f) => !f.isCheckpoint() && f.version > last);
    }
  }
  r.available = revisions.length === 0 ? r.pending : files;
  r.current = r.pending.length === r.available.length || revisions.length === 0 ? 'No migration applied yet' : revisions[revisions.length - 1].version;
  if (r.pending.length === 0 && r.outOfOrder.length === 0) {
    r.status = 'OK';
    r.next = 'Already at latest version';
  } else {
    r.status = 'PENDING';
    r.next = r.outOfOrder.length > 0 ? 'UNKNOWN' : r.pending[0].version + (revisions.length === 0 && r.pending[0].isCheckpoint() ? ' (checkpoint)' : '');
  }
  const last = revisions[revisions.length - 1];
  if (last && (last.type & TYPE_RESOLVED) === 0 && last.applied < last.total) {
    r.count = last.applied;
    const f = files.find((x) => x.version === last.version);
    r.total = f ? f.stmts().length : last.total;
    r.sql = last.errorStmt.replace(/\n/g, ' ');
    r.error = last.error.replace(/\n/g, ' ');
  }
  return r;
}

export function statusText(r: StatusReport): string {
  const partial = r.count > 0 || r.total > 0;
  let out = `Migration Status: ${r.status}\n`;
  out += `  -- Current Version: ${r.current}${partial ? ` (${r.count} statements applied)` : ''}\n`;
  out += `  -- Next Version:    ${r.next}${partial ? ` (${r.total - r.count} statements left)` : ''}\n`;
  out += `  -- Executed Files:  ${r.applied.length}${partial ? ' (last one partially)' : ''}\n`;
  const ooo = r.outOfOrder.length;
  const pend = r.pending.length + ooo;
  out += `  -- Pending Files:   ${pend}${ooo > 0 ? (r.pending.length > 0 ? ` (${ooo} out of order)` : ' (out of order)') : ''}\n`;
  if (partial && (r.sql || r.error)) out += `\nLast migration attempt had errors:\n  -- SQL:   ${r.sql}\n  -- ERROR: ${r.error}\n`;
  if (ooo > 0) out += `\n  ERROR: ${outOfOrderMessage(r.outOfOrder)}\n`;
  return out;
}

const fileJson = (f: MigrationFile) => ({ Name: f.name, Version: f.version || undefined, Description: f.desc || undefined });
const nonEmpty = <T>(xs: T[]) => (xs.length ? xs : undefined);

export function revisionJson(r: Revision): Record<string, unknown> {
  return {
    Version: r.version,
    Description: r.description,
    Type: revisionTypeName(r.type),
    Applied: r.applied,
    Total: r.total,
    ExecutedAt: rfc3339Nano(r.executedAt),
    ExecutionTime: Number(r.executionTime),
    Error: r.error || undefined,
    ErrorStmt: r.errorStmt || undefined,
    OperatorVersion: r.operatorVersion,
  };
}

export function statusJson(r: StatusReport): string {
  return JSON.stringify({
    Env: { Driver: 'postgres', URL: urlJson(r.url, r.schema), Dir: r.dir },
    Available: nonEmpty(r.available.map(fileJson)),
    OutOfOrder: nonEmpty(r.outOfOrder.map(fileJson)),
    Pending: nonEmpty(r.pending.map(fileJson)),
    Applied: nonEmpty(r.applied.map(revisionJson)),
    Current: r.current || undefined,
    Next: r.next || undefined,
    Count: r.count || undefined,
    Total: r.total || undefined,
    Status: r.status,
    Error: r.error || undefined,
    SQL: r.sql || undefined,
  });
}

/** Atlas's `MigrateStatus` JSON (cmdlog.MigrateStatus; all fields omitempty). */
export interface AtlasStatusJson {
  Available?: AtlasFile[];
  Pending?: AtlasFile[];
  OutOfOrder?: AtlasFile[];
  Applied?: AtlasRevision[];
  Current?: string;
  Next?: string;
  Count?: number;
  Total?: number;
  Status?: string;
  Error?: string;
  SQL?: string;
}
export interface AtlasFile {
  Name?: string;
  Version?: string;
  Description?: string;
}
export interface AtlasRevision {
  Version: string;
  Description?: string;
  Type?: string;
  Applied?: number;
  Total?: number;
  ExecutedAt?: string;
  ExecutionTime?: number;
  Error?: string;
  ErrorStmt?: string;
}
