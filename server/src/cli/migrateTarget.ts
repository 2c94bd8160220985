// What `migrate apply/status/set/down` share: --url / --env resolution (URL flags win over atlas.hcl),
// the migration folder, and output formats.
import { str, strs, type FlagSpec, type Parsed } from './args';
import { UserError, type CliIO } from './io';
import { dirFlags, dirFromFlags } from './migrateHash';
import type { ResolvedEnv } from '../config/types';
import { targetOf, type Target } from '../engine/target';
import { maskUrl } from '../db/url';

export const targetFlags: FlagSpec = {
  ...dirFlags,
  url: { type: 'string', short: 'u' },
  'revisions-schema': { type: 'string' },
  format: { type: 'string' },
};

export type { Target };

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
  const explicitDir = str(p, 'dir') !== undefined || !env?.migration.dir;
  return targetOf({
    env,
    envName: str(p, 'env'),
    url: str(p, 'url'),
    cwd: io.cwd,
    needUrl,
    dirFormat: str(p, 'dir-format'),
    ...(explicitDir ? { dir: () => dirFromFlags(io, p) } : {}),
  });
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
