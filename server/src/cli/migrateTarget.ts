// What `migrate apply/status/set/down` share: --url / --env resolution (URL flags win over atlas.hcl),
// the migration folder, and output formats.
import path from 'node:path';
import { str, strs, type FlagSpec, type Parsed } from './args';
import { UserError, type CliIO } from './io';
import { dirFlags, dirFromFlags } from './migrateHash';
import { missingUrlReason } from '../config/unsetGetenv';
import type { ResolvedEnv } from '../config/types';
import { DirError, openDir, type MigrationDir } from '../migrate/dir';
import { maskUrl } from '../db/url';
import { withDirFormat } from '../migrate/formats';

export const targetFlags: FlagSpec = {
  ...dirFlags,
  url: { type: 'string', short: 'u' },
  'revisions-schema': { type: 'string' },
  format: { type: 'string' },
};

export interface Target {
  url: string;
  dir: MigrationDir;
  env?: ResolvedEnv;
  /** `env "name"` for messages */
  label?: string;
}

/** The target of the first env instance (or of the flags alone). */
export async function targetFromFlags(io: CliIO, p: Parsed, needUrl = true): Promise<Target> {
  return (await targetsFromFlags(io, p, needUrl))[0];
}

/** One target per env instance selected by --env (`for_each` gives several, run in order as Atlas does). */
export async function targetsFromFlags(io: CliIO, p: Parsed, needUrl = true): Promise<Target[]> {
  if (str(p, 'env') === undefined) return [await targetFor(io, p, undefined, needUrl)];
  const { envsFromFlags } = await import('./project');
  const envs = await envsFromFlags(io, { config: str(p, 'config'), env: str(p, 'env'), var: strs(p, 'var') });
  if (envs.length === 0) throw new UserError(`env "${str(p, 'env')}" not defined in project file`);
  const out: Target[] = [];
  for (const env of envs) out.push(await targetFor(io, p, env, needUrl));
  return out;
}

async function targetFor(io: CliIO, p: Parsed, env: ResolvedEnv | undefined, needUrl: boolean): Promise<Target> {
  const label = env ? `env "${env.name ?? str(p, 'env')}"` : undefined;
  let url = str(p, 'url') ?? env?.url;
  if (env && str(p, 'url') === undefined && env.unresolved.url) throw new UserError(`${label}: url: ${env.unresolved.url}`);
  if (url === undefined || url === '') {
    if (needUrl) throw new UserError(env ? `${label}: ${missingUrlReason(env)}` : 'required flag(s) "url" not set');
    url = '';
  }
  if (url.startsWith('pglite://')) {
    // relative pglite:// paths resolve against the atlas.hcl folder (like file:// URLs), else the working folder
    const [rest, query] = url.slice('pglite://'.length).split('?');
    const base = env ? path.dirname(env.configPath) : io.cwd;
    if (rest && rest !== 'memory' && !path.isAbsolute(rest)) url = `pglite://${path.resolve(base, rest)}${query !== undefined ? `?${query}` : ''}`;
  }
  let dir: MigrationDir;
  if (env && str(p, 'dir') === undefined && env.migration.dir) {
    try {
      dir = openDir(withDirFormat(env.migration.dir, str(p, 'dir-format') ?? env.migration.format), path.dirname(env.configPath));
    } catch (e) {
      if (e instanceof DirError) throw new UserError(`${label}: ${e.message}`);
      throw e;
    }
  } else dir = await dirFromFlags(io, p);
  return { url, dir, env, label };
}

export type OutputFormat = 'text' | 'json';

/** Atlas's --format templates: `{{ json . }}` (and any template using json) → JSON; text otherwise. */
export function outputFormat(p: Parsed, env: ResolvedEnv | undefined, key: string): OutputFormat {
  const f = str(p, 'format') ?? env?.format[key];
  if (f === undefined || f.trim() === '') return 'text';
  if (/\{\{\s*json\s+\.\s*\}\}/.test(f)) return 'json';
  throw new UserError(`unsupported --format template ${JSON.stringify(f)} (atlas-wb supports '{{ json . }}')`);
}

/** Error text naming env and (masked) URL for failures that do not already mention them. */
export function withContext(t: Target, msg: string): string {
  const masked = maskUrl(t.url);
  if (msg.includes(masked) || !t.label) return msg;
  return `${t.label}: ${msg}`;
}
