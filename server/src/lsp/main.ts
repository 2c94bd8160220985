// Entry point of the language server bundle (dist/server.js): stdio or node IPC, chosen by argv.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

export function startFromProcess(): void {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection);
  connection.listen();
}

if (require.main === module) startFromProcess();
