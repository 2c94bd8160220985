// Engine API for `schema fmt`: every `.hcl` file of the given paths (a folder's own files, not its sub-folders)
// in its canonical layout (config/format.ts, as hclwrite formats). Files with syntax errors are left alone.
import fs from 'node:fs';
import nodePath from 'node:path';
import { formatHcl } from '../config/format';
import { commentsOf, parseHcl, release } from '../config/parser';
import { EngineError } from './errors';

/** Formats the files in place; returns the paths that changed, as given (a folder's files joined to it). */
export async function formatSchemaFiles(paths: string[], cwd: string): Promise<string[]> {
  const changed: string[] = [];
  for (const p of paths.length ? paths : ['./']) {
    const abs = nodePath.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new EngineError('invalidInput', `stat ${p}: no such file or directory`);
    }
    const files = st.isDirectory()
      ? fs
          .readdirSync(abs, { withFileTypes: true })
          .filter((e) => e.isFile() && e.name.endsWith('.hcl'))
          .map((e) => nodePath.join(p, e.name))
      : p.endsWith('.hcl')
        ? [p]
        : [];
    for (const f of files) {
      const full = nodePath.resolve(cwd, f);
      const text = fs.readFileSync(full, 'utf8');
      const doc = await parseHcl(text);
      const out = doc.file.syntaxErrors.length ? text : formatHcl(text, doc.file, commentsOf(doc));
      release(doc);
      if (out !== text) {
        fs.writeFileSync(full, out);
        changed.push(f);
      }
    }
  }
  return changed;
}
