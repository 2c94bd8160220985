// A language server with only the atlas.hcl feature (no lint / sum / workbench features), bundled by
// bench/hcl-latency.ts to measure what the atlas.hcl part itself costs in memory and time.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../server/src/lsp/context';
import { feature } from '../server/src/lsp/hclFeature';
import { defaultSettings } from '../server/src/protocol';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const ctx: ServerContext = {
  connection,
  documents,
  openText: () => undefined, // the atlas.hcl feature reads no migration files
  settings: async () => defaultSettings,
  workspaceFolders: () => [],
  log: (m) => connection.console.log(m),
  publish: (uri: string, _source: string, diagnostics: Diagnostic[]) => {
    void connection.sendDiagnostics({ uri, diagnostics });
  },
};
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, ...feature.capabilities } }));
connection.onInitialized(async () => {
  await feature.init?.();
  void connection.sendNotification('atlas/ready', { version: 'bench' });
});
feature.register(ctx);
documents.listen(connection);
connection.listen();
