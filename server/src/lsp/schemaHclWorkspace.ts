// The files of a PostgreSQL HCL schema as the editor sees them (which files: schemaHclSources.ts): open documents
// from the shared HclStore (parsed incrementally), the others read from disk (parsed once per modification time).
// `modelFor(uri)` is the schema model every handler takes.
import fs from 'node:fs';
import type { Parser } from 'web-tree-sitter';
import type { HclFile } from '../config/ast';
import { parseWith, release } from '../config/parser';
import type { HclStore } from './hclStore';
import { buildModel, type SchemaFile, type SchemaModel } from './schemaHclModel';
import { schemaFilesOf } from './schemaHclSources';
import { URI } from './uri';

export class SchemaHclWorkspace {
  private readonly disk = new Map<string, { mtimeMs: number; file: HclFile }>();
  /** URIs of open schema documents (their text is in the store) */
  readonly open = new Set<string>();

  constructor(
    private readonly parser: Parser,
    private readonly store: HclStore,
  ) {}

  /** The open schema documents of the same schema as uri (uri included): they share references. */
  siblingsOpen(uri: string): string[] {
    const files = new Set(this.filesOf(uri));
    return [...this.open].filter((u) => u === uri || files.has(u));
  }

  /** URIs of the schema's files: the env src list naming the file, else the `*.pg.hcl` files of its folder. */
  private filesOf(uri: string): string[] {
    if (!uri.startsWith('file:')) return [uri];
    return schemaFilesOf(URI.toPath(uri)).files.map((f) => URI.fromPath(f));
  }

  modelFor(uri: string): SchemaModel {
    const files: SchemaFile[] = [];
    for (const u of new Set([uri, ...this.filesOf(uri)])) {
      const file = this.store.get(u)?.parsed.file ?? (u.startsWith('file:') ? this.fromDisk(URI.toPath(u)) : undefined);
      if (file) files.push({ uri: u, file });
    }
    return buildModel(files);
  }

  private fromDisk(file: string): HclFile | undefined {
    try {
      const st = fs.statSync(file);
      const hit = this.disk.get(file);
      if (hit && hit.mtimeMs === st.mtimeMs) return hit.file;
      const parsed = parseWith(this.parser, fs.readFileSync(file, 'utf8'));
      release(parsed);
      this.disk.set(file, { mtimeMs: st.mtimeMs, file: parsed.file });
      return parsed.file;
    } catch {
      return undefined;
    }
  }
}
