// The floor for bench/activation.ts: the smallest language-server extension (one output channel, one
// LanguageClient over IPC, started), bundled the same way as dist/client.js.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const channel = vscode.window.createOutputChannel('Peer', { log: true });
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const client = new LanguageClient(
    'peer',
    'Peer',
    { module, transport: TransportKind.ipc },
    {
      documentSelector: [{ scheme: 'file', language: 'sql' }],
      outputChannel: channel,
    },
  );
  void client.start().catch(() => undefined);
}
