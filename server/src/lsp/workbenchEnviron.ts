// The environment an engine operation of the editor runs with (one home for the server's requests and env lists).
import fs from 'node:fs';
import type { WorkbenchSettings } from '../protocol';
import { findEnvFile, parseDotenv } from '../config/dotenv';
import { rememberEnviron } from '../secrets';

/** The command environment: process env, then the project's env file (not overriding), then explicit extras (secrets). */
export function commandEnviron(
  cwd: string,
  settings: WorkbenchSettings,
  extra: Record<string, string> = {},
  roots: string[] = [],
): Record<string, string | undefined> {
  const environ: Record<string, string | undefined> = { ...process.env };
  const file = findEnvFile(cwd, settings.envFile, roots);
  try {
    const dotenv = file ? parseDotenv(fs.readFileSync(file, 'utf8')) : {};
    rememberEnviron(dotenv);
    for (const [k, v] of Object.entries(dotenv)) if (environ[k] === undefined) environ[k] = v;
  } catch {
    /* unreadable .env file */
  }
  rememberEnviron(process.env);
  rememberEnviron(extra, true);
  return { ...environ, ...extra };
}
