// The files of a PostgreSQL HCL schema as the editor sees them: open documents (from the shared HclStore, parsed
// incrementally) and, for the rest of the schema, the other `*.pg.hcl` files of the same folder read from disk
// (parsed once per modification time). `modelFor(uri)` is the schema model every handler takes.
import fs from 'node:fs';
import path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { HclFile } from '../config/ast';
import { parseWith } from '../config/parser';
import type { HclStore } from './hclStore';
import { buildModel, type SchemaFile, type SchemaModel } from './schemaHclModel';
import { URI } from './uri';

export class SchemaHclWorkspace {
  private readonly disk = new Map<string, { mtimeMs: number; file: HclFile }>();
  /** URIs of open schema documents (their text is in the store) */
  readonly open = new Set<string>();

  constructor(
    private readonly parser: Parser,
    private readonly store: HclStore,
  ) {}

  /** The open schema documents in the same folder as uri (uri included). */
  siblingsOpen(uri: string): string[] {
    const dir = path.posix.dirname(uri);
    return [...this.open].filter((u) => path.posix.dirname(u) === dir);
  }

  modelFor(uri: string): SchemaModel {
    const files: SchemaFile[] = [];
    const seen = new Set<string>();
    const push = (u: string, file: HclFile | undefined) => {
      if (!file || seen.has(u)) return;
      seen.add(u);
      files.push({ uri: u, file });
    };
    push(uri, this.store.get(uri)?.parsed.file);
    for (const u of this.siblingsOpen(uri)) push(u, this.store.get(u)?.parsed.file);
    if (uri.startsWith('file:')) {
      const dir = path.dirname(URI.toPath(uri));
      let names: string[] = [];
      try {
        names = fs.readdirSync(dir).filter((n) => n.endsWith('.pg.hcl'));
      } catch {
        names = [];
      }
      for (const n of names.sort()) {
        const u = URI.fromPath(path.join(dir, n));
        if (!seen.has(u)) push(u, this.fromDisk(path.join(dir, n)));
      }
    }
    return buildModel(files);
  }

  private fromDisk(file: string): HclFile | undefined {
    try {
      const st = fs.statSync(file);
      const hit = this.disk.get(file);
      if (hit && hit.mtimeMs === st.mtimeMs) return hit.file;
      const parsed = parseWith(this.parser, fs.readFileSync(file, 'utf8'));
      parsed.tree.delete();
      this.disk.set(file, { mtimeMs: st.mtimeMs, file: parsed.file });
      return parsed.file;
    } catch {
      return undefined;
    }
  }
}
