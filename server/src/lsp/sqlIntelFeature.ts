// Schema-aware SQL in migration files and desired-state SQL: completion, hover, go to definition, references,
// outline, "reference to nothing" diagnostics (source 'sqlref') with quick fixes, and the table history requests.
// Thin wiring: the handlers are pure functions in sqlCompletion / sqlNavigation / sqlRefCheck / sqlHistory; the
// state is the lint model's (loaded with the lint service on the first .sql request).
import path from 'node:path';
import { TableAsOfRequest, TableHistoryRequest, type TableAsOfResult, type TableAtParams, type TableHistoryResult } from '../protocol';
import { initSqlParser } from '../sql/parser';
import type { Feature, ServerContext } from './context';
import { loadLintService } from './lintFeature';
import type { SqlIntelService } from './sqlIntelService';
import type { SqlDoc } from './sqlIntelModel';
import { handlerHub } from './sumHandlerHub';
import { URI } from './uri';

const handlers = () => Promise.all([import('./sqlCompletion'), import('./sqlNavigation'), import('./sqlRefCheck'), import('./sqlHistory')]);

export const feature: Feature = {
  capabilities: {
    // the union with atlas.hcl's trigger characters (one completion provider per server)
    completionProvider: { triggerCharacters: ['.', '"', '/', '=', ' ', '(', "'", ':'] },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentSymbolProvider: true,
  },
  register(ctx: ServerContext) {
    const hub = handlerHub(ctx.connection);
    let loading: Promise<SqlIntelService> | undefined;
    const service = (): Promise<SqlIntelService> =>
      (loading ??= Promise.all([loadLintService(ctx), import('./sqlIntelService'), initSqlParser()]).then(([lint, m]) => new m.SqlIntelService(ctx, lint)));
    const docOf = async (uri: string): Promise<SqlDoc | undefined> =>
      uri.endsWith('.sql') && uri.startsWith('file:') ? (await service()).doc(uri) : undefined;
    const guarded =
      <P extends { textDocument: { uri: string } }, R>(what: string, fn: (d: SqlDoc, p: P, s: SqlIntelService, h: Awaited<ReturnType<typeof handlers>>) => R) =>
      async (p: P): Promise<R | null> => {
        try {
          const d = await docOf(p.textDocument.uri);
          return d ? fn(d, p, await service(), await handlers()) : null;
        } catch (e) {
          ctx.log(`sql ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          return null;
        }
      };
    hub.document(
      'completion',
      guarded('completion', (d, p, _s, [c]) => c.sqlCompletion(d, p.position)),
    );
    hub.document(
      'hover',
      guarded('hover', (d, p, _s, [, n]) => n.sqlHover(d, p.position) ?? null),
    );
    hub.document(
      'definition',
      guarded('definition', (d, p, _s, [, n]) => n.sqlDefinition(d, p.position) ?? null),
    );
    hub.document(
      'references',
      guarded('references', (d, p, s, [, n]) => n.sqlReferences(s.intel, d, p.position)),
    );
    hub.document(
      'documentSymbol',
      guarded('symbols', (d, _p, _s, [, n]) => n.sqlSymbols(d.point.file)),
    );

    const pending = new Set<string>();
    let scheduled = false;
    const check = (uri: string) => {
      pending.add(uri);
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        const uris = [...pending];
        pending.clear();
        void Promise.all(
          uris.map((u) =>
            guarded('diagnostics', (d, _p, _s, [, , r]) => ctx.publish(u, 'sqlref', r.sqlRefDiagnostics(d)))({ textDocument: { uri: u } }).then(
              () => undefined,
            ),
          ),
        );
      });
    };
    ctx.documents.onDidChangeContent((e) => {
      const uri = e.document.uri;
      if (!uri.endsWith('.sql')) return;
      if (loading && uri.startsWith('file:')) void loading.then((s) => s.intel.changed(URI.toPath(uri)));
      check(uri);
    });
    ctx.documents.onDidClose((e) => {
      if (e.document.uri.endsWith('.sql')) ctx.publish(e.document.uri, 'sqlref', []);
    });
    hub.watchedFiles((p) => {
      if (!loading) return;
      const changed = p.changes.map((c) => URI.toPath(c.uri));
      void loading.then((s) => {
        if (changed.some((f) => f.endsWith('.hcl'))) s.projectsChanged();
        if (changed.some((f) => f.endsWith('.sql') || f.endsWith('.hcl') || f.endsWith('atlas.sum'))) s.intel.changed();
      });
      // a changed migration changes the state of the files after it
      const dirs = new Set(changed.filter((f) => f.endsWith('.sql')).map((f) => path.dirname(f)));
      for (const d of ctx.documents.all()) if (d.uri.startsWith('file:') && dirs.has(path.dirname(URI.toPath(d.uri)))) check(d.uri);
    });
    hub.codeAction(async (p) => {
      if (!p.context.diagnostics.some((d) => (d.data as { kind?: unknown } | undefined)?.kind === 'sqlref')) return [];
      return (await import('./sqlRefCheck')).sqlRefCodeActions(p.textDocument.uri, p.context.diagnostics);
    });
    ctx.connection.onRequest(TableHistoryRequest.method, async (p: TableAtParams): Promise<TableHistoryResult> => {
      const d = await docOf(p.uri);
      return d ? (await import('./sqlHistory')).tableHistory((await service()).intel, d, p) : { tables: [], entries: [] };
    });
    ctx.connection.onRequest(TableAsOfRequest.method, async (p: TableAtParams): Promise<TableAsOfResult> => {
      const d = await docOf(p.uri);
      return d ? (await import('./sqlHistory')).tableAsOf(d, p) : { tables: [], file: path.basename(URI.toPath(p.uri)) };
    });
  },
};
