// Extension entry (thin): starts the language server (dist/server.js over IPC) and wires views, commands,
// status, code lenses and file watching. Nothing heavy loads here: PGlite and the parsers live in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerSchemaHclEditor } from './schemaHclEditor';
import { registerSchemaPlanLenses } from './schemaPlanLens';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  DevDatabaseNotification,
  ServerReadyNotification,
  ServerStatusNotification,
  SumConflictNotification,
  type DevDatabaseParams,
  type ServerStatusParams,
} from '../../server/src/protocol';
import { MigrationLenses } from './codeLens';
import { registerCommands } from './commands';
import { onSumConflict } from './commands/rebaseMigrations';
import { OutputDocuments, SCHEME } from './documents';
import { Log } from './log';
import { PatternWarnings } from './productionPattern';
import { Secrets } from './secrets';
import { initializationFailed, serverErrorHandler } from './serverHealth';
import { registerStatus } from './status/statusItem';
import { EnvironmentsTree } from './views/environmentsTree';
import { MigrationsTree } from './views/migrationsTree';
import { openWalkthroughOnFirstStart } from './walkthrough';
import { Workbench } from './workbench';

let client: LanguageClient | undefined;

/** What tests and other extensions can reach through `extension.exports`. */
export interface WorkbenchApi {
  workbench: Workbench;
  ready: Promise<void>;
  activationMs: number;
  logUri: vscode.Uri;
}

export async function activate(context: vscode.ExtensionContext): Promise<WorkbenchApi> {
  const t0 = performance.now();
  const log = new Log();
  context.subscriptions.push(log);
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // A small young generation keeps the server's resident memory low (parsing makes much short-lived garbage).
    run: { module, transport: TransportKind.ipc, options: { execArgv: ['--max-semi-space-size=1'] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const watchers = ['**/*.sql', '**/atlas.sum', '**/atlas.hcl', '**/*.atlas.hcl'].map((g) => vscode.workspace.createFileSystemWatcher(g));
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'atlas-config' },
      { scheme: 'file', language: 'atlas-schema-postgresql' },
      { scheme: 'file', language: 'sql' },
      { scheme: 'file', pattern: '**/atlas.sum' },
    ],
    outputChannel: log.channel,
    errorHandler: serverErrorHandler(log, () => wb),
    initializationFailedHandler: initializationFailed(log, () => wb),
    synchronize: { configurationSection: 'atlasWorkbench', fileEvents: watchers },
  };
  client = new LanguageClient('atlasWorkbench', 'Atlas Workbench', serverOptions, clientOptions);
  // The error handlers above read `wb` only once the server has started, after this line ran.
  const wb: Workbench = new Workbench(client, log, new Secrets(context.secrets, context.workspaceState), context.workspaceState);
  const docs = new OutputDocuments();
  const ctx = { wb, docs, extensionUri: context.extensionUri };
  void vscode.commands.executeCommand('setContext', 'atlasWorkbench.state', 'starting');

  context.subscriptions.push(
    wb,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, docs),
    vscode.window.createTreeView('atlasWorkbench.environments', { treeDataProvider: new EnvironmentsTree(wb), showCollapseAll: true }),
    vscode.window.createTreeView('atlasWorkbench.migrations', { treeDataProvider: new MigrationsTree(wb), showCollapseAll: true }),
    vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: '**/*.sql' }, new MigrationLenses(wb)),
    registerStatus(wb),
    ...registerCommands(ctx),
    ...registerSchemaHclEditor(wb),
    ...registerSchemaPlanLenses(wb),
  );

  // Refresh on file changes (debounced) and when settings change.
  // A file change refreshes the envs of its project only (never a production-like env); settings refresh everything.
  let timer: NodeJS.Timeout | undefined;
  let changed: string[] | undefined = [];
  const soon = (uri?: vscode.Uri) => {
    if (!uri) changed = undefined;
    else changed?.push(uri.fsPath);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = changed;
      changed = [];
      if (wb.serverState === 'ready') void wb.refresh(paths);
    }, 300);
  };
  for (const w of watchers) context.subscriptions.push(w.onDidChange(soon), w.onDidCreate(soon), w.onDidDelete(soon));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('atlasWorkbench')) soon();
    }),
  );

  // An invalid productionEnvPattern: warn (log + one notification per bad value) instead of falling back silently.
  const patternWarnings = new PatternWarnings();
  const checkPattern = () => {
    for (const scope of [undefined, ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)]) {
      const msg = patternWarnings.take(vscode.workspace.getConfiguration('atlasWorkbench', scope).get<string>('productionEnvPattern'));
      if (!msg) continue;
      log.warn(msg);
      void vscode.window
        .showWarningMessage(`Atlas: ${msg}.`, 'Open Settings')
        .then((p) => p && vscode.commands.executeCommand('workbench.action.openSettings', 'atlasWorkbench.productionEnvPattern'));
    }
  };
  checkPattern();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('atlasWorkbench.productionEnvPattern')) checkPattern();
    }),
  );

  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  client.onNotification(SumConflictNotification.method, onSumConflict);
  client.onNotification(ServerStatusNotification.method, (p: ServerStatusParams) => wb.setServerState(p.state, p.message));
  client.onNotification(DevDatabaseNotification.method, (p: DevDatabaseParams) => wb.setDevState(p.state));
  client.onNotification(ServerReadyNotification.method, () => {
    wb.setServerState('ready');
    void wb
      .refresh()
      .catch((e) => log.error(`refresh failed: ${e}`))
      .finally(markReady);
  });
  void client.start().catch((e) => {
    wb.setServerState('error', String(e));
    log.error(`language server failed to start: ${e}`);
    markReady();
  });
  void openWalkthroughOnFirstStart(context).catch((e) => log.error(`walkthrough: ${e}`));
  const activationMs = performance.now() - t0;
  log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { workbench: wb, ready, activationMs, logUri: context.logUri };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
