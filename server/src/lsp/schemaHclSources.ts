// Which files form the PostgreSQL HCL schema of a file: the `src` of the envs (in an atlas.hcl of its folder or up to
// three folders above) that name it — a file, or a folder holding it — else just the `*.pg.hcl` files of its folder.
// No tree-sitter: atlas.hcl is read with the quick env scanner the sidebar uses.
import fs from 'node:fs';
import path from 'node:path';
import { envsFromText } from './workbenchEnvs';

const CONFIG = /^(.*\.)?atlas\.hcl$/;

/** Local paths an env's src names, resolved against the atlas.hcl folder (`file://rel`, `file:///abs`, plain paths). */
function srcPaths(configPath: string, src: string[]): string[] {
  return src
    .filter((s) => s.startsWith('file://') || !/^[a-z][a-z0-9+.-]*:\/\//i.test(s))
    .map((s) => {
      const p = decodeURIComponent(s.replace(/^file:\/\//, ''));
      return path.isAbsolute(p) ? p : path.resolve(path.dirname(configPath), p);
    });
}

/** The .hcl files a src path stands for (a folder: its .hcl files, atlas.hcl excluded). */
function expand(p: string): string[] {
  try {
    if (!fs.statSync(p).isDirectory()) return p.endsWith('.hcl') ? [p] : [];
    return fs
      .readdirSync(p)
      .filter((n) => n.endsWith('.hcl') && !CONFIG.test(n))
      .sort()
      .map((n) => path.join(p, n));
  } catch {
    return [];
  }
}

function configsAbove(file: string): string[] {
  const out: string[] = [];
  let dir = path.dirname(file);
  for (let i = 0; i < 4; i++) {
    try {
      for (const n of fs.readdirSync(dir)) if (CONFIG.test(n)) out.push(path.join(dir, n));
    } catch {
      // unreadable folder: keep going up
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

/**
 * The schema files of `file` when some env names it in `src` (undefined otherwise): every file of that env's src.
 * A `.pg.hcl` file not named by any env forms a schema with the other `.pg.hcl` files of its folder.
 */
export function srcSchemaFiles(file: string): string[] | undefined {
  if (CONFIG.test(path.basename(file))) return undefined;
  for (const cfg of configsAbove(file)) {
    let text: string;
    try {
      text = fs.readFileSync(cfg, 'utf8');
    } catch {
      continue;
    }
    for (const env of envsFromText(cfg, text)) {
      const files = srcPaths(cfg, env.src ?? []).flatMap(expand);
      if (files.includes(file)) return files;
    }
  }
  return undefined;
}

/** The files of the schema `file` belongs to (itself first), and whether it is a schema file at all. */
export function schemaFilesOf(file: string): { schema: boolean; files: string[] } {
  const named = srcSchemaFiles(file);
  const folder = expand(path.dirname(file)).filter((f) => f.endsWith('.pg.hcl'));
  const files = [...new Set([file, ...(named ?? []), ...(file.endsWith('.pg.hcl') ? folder : [])])];
  return { schema: file.endsWith('.pg.hcl') || !!named, files };
}
