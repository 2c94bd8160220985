// The lint settings the editor applies to a migration folder: the atlas.hcl `lint` block (global merged with the
// env's own, as `atlas migrate lint --env` sees it) of the project env whose `migration { dir }` is that folder.
// Where several envs name the folder, the first one in file order wins; no project naming it → Atlas's defaults.
import path from 'node:path';
import { findEnvFile } from '../config/dotenv';
import { resolveEnv } from '../config/resolve';
import type { ResolvedEnv } from '../config/types';
import type { LintOptions } from '../lint/engine';
import { migrationDirPath } from '../migrate/dir';

export interface LintConfigSource {
  /** atlas.hcl files of the workspace, in a stable order */
  projects: string[];
  /** process environment for getenv() */
  environ?: Record<string, string | undefined>;
  log?: (message: string) => void;
  /** the `atlasWorkbench.envFile` setting for an atlas.hcl (default `.env`) */
  envFile?: (configPath: string) => Promise<string | undefined>;
  /** workspace folders: a relative env file is looked up from the atlas.hcl folder up to these */
  roots?: string[];
}

/** Lint options for one migration folder. Never throws: a broken atlas.hcl is logged and skipped. */
export async function lintOptionsFor(folder: string, src: LintConfigSource): Promise<LintOptions> {
  const want = path.resolve(folder);
  for (const configPath of src.projects) {
    let envs: ResolvedEnv[];
    try {
      // '' when there is none: resolveEnv would otherwise read <folder>/.env whatever the setting says
      const dotenvPath = findEnvFile(path.dirname(configPath), await src.envFile?.(configPath), src.roots) ?? '';
      envs = await resolveEnv({ configPath, environ: src.environ ?? process.env, dotenvPath });
    } catch (e) {
      src.log?.(`lint: reading ${configPath} failed, its lint settings are not applied: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const env = envs.find((e) => migrationDirPath(e.configPath, e.migration.dir) === want);
    if (env) return { analyzers: env.lint.analyzers };
  }
  return {};
}
