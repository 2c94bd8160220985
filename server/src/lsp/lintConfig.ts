// The lint settings the editor applies to a migration folder: the atlas.hcl `lint` block (global merged with the
// env's own, as `atlas migrate lint --env` sees it) of the project env whose `migration { dir }` is that folder.
// Where several envs name the folder, the first one in file order wins; no project naming it → Atlas's defaults.
import path from 'node:path';
import { resolveEnv } from '../config/resolve';
import type { ResolvedEnv } from '../config/types';
import type { LintOptions } from '../lint/engine';
import { parseDirUrl } from '../migrate/dir';

/** Absolute folder of an env's migration dir (relative `file://` URLs resolve against the atlas.hcl folder). */
export function envMigrationFolder(env: ResolvedEnv): string | undefined {
  try {
    return path.resolve(path.dirname(env.configPath), parseDirUrl(env.migration.dir ?? 'file://migrations').path);
  } catch {
    return undefined; // not a local file:// dir
  }
}

export interface LintConfigSource {
  /** atlas.hcl files of the workspace, in a stable order */
  projects: string[];
  /** process environment for getenv() */
  environ?: Record<string, string | undefined>;
  log?: (message: string) => void;
}

/** Lint options for one migration folder. Never throws: a broken atlas.hcl is logged and skipped. */
export async function lintOptionsFor(folder: string, src: LintConfigSource): Promise<LintOptions> {
  const want = path.resolve(folder);
  for (const configPath of src.projects) {
    let envs: ResolvedEnv[];
    try {
      envs = await resolveEnv({ configPath, environ: src.environ ?? process.env, dotenvPath: path.join(path.dirname(configPath), '.env') });
    } catch (e) {
      src.log?.(`lint: reading ${configPath} failed, its lint settings are not applied: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const env = envs.find((e) => envMigrationFolder(e) === want);
    if (env) return { analyzers: env.lint.analyzers };
  }
  return {};
}
