// Which .sql files get the schema-aware features and with what state: files of a migration folder (the lint
// service's folders) and desired-state SQL named by an env's `src` (a schema.sql file is its own state; a folder
// of SQL files is replayed in order like a migration folder). Loaded with the lint service on the first .sql file.
import fs from 'node:fs';
import path from 'node:path';
import { migrationDirPath } from '../migrate/dir';
import type { ServerContext } from './context';
import type { LintService } from './lintService';
import { SqlIntel, type SqlDoc, type SqlLocation } from './sqlIntelModel';
import { URI } from './uri';
import { envsFromText, findProjects } from './workbenchEnvs';

interface DesiredSource {
  path: string;
  dir: boolean;
}

export class SqlIntelService {
  readonly intel: SqlIntel;
  private sources?: DesiredSource[];

  constructor(
    private readonly ctx: ServerContext,
    private readonly lint: LintService,
  ) {
    this.intel = new SqlIntel(lint.model, (p) => this.locate(p));
  }

  private read = (p: string): string | undefined => {
    try {
      return this.ctx.documents.get(URI.fromPath(p))?.getText() ?? fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };

  /** `src = "file://…"` files and folders of every env in the workspace's atlas.hcl files. */
  private desired(): DesiredSource[] {
    if (this.sources) return this.sources;
    const out: DesiredSource[] = [];
    for (const config of findProjects(this.ctx.workspaceFolders())) {
      const text = this.read(config);
      if (text === undefined) continue;
      for (const env of envsFromText(config, text, process.env))
        for (const src of env.src ?? []) {
          if (!src.startsWith('file://')) continue;
          const abs = migrationDirPath(config, src);
          if (!abs || out.some((o) => o.path === abs)) continue;
          try {
            const dir = fs.statSync(abs).isDirectory();
            if (dir || abs.endsWith('.sql')) out.push({ path: abs, dir });
          } catch {
            /* not there yet */
          }
        }
    }
    return (this.sources = out);
  }

  private desiredFiles(): string[] {
    return this.desired().flatMap((s) => {
      if (!s.dir) return [s.path];
      try {
        return fs
          .readdirSync(s.path)
          .filter((n) => n.endsWith('.sql'))
          .sort()
          .map((n) => path.join(s.path, n));
      } catch {
        return [];
      }
    });
  }

  locate(p: string): SqlLocation | undefined {
    if (!p.endsWith('.sql')) return undefined;
    const folder = this.lint.folderOf(p);
    if (folder) return { folder, only: false, desired: false, related: this.desiredFiles() };
    const dir = path.dirname(p);
    for (const s of this.desired()) {
      if (!s.dir && s.path === p) return { folder: dir, only: true, desired: true, related: this.desiredFiles() };
      if (s.dir && s.path === dir) return { folder: dir, only: false, desired: true, related: this.desiredFiles() };
    }
    return undefined;
  }

  projectsChanged(): void {
    this.sources = undefined;
  }

  doc(uri: string): SqlDoc | undefined {
    if (!uri.startsWith('file:') || !uri.endsWith('.sql')) return undefined;
    return this.intel.doc(URI.toPath(uri));
  }
}
