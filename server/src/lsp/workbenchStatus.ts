// Pure merge of a migration folder with `migrate status --format '{{ json . }}'` into per-file states for the
// Migrations tree (applied with time and duration, pending, partially applied with the failing statement, out of
// order, checksum-edited), plus the view's welcome state for an error kind.
import type { EngineErrorKind, MigrationFileInfo, MigrationStatusResult, StatusErrorKind } from '../protocol';

import type { AtlasFile, AtlasStatusJson } from '../migrate/status';
import { splitName } from '../migrate/version';

export type { AtlasStatusJson };

export interface FolderFile {
  name: string;
  path: string;
  content: string;
  /** version and description as the folder's format reads them (Atlas's rule from the name when absent) */
  version?: string;
  description?: string;
}

/** 0-based line where `stmt` starts in `content` (whitespace-insensitive), or undefined. */
export function statementLine(content: string, stmt: string): number | undefined {
  const probe = stmt.trim().split(/\s+/).slice(0, 6).join(' ');
  if (!probe) return undefined;
  const lines = content.split('\n');
  const words = probe.split(' ');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim().startsWith(words[0])) continue;
    const window = lines
      .slice(i, i + words.length + 2)
      .join(' ')
      .trim()
      .split(/\s+/)
      .join(' ');
    if (window.startsWith(probe)) return i;
  }
  return undefined;
}

/** Version and description of a folder file: its format's, else Atlas's rule from the name. */
export function fileIdentity(f: FolderFile): { version: string; description: string } {
  return f.version !== undefined ? { version: f.version, description: f.description ?? '' } : splitName(f.name);
}

export function mergeStatus(files: FolderFile[], status: AtlasStatusJson, edited: ReadonlySet<string> = new Set()): MigrationFileInfo[] {
  const revisions = new Map((status.Applied ?? []).map((r) => [r.Version, r]));
  const versionsOf = (l?: AtlasFile[]) => new Set((l ?? []).map((f) => f.Version ?? splitName(f.Name ?? '').version));
  const pending = versionsOf(status.Pending);
  const outOfOrder = versionsOf(status.OutOfOrder);
  return files.map((f) => {
    const { version, description } = fileIdentity(f);
    const info: MigrationFileInfo = { name: f.name, version, description, path: f.path, state: 'unknown' };
    const rev = revisions.get(version);
    if (outOfOrder.has(version)) info.state = 'outOfOrder';
    else if (rev) {
      info.executedAt = rev.ExecutedAt;
      info.executionTimeNs = rev.ExecutionTime;
      info.applied = rev.Applied;
      info.total = rev.Total;
      const partial = !!rev.Error || (rev.Total !== undefined && rev.Applied !== undefined && rev.Applied < rev.Total);
      info.state = partial ? 'partial' : 'applied';
      if (partial) {
        info.error = rev.Error ?? status.Error;
        info.errorStmt = rev.ErrorStmt ?? status.SQL;
        if (info.errorStmt) info.errorLine = statementLine(f.content, info.errorStmt);
      }
    } else if (pending.has(version)) info.state = 'pending';
    if (edited.has(f.name)) {
      info.edited = true;
      if (info.state === 'applied') info.state = 'edited';
    }
    return info;
  });
}

/** The Migrations view's welcome state for a failed status, from the engine's typed error kind. */
export function statusErrorKind(kind: EngineErrorKind): StatusErrorKind {
  switch (kind) {
    case 'unresolved':
      return 'unresolved';
    case 'authFailed':
      return 'password';
    case 'connectionRefused':
      return 'unreachable';
    default:
      return 'other';
  }
}

/** Builds the result from a merged list and the status JSON. */
export function statusResult(
  base: Pick<MigrationStatusResult, 'env' | 'projectUri' | 'dir'>,
  files: MigrationFileInfo[],
  status: AtlasStatusJson,
): MigrationStatusResult {
  return {
    ...base,
    files,
    status: status.Status,
    current: status.Current,
    next: status.Next,
    pendingCount: files.filter((f) => f.state === 'pending' || f.state === 'outOfOrder').length || (status.Pending?.length ?? 0),
  };
}
