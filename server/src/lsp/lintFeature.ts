// Live lint of migration files: every open `.sql` file of a migration folder (holding atlas.sum, or named by an
// atlas.hcl `migration { dir }`) is analysed as you type with the state-aware engine; diagnostics go out under
// the 'lint' source, with quick fixes. Respects the `lintOnType` setting (off: lint on open and save only).
// The SQL parser (libpg-query WASM) is loaded when the first .sql file of a migration folder is linted, and the
// atlas.hcl `lint` block of the folder's project (analyzer `error = true|false`) sets each finding's severity.
import fs from 'node:fs';
import path from 'node:path';
import { CodeActionKind, type Diagnostic } from 'vscode-languageserver';
import { SUM_FILE } from '../migrate/sum';
import { initSqlParser, sqlParserReady } from '../sql/parser';
import type { LintOptions } from '../lint/engine';
import type { Feature, ServerContext } from './context';
import { lintCodeActions } from './lintActions';
import { lintDiagnostics } from './lintDiagnostics';
import { LintModel } from './lintModel';
import { foldersFromProjects } from './sumFeature';
import { handlerHub } from './sumHandlerHub';
import { URI } from './uri';
import { findProjects } from './workbenchEnvs';

export class LintService {
  readonly model: LintModel;
  private projectFolders?: Set<string>;
  /** per migration folder: the lint settings of its project (loaded on first lint, dropped when atlas.hcl changes) */
  private options = new Map<string, Promise<LintOptions>>();
  private loaded = new Map<string, LintOptions>();
  private pending = new Set<string>();
  private scheduled = false;
  /** resolves when scheduled lint runs are done (tests wait on it) */
  idle: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: ServerContext) {
    this.model = new LintModel((p) => ctx.documents.get(URI.fromPath(p))?.getText());
  }

  private read = (p: string): string | undefined => {
    try { return this.ctx.documents.get(URI.fromPath(p))?.getText() ?? fs.readFileSync(p, 'utf8'); } catch { return undefined; }
  };

  /** Migration folder of a .sql path, or undefined. */
  folderOf(p: string): string | undefined {
    if (!p.endsWith('.sql')) return undefined;
    const dir = path.dirname(p);
    if (fs.existsSync(path.join(dir, SUM_FILE))) return dir;
    this.projectFolders ??= new Set(foldersFromProjects(this.ctx.workspaceFolders(), this.read));
    return this.projectFolders.has(dir) ? dir : undefined;
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
        const src = { projects: findProjects(this.ctx.workspaceFolders()), log: this.ctx.log };
        p = import('./lintConfig').then((m) => m.lintOptionsFor(folder, src)).catch((e: unknown) => {
          this.ctx.log(`lint: settings for ${folder}: ${e instanceof Error ? e.message : String(e)}`);
          return {};
        });
        this.options.set(folder, p);
        p.then((o) => { if (this.options.get(folder) === p) this.loaded.set(folder, o); });
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
    this.idle = new Promise((resolve) => setImmediate(() => {
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
            later.push(loading.then(() => { this.schedule(u); return this.idle; }, (e: unknown) => this.ctx.log(`lint of ${u}: ${e instanceof Error ? e.message : String(e)}`)));
            continue;
          }
          const diags = this.diagnostics(u);
          if (diags) this.ctx.publish(u, 'lint', diags);
        } catch (e) {
          this.ctx.log(`lint of ${u} failed: ${(e as Error).stack ?? e}`);
        }
      }
      void Promise.all(later).then(() => resolve());
    }));
  }

  lintAllOpen(): void {
    for (const d of this.ctx.documents.all()) if (d.uri.endsWith('.sql')) this.schedule(d.uri);
  }

  /** Re-lints the open documents of a folder (a file of it changed on disk). */
  folderChanged(folder: string): void {
    for (const d of this.ctx.documents.all()) if (d.uri.startsWith('file:') && path.dirname(URI.toPath(d.uri)) === folder) this.schedule(d.uri);
  }
}

/** Documents larger than this (UTF-16 units) are not re-linted on every keystroke. */
export const MAX_LINT_ON_TYPE = 2_000_000;

let active: LintService | undefined;

/** The running service (tests wait on `idle`). */
export function lintService(): LintService | undefined { return active; }

export const feature: Feature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } },
  register(ctx: ServerContext) {
    const service = (active = new LintService(ctx));
    const hub = handlerHub(ctx.connection);
    const opened = new Set<string>();
    ctx.documents.onDidChangeContent(async (e) => {
      const uri = e.document.uri;
      if (!uri.endsWith('.sql')) return;
      const first = !opened.has(uri);
      opened.add(uri);
      // Very large files (bulk data) are linted on open and save only: a keystroke must stay cheap.
      const onType = e.document.getText().length <= MAX_LINT_ON_TYPE && (await ctx.settings(uri)).lintOnType;
      if (first || onType) service.schedule(uri);
    });
    ctx.documents.onDidSave((e) => { if (e.document.uri.endsWith('.sql')) service.schedule(e.document.uri); });
    ctx.documents.onDidClose((e) => {
      opened.delete(e.document.uri);
      if (e.document.uri.endsWith('.sql')) ctx.publish(e.document.uri, 'lint', []);
    });
    hub.watchedFiles((p) => {
      for (const c of p.changes) {
        if (!c.uri.startsWith('file:')) continue;
        const fp = URI.toPath(c.uri);
        if (path.basename(fp) === 'atlas.hcl' || fp.endsWith('.atlas.hcl')) { service.projectsChanged(); service.lintAllOpen(); continue; }
        if (fp.endsWith('.sql') || path.basename(fp) === SUM_FILE) service.folderChanged(path.dirname(fp));
      }
    });
    hub.codeAction((p) => {
      const doc = ctx.documents.get(p.textDocument.uri);
      return doc ? lintCodeActions(doc.getText(), p.textDocument.uri, p.context.diagnostics) : [];
    });
  },
};
