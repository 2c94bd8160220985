// The resolved env list of one atlas.hcl, kept per file version: a refresh lists the envs once and every env's
// status asks again, so without it atlas.hcl is parsed and evaluated 1 + N times per refresh (N envs).
// A version is the file's content on disk plus everything evaluation reads: the environment
// (process, .env, secrets), the .env file itself and the settings that shape the result.
import { createHash } from 'node:crypto';
import fs from 'node:fs';

export interface VersionInput {
  configPath: string;
  dotenvPath?: string;
  environ: Record<string, string | undefined>;
  extra?: string;
}

/** The file's content (reading is cheap next to parsing and evaluating it; mtimes can repeat within a tick). */
function stamp(file: string | undefined): Buffer | string {
  if (!file) return '-';
  try {
    return fs.readFileSync(file);
  } catch {
    return 'missing';
  }
}

/** The version key of a project's env list. */
export function envListVersion(i: VersionInput): string {
  const h = createHash('sha256');
  h.update(i.configPath).update('\0');
  h.update(stamp(i.configPath)).update('\0'); // the config engine reads atlas.hcl from disk
  h.update(i.dotenvPath ?? '')
    .update('\0')
    .update(stamp(i.dotenvPath))
    .update('\0');
  h.update(
    JSON.stringify(
      Object.entries(i.environ)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
  ).update('\0');
  h.update(i.extra ?? '');
  return h.digest('hex');
}

/** One entry per project: the latest version's value. */
export class EnvListCache<T> {
  private entries = new Map<string, { version: string; value: Promise<T> }>();
  misses = 0;

  get(configPath: string, version: string, compute: () => Promise<T>): Promise<T> {
    const e = this.entries.get(configPath);
    if (e && e.version === version) return e.value;
    this.misses++;
    const value = compute();
    this.entries.set(configPath, { version, value });
    value.catch(() => {
      if (this.entries.get(configPath)?.value === value) this.entries.delete(configPath);
    });
    return value;
  }
}
