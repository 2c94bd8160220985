// Pure presentation of migration states (no vscode import: unit-tested and benchmarked directly).
import type { MigrationFileInfo, MigrationStatusResult } from '../../../server/src/protocol';

export interface FileLabel {
  label: string;
  description: string;
  tooltip: string;
  /** codicon id */
  icon: string;
  /** theme color id for the icon */
  color?: string;
  contextValue: string;
}

/** Go's time.Duration.String() style for nanoseconds: 1.234ms, 2.5s, 850µs. */
export function formatDuration(ns: number | undefined): string {
  if (ns === undefined || !Number.isFinite(ns)) return '';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trim(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trim(ns / 1e6)}ms`;
  return `${trim(ns / 1e9)}s`;
}
const trim = (n: number) => String(Number(n.toFixed(3)));

/** `2026-01-26 10:31:05` from an RFC3339 time (UTC), or the raw text. */
export function formatTime(t: string | undefined): string {
  if (!t) return '';
  const d = new Date(t);
  return Number.isNaN(d.getTime())
    ? t
    : d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z')
        .replace('Z', ' UTC');
}

export function fileLabel(f: MigrationFileInfo): FileLabel {
  const label = f.name;
  switch (f.state) {
    case 'applied': {
      const when = formatTime(f.executedAt);
      const took = formatDuration(f.executionTimeNs);
      return {
        label,
        description: `applied ${when}${took ? ` in ${took}` : ''}`.trim(),
        tooltip: `${f.name}\nApplied ${when}${took ? `, took ${took}` : ''}`,
        icon: 'pass-filled',
        color: 'testing.iconPassed',
        contextValue: 'migration.applied',
      };
    }
    case 'edited':
      return {
        label,
        description: 'applied, then edited (checksum mismatch)',
        tooltip: `${f.name}\nThe file changed after it was applied: atlas.sum no longer matches. Restore it or run Migrate Hash.`,
        icon: 'warning',
        color: 'problemsWarningIcon.foreground',
        contextValue: 'migration.edited',
      };
    case 'partial': {
      const counts = f.applied !== undefined && f.total !== undefined ? ` (${f.applied} of ${f.total} statements)` : '';
      return {
        label,
        description: `partially applied${counts}: ${firstLine(f.error)}`,
        tooltip: `${f.name}\nPartially applied${counts}.\nFailed statement: ${f.errorStmt ?? '?'}\nError: ${f.error ?? '?'}`,
        icon: 'error',
        color: 'testing.iconFailed',
        contextValue: 'migration.partial',
      };
    }
    case 'outOfOrder':
      return {
        label,
        description: 'out of order',
        tooltip: `${f.name}\nAdded with a version lower than the last applied one (non-linear). See https://atlasgo.io/versioned/apply#non-linear-error`,
        icon: 'arrow-swap',
        color: 'problemsWarningIcon.foreground',
        contextValue: 'migration.outOfOrder',
      };
    case 'pending':
      return {
        label,
        description: f.edited ? 'pending (atlas.sum out of date)' : 'pending',
        tooltip: `${f.name}\nNot applied yet.`,
        icon: 'circle-large-outline',
        contextValue: 'migration.pending',
      };
    default:
      return { label, description: '', tooltip: f.name, icon: 'file', contextValue: 'migration.unknown' };
  }
}

const firstLine = (s: string | undefined) => (s ?? '').split('\n')[0];

/** One-line summary of an env's status, as `migrate status` reports it. */
export function envStatusLine(s: MigrationStatusResult | undefined): string {
  if (!s) return 'loading…';
  if (s.error) return `error: ${firstLine(s.error)}`;
  if (s.status === 'OK') return `OK · version ${s.current ?? '?'}`;
  if (s.status) return `${s.status} · ${s.pendingCount} pending · next ${s.next ?? '?'}`;
  return '';
}

/** Labels for every file of every env (what a tree refresh computes). */
export function labelAll(statuses: Iterable<MigrationStatusResult>): FileLabel[] {
  const out: FileLabel[] = [];
  for (const s of statuses) for (const f of s.files) out.push(fileLabel(f));
  return out;
}
