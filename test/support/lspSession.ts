// A real language server started in-process over streams, for tests: sends initialize/initialized, waits for
// `atlas/ready`, and lets a test wait for the next diagnostics of a URI that satisfy a predicate.
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { startServer } from '../../server/src/lsp/server';
import { URI } from '../../server/src/lsp/uri';

export interface LspSession {
  rpc: MessageConnection;
  /** Latest diagnostics published per URI. */
  latest: Map<string, Diagnostic[]>;
  /** Every byte the server sent (responses, notifications, log messages, progress), as text. */
  sent: string[];
  /** Resolves with the current diagnostics of `uri` if they satisfy `ok`, else with the next publish that does. */
  waitFor(uri: string, ok: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  close(): void;
}

export async function startLspSession(root: string, capabilities: object = {}): Promise<LspSession> {
  const latest = new Map<string, Diagnostic[]>();
  const waiters: Array<{ uri: string; ok: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
  const up = new PassThrough(),
    down = new PassThrough();
  const sent: string[] = [];
  down.on('data', (chunk: Buffer) => {
    sent.push(chunk.toString('utf8'));
  });
  const server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  startServer(server);
  server.listen();
  const rpc = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  rpc.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p.diagnostics);
    for (const w of [...waiters])
      if (w.uri === p.uri && w.ok(p.diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
  });
  // What a client answers to server-initiated requests the features make (open a document, show a message).
  rpc.onRequest('window/showDocument', () => ({ success: true }));
  rpc.onNotification('window/showMessage', () => undefined);
  const ready = new Promise<void>((resolve) => rpc.onNotification('atlas/ready', () => resolve()));
  rpc.listen();
  await rpc.sendRequest('initialize', {
    processId: null,
    rootUri: URI.fromPath(root),
    capabilities,
    workspaceFolders: [{ uri: URI.fromPath(root), name: 'ws' }],
  });
  rpc.sendNotification('initialized', {});
  await ready;
  return {
    rpc,
    latest,
    sent,
    waitFor(uri, ok) {
      const now = latest.get(uri);
      if (now && ok(now)) return Promise.resolve(now);
      return new Promise((resolve) => waiters.push({ uri, ok, resolve }));
    },
    close() {
      rpc.dispose();
      server.dispose();
    },
  };
}
