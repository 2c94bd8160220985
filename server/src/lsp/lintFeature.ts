// Live lint of migration files: every open `.sql` file of a migration folder (holding atlas.sum, or named by an
// atlas.hcl `migration { dir }`) is analysed as you type with the state-aware engine; diagnostics go out under
// the 'lint' source, with quick fixes. Respects the `lintOnType` setting (off: lint on open and save only).
// The lint engine (lintService.ts) is imported on the first .sql document, the SQL parser (libpg-query WASM) when
// the first .sql file of a migration folder is linted; the atlas.hcl `lint` block of the folder's project
// (analyzer `error = true|false`) sets each finding's severity.
import path from 'node:path';
import { CodeActionKind } from 'vscode-languageserver';
import { SUM_FILE } from '../migrate/sum';
import type { Feature, ServerContext } from './context';
import type { LintService } from './lintService';
import { handlerHub } from './sumHandlerHub';
import { URI } from './uri';

/** Documents larger than this (UTF-16 units) are not re-linted on every keystroke. */
export const MAX_LINT_ON_TYPE = 2_000_000;

let active: LintService | undefined;
let loading: Promise<LintService> | undefined;

/** The lint service, loaded on first use (its model holds the schema state the SQL features read too). */
export function loadLintService(ctx: ServerContext): Promise<LintService> {
  return (loading ??= import('./lintService').then((m) => (active = new m.LintService(ctx))));
}

/** The running service, once a .sql document made it load (tests wait on `idle`). */
export function lintService(): LintService | undefined {
  return active;
}

export const feature: Feature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } },
  register(ctx: ServerContext) {
    loading = undefined; // one service per connection
    const service = (): Promise<LintService> => loadLintService(ctx);
    const hub = handlerHub(ctx.connection);
    const opened = new Set<string>();
    ctx.documents.onDidChangeContent(async (e) => {
      const uri = e.document.uri;
      if (!uri.endsWith('.sql')) return;
      const first = !opened.has(uri);
      opened.add(uri);
      // Very large files (bulk data) are linted on open and save only: a keystroke must stay cheap.
      const onType = e.document.getText().length <= MAX_LINT_ON_TYPE && (await ctx.settings(uri)).lintOnType;
      if (first || onType) (await service()).schedule(uri);
    });
    ctx.documents.onDidSave(async (e) => {
      if (e.document.uri.endsWith('.sql')) (await service()).schedule(e.document.uri);
    });
    ctx.documents.onDidClose((e) => {
      opened.delete(e.document.uri);
      if (e.document.uri.endsWith('.sql')) ctx.publish(e.document.uri, 'lint', []);
    });
    hub.watchedFiles((p) => {
      const service = active; // nothing to refresh before the first .sql document
      if (!service) return;
      for (const c of p.changes) {
        if (!c.uri.startsWith('file:')) continue;
        const fp = URI.toPath(c.uri);
        if (path.basename(fp) === 'atlas.hcl' || fp.endsWith('.atlas.hcl')) {
          service.projectsChanged();
          service.lintAllOpen();
          continue;
        }
        if (fp.endsWith('.sql') || path.basename(fp) === SUM_FILE) service.folderChanged(path.dirname(fp));
      }
    });
    hub.codeAction((p) => {
      const doc = ctx.documents.get(p.textDocument.uri);
      // only lint diagnostics (data.kind 'lint') have fixes here: don't load the lint engine for others
      if (!doc || !p.context.diagnostics.some((d) => (d.data as { kind?: unknown } | undefined)?.kind === 'lint')) return [];
      return import('./lintActions').then((m) => m.lintCodeActions(doc.getText(), p.textDocument.uri, p.context.diagnostics));
    });
  },
};
