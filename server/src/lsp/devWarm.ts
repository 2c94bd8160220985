// When an edit should start the embedded dev database ahead of use: a desired-state file (.sql or .hcl, not
// atlas.hcl, not in a migration folder) under a workspace folder that has an atlas.hcl whose dev databases are not
// all real servers, while the atlasWorkbench.devDatabase setting names no real server either.
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

const realServer = (url: string) => /^postgres(ql)?:\/\//i.test(url.trim());

/** True when editing `file` should start the embedded dev database. */
export function wantsEmbeddedDev(file: string, folders: string[], devSetting: string, io: WarmFs = diskFs): boolean {
  if (!/\.(sql|hcl)$/i.test(file) || path.basename(file) === 'atlas.hcl') return false;
  if (devSetting && realServer(devSetting)) return false;
  if (io.exists(path.join(path.dirname(file), 'atlas.sum'))) return false;
  const folder = folders.find((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
  if (!folder) return false;
  const config = io.read(path.join(folder, 'atlas.hcl'));
  if (config === undefined) return false;
  const devs = [...config.matchAll(/^\s*dev\s*=\s*"([^"]*)"/gm)].map((m) => m[1]);
  return devs.length === 0 || !devs.every(realServer);
}
