// When an edit should start the embedded dev database ahead of use: a desired-state file (.sql or .hcl, not
// atlas.hcl, not in a migration folder) under a workspace folder whose atlas.hcl uses the embedded server: an env
// with a docker:// dev URL, or an env without one while the atlasWorkbench.devDatabase setting is empty or docker://.
// (postgres:// dev databases are real servers; pglite:// ones are their own process per use.)
import fs from 'node:fs';
import path from 'node:path';

export interface WarmFs {
  exists(file: string): boolean;
  read(file: string): string | undefined;
}

export const diskFs: WarmFs = {
  exists: (f) => fs.existsSync(f),
  read: (f) => {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  },
};

const embeddedUrl = (url: string) => /^docker(\+postgres)?:\/\//i.test(url.trim());

/** True when editing `file` should start the embedded dev database. */
export function wantsEmbeddedDev(file: string, folders: string[], devSetting: string, io: WarmFs = diskFs): boolean {
  if (!/\.(sql|hcl)$/i.test(file) || path.basename(file) === 'atlas.hcl') return false;
  if (io.exists(path.join(path.dirname(file), 'atlas.sum'))) return false;
  const folder = folders.find((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
  if (!folder) return false;
  const config = io.read(path.join(folder, 'atlas.hcl'));
  if (config === undefined) return false;
  const devs = [...config.matchAll(/^\s*dev\s*=\s*"([^"]*)"/gm)].map((m) => m[1]);
  const envs = [...config.matchAll(/^\s*env\b/gm)].length;
  const settingEmbedded = devSetting.trim() === '' || embeddedUrl(devSetting);
  return devs.some(embeddedUrl) || (devs.length < Math.max(envs, 1) && settingEmbedded);
}
