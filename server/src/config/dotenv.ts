// Reads a .env file (KEY=value lines, optional `export`, quotes, # comments) for getenv().
import fs from 'node:fs';
import path from 'node:path';
import { rememberEnviron } from '../secrets';

export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) continue;
    let v = m[2].trim();
    const quoted = /^(['"])(.*)\1$/.exec(v);
    if (quoted) v = quoted[1] === '"' ? quoted[2].replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : quoted[2];
    else v = v.replace(/\s+#.*$/, '');
    out[m[1]] = v;
  }
  return out;
}

/** The .env values (if the file exists) overlaid by the process environment (the environment wins). */
export function environWithDotenv(environ: Record<string, string | undefined>, dotenvPath?: string): Record<string, string | undefined> {
  if (!dotenvPath || !fs.existsSync(dotenvPath)) return environ;
  try {
    const dotenv = parseDotenv(fs.readFileSync(dotenvPath, 'utf8'));
    rememberEnviron(dotenv);
    return { ...dotenv, ...environ };
  } catch {
    return environ;
  }
}

/**
 * The `.env` file of a project folder (the `atlasWorkbench.envFile` setting, default `.env`): resolved against the
 * atlas.hcl folder; a relative name that is not there is looked up in the parent folders up to the enclosing
 * workspace folder (nested projects share the root `.env`). Undefined when there is none.
 */
export function findEnvFile(cwd: string, envFile: string | undefined, roots: string[] = []): string | undefined {
  const name = envFile || '.env';
  if (path.isAbsolute(name)) return fs.existsSync(name) ? name : undefined;
  const root = roots
    .map((r) => path.resolve(r))
    .filter((r) => cwd === r || cwd.startsWith(r + path.sep))
    .sort((a, b) => b.length - a.length)[0];
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const f = path.join(dir, name);
    if (fs.existsSync(f)) return f;
    if (!root || dir === root || path.dirname(dir) === dir) return undefined;
  }
}
