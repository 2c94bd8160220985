// Resolves the env a CLI command runs against from `--config`, `--env` and `--var` (Atlas's project-file flags).
import path from 'node:path';
import { ConfigError, resolveEnv } from '../config/resolve';
import type { ResolvedEnv } from '../config/types';
import { UserError, type CliIO } from './io';

export interface ProjectFlags {
  config?: string;
  env?: string;
  var?: string[];
}

/** Flag specs to spread into a command's FlagSpec. */
export const projectFlagSpec = {
  config: { type: 'string' as const, short: 'c' },
  env: { type: 'string' as const },
  var: { type: 'array' as const },
};

export const DEFAULT_CONFIG = 'file://atlas.hcl';

/** `file://atlas.hcl` → absolute path against io.cwd; only file:// URLs are accepted (as Atlas). */
export function configPathFromFlag(io: CliIO, config = DEFAULT_CONFIG): string {
  if (!config.startsWith('file://')) throw new UserError(`the config file must be a file:// URL, got "${config}"`);
  return path.resolve(io.cwd, config.slice('file://'.length));
}

/** `--var k=v` (repeatable) → record; a key given several times becomes a list (JSON), as Atlas does for list variables. */
export function parseVars(vars: string[] = []): Record<string, string> {
  const seen = new Map<string, string[]>();
  for (const v of vars) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new UserError(`variables must be in the form "key=value", got "${v}"`);
    const k = v.slice(0, eq);
    seen.set(k, [...(seen.get(k) ?? []), v.slice(eq + 1)]);
  }
  return Object.fromEntries([...seen].map(([k, vs]) => [k, vs.length === 1 ? vs[0] : JSON.stringify(vs)]));
}

/** All env instances selected by --env (for_each or repeated names give several); [] without --env. */
export async function envsFromFlags(io: CliIO, flags: ProjectFlags): Promise<ResolvedEnv[]> {
  if (!flags.env) return [];
  const configPath = configPathFromFlag(io, flags.config);
  try {
    return await resolveEnv({ configPath, env: flags.env, vars: parseVars(flags.var), environ: io.env });
  } catch (e) {
    if (e instanceof ConfigError) throw new UserError(e.message);
    throw e;
  }
}

/** The env selected by --env (the first instance when for_each gives several); undefined without --env. */
export async function envFromFlags(io: CliIO, flags: ProjectFlags): Promise<ResolvedEnv | undefined> {
  return (await envsFromFlags(io, flags))[0];
}
