// Shared dispatch for LSP handlers that vscode-languageserver allows only once per connection (a second
// `connection.onCodeAction` replaces the first): code actions, executeCommand and watched-file changes.
// Any feature can register here; the hub installs the real handler once and fans out.
import type { CodeAction, CodeActionParams, Command, Connection, DidChangeWatchedFilesParams, ExecuteCommandParams } from 'vscode-languageserver';
import { shown } from '../secrets';

type CodeActionFn = (p: CodeActionParams) => Promise<Array<CodeAction | Command>> | Array<CodeAction | Command>;
type CommandFn = (args: unknown[]) => unknown;
type WatchFn = (p: DidChangeWatchedFilesParams) => void;

export interface HandlerHub {
  codeAction(fn: CodeActionFn): void;
  command(name: string, fn: CommandFn): void;
  watchedFiles(fn: WatchFn): void;
}

const hubs = new WeakMap<Connection, HandlerHub>();

export function handlerHub(connection: Connection): HandlerHub {
  const existing = hubs.get(connection);
  if (existing) return existing;
  const actions: CodeActionFn[] = [];
  const commands = new Map<string, CommandFn>();
  const watchers: WatchFn[] = [];
  connection.onCodeAction(async (p) =>
    (
      await Promise.all(
        actions.map(async (fn) => {
          try {
            return await fn(p);
          } catch (e) {
            connection.console.error(shown(`code action failed: ${(e as Error).message}`));
            return [];
          }
        }),
      )
    ).flat(),
  );
  connection.onExecuteCommand(async (p: ExecuteCommandParams) => {
    const fn = commands.get(p.command);
    if (!fn) throw new Error(`unknown command ${p.command}`);
    return fn(p.arguments ?? []);
  });
  connection.onDidChangeWatchedFiles((p) => {
    for (const fn of watchers) fn(p);
  });
  const hub: HandlerHub = {
    codeAction: (fn) => {
      actions.push(fn);
    },
    command: (name, fn) => {
      commands.set(name, fn);
    },
    watchedFiles: (fn) => {
      watchers.push(fn);
    },
  };
  hubs.set(connection, hub);
  return hub;
}
