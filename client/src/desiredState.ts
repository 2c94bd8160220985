// Which envs name a file as their desired state (`src = "file://…"`, a file or a folder holding it). Pure (no
// vscode): the Plan Schema Apply lens, the editor-title context key and the command share it; unit tests cover it.
import * as path from 'node:path';

export interface SrcEnv {
  name: string;
  /** `src` values as written in atlas.hcl */
  src?: string[];
  url?: string;
}

/** Absolute paths of an env's `file://` sources (other forms, e.g. expressions or data sources, are skipped). */
export function srcPaths(src: string[] | undefined, projectDir: string): string[] {
  return (src ?? [])
    .map((s) => /^file:\/\/([^?#]+)/.exec(s)?.[1])
    .filter((p): p is string => !!p)
    .map((p) => path.resolve(projectDir, decodeURIComponent(p)));
}

/** True when `file` is one of the env's `src` files or lies in one of its `src` folders. */
export function namesFile(env: SrcEnv, projectDir: string, file: string): boolean {
  return srcPaths(env.src, projectDir).some((p) => file === p || file.startsWith(p + path.sep));
}

/** A desired-state file the plan can be made from: Atlas HCL (`.hcl`) or SQL (`.sql`). */
export const isSchemaFile = (file: string): boolean => /\.(hcl|sql)$/i.test(file) && !/(^|[\\/])([^\\/]*\.)?atlas\.hcl$/.test(file);
