// The atlas.hcl language feature: thin wiring of the pure handlers (config/*, lsp/hcl*.ts) to the connection.
// Diagnostics are published right after each change (no debounce: a parse + check takes a few ms).
// tree-sitter (WASM) is loaded on the first atlas.hcl opened or asked about, not at start: a workspace without
// one never pays for it.
import { loadParser } from '../config/parser';
import { diagnose } from '../config/document';
import type { Feature, ServerContext } from './context';
import { codeActions, formatEdits, toLspDiagnostic } from './hclActions';
import { complete } from './hclCompletion';
import { definition, documentSymbols, hover, prepareRename, references, rename } from './hclNavigation';
import { HclStore, isAtlasConfig } from './hclStore';
import { handlerHub } from './sumHandlerHub';

let store: HclStore | undefined;
let storeReady: Promise<void> | undefined;

function ensureStore(): Promise<void> {
  storeReady ??= loadParser().then((p) => { store = new HclStore(p); });
  return storeReady;
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
    const pending = new Set<string>();
    const refresh = (uri: string) => {
      const td = documents.get(uri);
      if (!td || !isAtlasConfig(uri, td.languageId)) return undefined;
      if (!store) { pending.add(uri); loadStore(); return undefined; }
      try {
        const doc = store.update(uri, td.getText());
        ctx.publish(uri, 'hcl', diagnose(doc, { cacheKey: uri }).map(toLspDiagnostic));
        return doc;
      } catch (e) {
        // Never let one bad document take the server down: drop its state, the next change re-parses it.
        store.close(uri);
        ctx.log(`atlas.hcl: checking ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        return undefined;
      }
    };
    const docFor = async (uri: string) => {
      const td = documents.get(uri);
      if (!td || !isAtlasConfig(uri, td.languageId)) return undefined;
      if (!store) await ensureStore();
      return store!.update(uri, td.getText());
    };
    documents.onDidChangeContent((e) => { refresh(e.document.uri); });
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
      ensureStore().then(() => {
        const uris = [...pending];
        pending.clear();
        for (const uri of uris) refresh(uri);
      }, (e: unknown) => ctx.log(`atlas.hcl parser failed to load: ${e instanceof Error ? e.message : String(e)}`));
    };
    connection.onCompletion(async (p) => { const d = await docFor(p.textDocument.uri); return d ? complete(d, p.position) : null; });
    connection.onHover(async (p) => { const d = await docFor(p.textDocument.uri); return d ? hover(d, p.position) : null; });
    connection.onDefinition(async (p) => { const d = await docFor(p.textDocument.uri); return d ? definition(d, p.position) : null; });
    connection.onReferences(async (p) => { const d = await docFor(p.textDocument.uri); return d ? references(d, p.position, p.context.includeDeclaration) : null; });
    connection.onDocumentSymbol(async (p) => { const d = await docFor(p.textDocument.uri); return d ? documentSymbols(d) : null; });
    connection.onDocumentFormatting(async (p) => { const d = await docFor(p.textDocument.uri); return d ? formatEdits(d) : null; });
    // Code actions go through the shared hub (only one onCodeAction handler may exist per connection).
    handlerHub(connection).codeAction(async (p) => { const d = await docFor(p.textDocument.uri); return d ? codeActions(d, p.context.diagnostics) : []; });
    connection.onPrepareRename(async (p) => { const d = await docFor(p.textDocument.uri); return d ? prepareRename(d, p.position) : null; });
    connection.onRenameRequest(async (p) => { const d = await docFor(p.textDocument.uri); return d ? rename(d, p.position, p.newName) : null; });
  },
};
