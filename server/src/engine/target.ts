// What an operation runs against: the database URL and the migration folder, from an env of atlas.hcl and/or
// explicit values (explicit ones win, as Atlas's flags win over the project file).
import path from 'node:path';
import type { ResolvedEnv } from '../config/types';
import { missingUrlReason } from '../config/unsetGetenv';
import { DirError, openDir, type MigrationDir } from '../migrate/dir';
import { withDirFormat } from '../migrate/formats';
import { EngineError } from './errors';

export interface Target {
  url: string;
  dir: MigrationDir;
  env?: ResolvedEnv;
  /** `env "name"` for messages */
  label?: string;
}

export interface EnvRef {
  /** absolute atlas.hcl path */
  configPath: string;
  env: string;
  vars?: Record<string, string>;
  environ: Record<string, string | undefined>;
  /** the `.env` file getenv() falls back to */
  dotenvPath?: string;
}

/** Every instance of the env (`for_each` gives several); [] when the project has no such env. */
export async function resolveEnvs(ref: EnvRef): Promise<ResolvedEnv[]> {
  const { ConfigError, resolveEnv } = await import('../config/resolve'); // tree-sitter: loaded on first use
  try {
    return await resolveEnv({
      configPath: ref.configPath,
      env: ref.env,
      vars: ref.vars ?? {},
      environ: ref.environ,
      dotenvPath: ref.dotenvPath ?? path.join(path.dirname(ref.configPath), '.env'),
    });
  } catch (e) {
    if (e instanceof ConfigError) throw new EngineError('invalidInput', e.message);
    throw e;
  }
}

/** A relative `pglite://` path resolved against `base` (the atlas.hcl folder for envs, else the working folder). */
export function absolutePgliteUrl(url: string, base: string): string {
  if (!url.startsWith('pglite://')) return url;
  const [rest, query] = url.slice('pglite://'.length).split('?');
  if (!rest || rest === 'memory' || path.isAbsolute(rest)) return url;
  return `pglite://${path.resolve(base, rest)}${query !== undefined ? `?${query}` : ''}`;
}

export interface TargetInput {
  env?: ResolvedEnv;
  /** name used in `env "<name>"` labels when the env has none */
  envName?: string;
  /** explicit URL (wins over the env's) */
  url?: string;
  /** explicit folder (wins over the env's), opened after the URL checks; `defaultDir` is used when neither gives one */
  dir?: () => Promise<MigrationDir> | MigrationDir;
  defaultDir?: () => Promise<MigrationDir> | MigrationDir;
  /** the working folder (base of relative pglite:// paths without an env) */
  cwd: string;
  needUrl?: boolean;
  /** `--dir-format`: the format of the env's migration folder, over its `migration { format }` */
  dirFormat?: string;
}

/** The target of one env instance and/or explicit values; Atlas's messages for what is missing. */
export async function targetOf(i: TargetInput): Promise<Target> {
  const env = i.env;
  const label = env ? `env "${env.name ?? i.envName}"` : undefined;
  let url = i.url ?? env?.url;
  if (env && i.url === undefined && env.unresolved.url) throw new EngineError('unresolved', `${label}: url: ${env.unresolved.url}`);
  if (url === undefined || url === '') {
    if (i.needUrl !== false) throw new EngineError('invalidInput', env ? `${label}: ${missingUrlReason(env)}` : 'required flag(s) "url" not set');
    url = '';
  }
  url = absolutePgliteUrl(url, env ? path.dirname(env.configPath) : i.cwd);
  let dir: MigrationDir;
  if (i.dir) dir = await i.dir();
  else if (env?.migration.dir) {
    try {
      dir = openDir(withDirFormat(env.migration.dir, i.dirFormat ?? env.migration.format), path.dirname(env.configPath));
    } catch (e) {
      if (e instanceof DirError) throw new EngineError('invalidInput', `${label}: ${e.message}`);
      throw e;
    }
  } else if (i.defaultDir) dir = await i.defaultDir();
  else dir = openDir('file://migrations', env ? path.dirname(env.configPath) : i.cwd);
  return { url, dir, env, label };
}
