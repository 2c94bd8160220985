// Creates the language server on a connection: documents, settings cache, feature modules.
import {
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  TextDocumentSyncKind,
  DidChangeConfigurationNotification,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';
import { defaultSettings, ServerReadyNotification, ServerStatusNotification, type ServerReadyParams, type WorkbenchSettings } from '../protocol';
import type { Feature, ServerContext } from './context';
import { features } from './features';
import { productVersion } from '../version';
import { shown } from '../secrets';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  // File system path → URI of the open documents, so features ask "is this file open?" per file without a URI conversion.
  const openPaths = new Map<string, string>();
  documents.onDidOpen((e) => {
    if (e.document.uri.startsWith('file:')) openPaths.set(URI.toPath(e.document.uri), e.document.uri);
  });
  documents.onDidClose((e) => {
    if (e.document.uri.startsWith('file:')) openPaths.delete(URI.toPath(e.document.uri));
  });
  const settingsCache = new Map<string, Promise<WorkbenchSettings>>();
  let hasConfigCapability = false;
  let folders: string[] = [];
  let loaded: Feature[] = [];

  const published = new Map<string, Map<string, Diagnostic[]>>();
  const ctx: ServerContext = {
    connection,
    publish(uri, source, diagnostics) {
      let bySource = published.get(uri);
      if (!bySource) published.set(uri, (bySource = new Map()));
      bySource.set(source, diagnostics);
      void connection.sendDiagnostics({
        uri,
        diagnostics: [...bySource.values()]
          .flat()
          .map((d) => ({ ...d, message: typeof d.message === 'string' ? shown(d.message) : { ...d.message, value: shown(d.message.value) } })),
      });
    },
    documents,
    openText(absPath) {
      const uri = openPaths.get(absPath);
      return uri === undefined ? undefined : documents.get(uri)?.getText();
    },
    workspaceFolders: () => folders,
    log: (m) => connection.console.log(shown(m)),
    settings(uri) {
      if (!hasConfigCapability) return Promise.resolve(defaultSettings);
      let s = settingsCache.get(uri);
      if (!s) {
        s = connection.workspace
          .getConfiguration({ scopeUri: uri, section: 'atlasWorkbench' })
          .then((v) => ({ ...defaultSettings, ...(v ?? {}) }))
          .catch(() => defaultSettings);
        settingsCache.set(uri, s);
      }
      return s;
    },
  };

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    hasConfigCapability = !!params.capabilities.workspace?.configuration;
    folders = (params.workspaceFolders ?? []).map((f) => URI.toPath(f.uri));
    if (folders.length === 0 && params.rootUri) folders = [URI.toPath(params.rootUri)];
    loaded = await Promise.all(features.map((f) => f()));
    const capabilities: InitializeResult['capabilities'] = { textDocumentSync: TextDocumentSyncKind.Incremental };
    for (const f of loaded) Object.assign(capabilities, f.capabilities, mergeCommands(capabilities, f));
    for (const f of loaded) f.register(ctx);
    return { capabilities, serverInfo: { name: 'atlas-workbench', version: productVersion } };
  });

  connection.onInitialized(async () => {
    if (hasConfigCapability) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    connection.sendNotification(ServerStatusNotification.method, { state: 'starting' });
    try {
      for (const f of loaded) await f.init?.();
      connection.sendNotification(ServerStatusNotification.method, { state: 'ready' });
    } catch (e) {
      connection.sendNotification(ServerStatusNotification.method, { state: 'error', message: shown(e instanceof Error ? e.message : String(e)) });
    }
    connection.sendNotification(ServerReadyNotification.method, { version: productVersion } satisfies ServerReadyParams);
  });

  connection.onDidChangeConfiguration(() => settingsCache.clear());
  documents.onDidClose((e) => settingsCache.delete(e.document.uri));
  documents.listen(connection);
}

function mergeCommands(caps: InitializeResult['capabilities'], f: Feature) {
  const a = caps.executeCommandProvider?.commands ?? [];
  const b = f.capabilities.executeCommandProvider?.commands ?? [];
  return a.length || b.length ? { executeCommandProvider: { commands: [...a, ...b] } } : {};
}
