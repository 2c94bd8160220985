// The atlas.hcl language feature: thin wiring of the pure handlers (config/*, lsp/hcl*.ts) to the connection.
// Diagnostics are published right after each change (no debounce: a parse + check takes a few ms).
// tree-sitter (WASM) is loaded on the first atlas.hcl opened or asked about, not at start: a workspace without
// one never pays for it.
import type { Feature, ServerContext } from './context';
import type { HclStore } from './hclStore';
import { handlerHub } from './sumHandlerHub';

type Engine = typeof import('./hclEngine');
let engine: Engine | undefined;
let store: HclStore | undefined;
let storeReady: Promise<void> | undefined;

function ensureStore(): Promise<void> {
  storeReady ??= import('./hclEngine').then(async (m) => {
    const parser = await m.loadParser();
    store = new m.HclStore(parser);
    engine = m;
  });
  return storeReady;
}

/** An atlas.hcl document (by language id or file name). */
export function isAtlasConfig(uri: string, languageId?: string): boolean {
  return languageId === 'atlas-config' || /(^|\/)([^/]*\.)?atlas\.hcl$/.test(uri);
}

export const feature: Feature = {
  capabilities: {
    completionProvider: { triggerCharacters: ['.', '"', '/', '=', ' '] },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentSymbolProvider: true,
    documentFormattingProvider: true,
    codeActionProvider: { codeActionKinds: ['quickfix'] },
    renameProvider: { prepareProvider: true },
  },
  register(ctx: ServerContext) {
    const { connection, documents } = ctx;
    // completion, hover, navigation and symbols are shared with the SQL features: the hub asks each in turn
    const hub = handlerHub(connection);
    const pending = new Set<string>();
    const refresh = (uri: string) => {
      const td = documents.get(uri);
      if (!td || !isAtlasConfig(uri, td.languageId)) return undefined;
      if (!store || !engine) {
        pending.add(uri);
        loadStore();
        return undefined;
      }
      try {
        const doc = store.update(uri, td.getText());
        ctx.publish(uri, 'hcl', engine.diagnose(doc, { cacheKey: uri }).map(engine.toLspDiagnostic));
        return doc;
      } catch (e) {
        // Never let one bad document take the server down: drop its state, the next change re-parses it.
        store.close(uri);
        ctx.log(`atlas.hcl: checking ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return undefined;
      }
    };
    const docFor = async (uri: string) => {
      const td = documents.get(uri);
      if (!td || !isAtlasConfig(uri, td.languageId)) return undefined;
      if (!store) await ensureStore();
      return { d: store!.update(uri, td.getText()), e: engine! };
    };
    documents.onDidChangeContent((e) => {
      refresh(e.document.uri);
    });
    documents.onDidClose((e) => {
      if (!isAtlasConfig(e.document.uri, e.document.languageId)) return;
      store?.close(e.document.uri);
      ctx.publish(e.document.uri, 'hcl', []);
    });
    // Documents opened while the parser loads get their diagnostics once it is there.
    let loading = false;
    const loadStore = () => {
      if (loading) return;
      loading = true;
      ensureStore().then(
        () => {
          const uris = [...pending];
          pending.clear();
          for (const uri of uris) refresh(uri);
        },
        (e: unknown) => ctx.log(`atlas.hcl parser failed to load: ${e instanceof Error ? e.message : String(e)}`),
      );
    };
    hub.document('completion', async (p) => {
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.complete(r.d, p.position) : null;
    });
    hub.document('hover', async (p) => {
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.hover(r.d, p.position) : null;
    });
    hub.document('definition', async (p) => {
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.definition(r.d, p.position) : null;
    });
    hub.document('references', async (p) => {
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.references(r.d, p.position, p.context.includeDeclaration) : null;
    });
    hub.document('documentSymbol', async (p) => {
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.documentSymbols(r.d) : null;
    });
    connection.onDocumentFormatting(async (p) => {
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.formatEdits(r.d) : null;
    });
    // Code actions go through the shared hub (only one onCodeAction handler may exist per connection).
    hub.codeAction(async (p) => {
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.codeActions(r.d, p.context.diagnostics) : [];
    });
    connection.onPrepareRename(async (p) => {
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.prepareRename(r.d, p.position) : null;
    });
    connection.onRenameRequest(async (p) => {
      const r = await docFor(p.textDocument.uri);
      return r ? r.e.rename(r.d, p.position, p.newName) : null;
    });
  },
};
