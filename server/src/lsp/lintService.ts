// The editor's lint service (loaded by lintFeature on the first .sql document): which files belong to a migration
// folder, the lint settings of their project, scheduling and publishing. Imports the lint engine and SQL parser.
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { SUM_FILE } from '../migrate/sum';
import { initSqlParser, sqlParserReady } from '../sql/parser';
import type { LintOptions } from '../lint/engine';
import type { ServerContext } from './context';
import { lintDiagnostics } from './lintDiagnostics';
import { LintModel } from './lintModel';
import { folderReadings, type FolderReading } from './migrationFolders';
import { URI } from './uri';
import { findProjects } from './workbenchEnvs';

export class LintService {
  readonly model: LintModel;
  private projectFolders?: Map<string, FolderReading>;
  /** per migration folder: the lint settings of its project (loaded on first lint, dropped when atlas.hcl changes) */
  private options = new Map<string, Promise<LintOptions>>();
  private loaded = new Map<string, LintOptions>();
  private pending = new Set<string>();
  private scheduled = false;
  /** resolves when scheduled lint runs are done (tests wait on it) */
  idle: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: ServerContext) {
    this.model = new LintModel(
      (p) => ctx.openText(p),
      (folder) => this.formatOf(folder),
    );
  }

  private read = (p: string): string | undefined => {
    try {
      return this.ctx.openText(p) ?? fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };

  /** Migration folder of a .sql path, or undefined. */
  folderOf(p: string): string | undefined {
    if (!p.endsWith('.sql')) return undefined;
    const dir = path.dirname(p);
    if (fs.existsSync(path.join(dir, SUM_FILE))) return dir;
    return this.readings().has(dir) ? dir : undefined;
  }

  private readings(): Map<string, FolderReading> {
    return (this.projectFolders ??= folderReadings(this.ctx.workspaceFolders(), this.read));
  }

  /** The format a migration folder is read with (its env's `?format=` / `migration { format }`, else Atlas's). */
  formatOf(folder: string): string {
    return this.readings().get(folder)?.format ?? 'atlas';
  }

  projectsChanged(): void {
    this.projectFolders = undefined;
    this.options.clear();
    this.loaded.clear();
    this.model.invalidate();
  }

  /** Loads what linting a folder needs (the SQL parser, its project's lint settings); undefined when all is there. */
  private prerequisites(folder: string): Promise<unknown> | undefined {
    const need: Array<Promise<unknown>> = [];
    if (!sqlParserReady()) need.push(initSqlParser());
    if (!this.loaded.has(folder)) {
      let p = this.options.get(folder);
      if (!p) {
        const roots = this.ctx.workspaceFolders();
        const envFile = async (configPath: string) => (await this.ctx.settings(URI.fromPath(configPath))).envFile;
        const src = { projects: findProjects(roots), log: this.ctx.log, envFile, roots };
        p = import('./lintConfig')
          .then((m) => m.lintOptionsFor(folder, src))
          .catch((e: unknown) => {
            this.ctx.log(`lint: settings for ${folder}: ${e instanceof Error ? e.message : String(e)}`);
            return {};
          });
        this.options.set(folder, p);
        p.then((o) => {
          if (this.options.get(folder) === p) this.loaded.set(folder, o);
        });
      }
      need.push(p);
    }
    return need.length ? Promise.all(need) : undefined;
  }

  /** Diagnostics for one document now (pure wiring over the model). */
  diagnostics(uri: string): Diagnostic[] | undefined {
    if (!uri.startsWith('file:') || !sqlParserReady()) return undefined;
    const p = URI.toPath(uri);
    const folder = this.folderOf(p);
    if (!folder) return undefined;
    const opts = this.loaded.get(folder) ?? {};
    const run = this.model.lintDocument(folder, path.basename(p), opts);
    return run ? lintDiagnostics(run.file, run.result, opts) : [];
  }

  schedule(uri: string): void {
    this.pending.add(uri);
    if (this.scheduled) return;
    this.scheduled = true;
    this.idle = new Promise((resolve) =>
      setImmediate(() => {
        this.scheduled = false;
        const uris = [...this.pending];
        this.pending.clear();
        const later: Array<Promise<unknown>> = [];
        for (const u of uris) {
          try {
            const folder = u.startsWith('file:') ? this.folderOf(URI.toPath(u)) : undefined;
            const loading = folder ? this.prerequisites(folder) : undefined;
            if (loading) {
              // lint once the parser / settings are there (and let `idle` cover that run)
              later.push(
                loading.then(
                  () => {
                    this.schedule(u);
                    return this.idle;
                  },
                  (e: unknown) => this.ctx.log(`lint of ${u}: ${e instanceof Error ? e.message : String(e)}`),
                ),
              );
              continue;
            }
            const diags = this.diagnostics(u);
            if (diags) this.ctx.publish(u, 'lint', diags);
          } catch (e) {
            this.ctx.log(`lint of ${u} failed: ${(e as Error).stack ?? e}`);
          }
        }
        void Promise.all(later).then(() => resolve());
      }),
    );
  }

  lintAllOpen(): void {
    for (const d of this.ctx.documents.all()) if (d.uri.endsWith('.sql')) this.schedule(d.uri);
  }

  /** Re-lints the open documents of a folder (a file of it changed on disk). */
  folderChanged(folder: string): void {
    this.model.diskChanged();
    for (const d of this.ctx.documents.all()) if (d.uri.startsWith('file:') && path.dirname(URI.toPath(d.uri)) === folder) this.schedule(d.uri);
  }
}
