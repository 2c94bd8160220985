// Atlas's output for `migrate apply`: the text template and `{{ json . }}`, and the
// pieces status/set share (Go durations, the URL JSON shape).
import { maskUrl } from '../secrets';
import type { MigrationFile } from './dir';
import type { AppliedFile } from './executor';

/** Go's time.Duration.String() for a number of nanoseconds. */
export function goDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let n = neg ? -ns : ns;
  const sign = neg ? '-' : '';
  const frac = (v: bigint, digits: number) => {
    const s = v.toString().padStart(digits, '0').replace(/0+$/, '');
    return s ? `.${s}` : '';
  };
  if (n < 1000n) return `${sign}${n}ns`;
  if (n < 1_000_000n) return `${sign}${n / 1000n}${frac(n % 1000n, 3)}µs`;
  if (n < 1_000_000_000n) return `${sign}${n / 1_000_000n}${frac(n % 1_000_000n, 6)}ms`;
  let out = '';
  const h = n / 3_600_000_000_000n;
  n %= 3_600_000_000_000n;
  const m = n / 60_000_000_000n;
  n %= 60_000_000_000n;
  if (h > 0n) out += `${h}h`;
  if (h > 0n || m > 0n) out += `${m}m`;
  out += `${n / 1_000_000_000n}${frac(n % 1_000_000_000n, 9)}s`;
  return sign + out;
}

/** sqlclient.URL as JSON (Go's url.URL fields + Schema); the password is never serialised. */
export function urlJson(url: string, schema?: string): Record<string, unknown> {
  let u: URL | undefined;
  try {
    u = new URL(maskUrl(url));
  } catch {
    u = undefined;
  }
  return {
    Scheme: u ? u.protocol.replace(/:$/, '') : '',
    Opaque: '',
    User: u?.username ? {} : null,
    Host: u?.host ?? '',
    Path: u?.pathname ?? '',
    RawPath: '',
    OmitHost: false,
    ForceQuery: false,
    RawQuery: u?.search.replace(/^\?/, '') ?? '',
    Fragment: '',
    RawFragment: '',
    Schema: schema ?? '',
  };
}

/** Go's RFC3339Nano of a Date (local offset as Go prints time.Now()). */
export function rfc3339Nano(d: Date, extraNs = 0): string {
  const off = -d.getTimezoneOffset();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const local = new Date(d.getTime() + off * 60_000);
  const frac = (pad(local.getUTCMilliseconds(), 3) + pad(extraNs, 6)).replace(/0+$/, '');
  const zone = off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${frac ? `.${frac}` : ''}${zone}`;
}

export interface ApplyReport {
  driver: string;
  url: string;
  schema?: string;
  dir: string;
  pending: MigrationFile[];
  applied: AppliedFile[];
  current: string;
  target: string;
  start: Date;
  end: Date;
  startNs: bigint;
  endNs: bigint;
  error?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

function summary(r: ApplyReport): string[] {
  let passedC = 0,
    failedC = 0,
    passedS = 0,
    failedS = 0;
  for (const f of r.applied) {
    passedS += f.applied.length;
    if (f.error) {
      failedC++;
      passedS--;
      failedS++;
    } else passedC++;
  }
  const lines = [goDuration(r.endNs - r.startNs)];
  if (failedC === 0) lines.push(plural(passedC, 'migration'));
  else if (passedC > 0) lines.push(`${passedC} migration${passedC > 1 ? 's' : ''} ok, ${failedC} with errors`);
  else lines.push(`${plural(failedC, 'migration')} with errors`);
  if (failedS === 0) lines.push(plural(passedS, 'sql statement'));
  else if (passedS > 0) lines.push(`${passedS} sql statement${passedS > 1 ? 's' : ''} ok, ${failedS} with errors`);
  else lines.push(`${plural(failedS, 'sql statement')} with errors`);
  return lines;
}

/** The default (text) apply output. */
export function applyText(r: ApplyReport): string {
  if (r.pending.length === 0) return 'No migration files to execute\n';
  let out = `Migrating to version ${r.target}${r.current ? ` from ${r.current}` : ''} (${r.pending.length} migrations in total):\n`;
  for (const [i, f] of r.applied.entries()) {
    out += i === 0 ? '\n' : '\n\n';
    out += `  -- migrating version ${f.file.version}${f.skipped ? ` (partially applied - skipping ${f.skipped} statements)` : ''}`;
    for (const s of f.applied) out += `\n    -> ${s.split('\n').join('\n       ')}`;
    out += f.error ? `\n    ${f.error.Text}` : `\n  -- ok (${goDuration(f.endNs - f.startNs)})`;
  }
  out += '\n\n  -------------------------\n  -- ' + summary(r).join('\n  -- ') + '\n';
  return out;
}

const fileJson = (f: MigrationFile) => ({ Name: f.name, Version: f.version || undefined, Description: f.desc || undefined });

/** `{{ json . }}` of MigrateApply. */
export function applyJson(r: ApplyReport): string {
  const v: Record<string, unknown> = {
    Driver: r.driver,
    URL: urlJson(r.url, r.schema),
    Dir: r.dir,
    Pending: r.pending.length ? r.pending.map(fileJson) : undefined,
    Applied: r.applied.length
      ? r.applied.map((f) => ({
          ...fileJson(f.file),
          Start: rfc3339Nano(f.start),
          End: rfc3339Nano(f.end),
          Skipped: f.skipped,
          Applied: f.applied,
          Error: f.error,
        }))
      : undefined,
    Current: r.current || undefined,
    Target: r.target || undefined,
    Start: rfc3339Nano(r.start),
    End: rfc3339Nano(r.end),
    Error: r.error || undefined,
    Message:
      r.pending.length === 0
        ? 'No migration files to execute'
        : r.error
          ? undefined
          : `Migrated to version ${r.target}${r.current ? ` from ${r.current}` : ''} (${r.pending.length} migrations in total)`,
  };
  return JSON.stringify(v);
}
