// Shared dispatch for LSP handlers that vscode-languageserver allows only once per connection (a second
// `connection.onCodeAction` replaces the first): code actions, executeCommand and watched-file changes, and the
// per-document requests (completion, hover, definition, references, symbols) that several languages answer.
// Any feature can register here; the hub installs the real handler once and fans out.
import type {
  CodeAction,
  CodeActionParams,
  Command,
  CompletionItem,
  CompletionList,
  CompletionParams,
  Connection,
  DefinitionParams,
  DidChangeWatchedFilesParams,
  DocumentSymbol,
  DocumentSymbolParams,
  ExecuteCommandParams,
  Hover,
  HoverParams,
  Location,
  ReferenceParams,
} from 'vscode-languageserver';
import { shown } from '../secrets';

type CodeActionFn = (p: CodeActionParams) => Promise<Array<CodeAction | Command>> | Array<CodeAction | Command>;
type CommandFn = (args: unknown[]) => unknown;
type WatchFn = (p: DidChangeWatchedFilesParams) => void;

/** Per-document requests: each handler answers null for documents that are not its own; the first answer wins. */
export interface DocumentRequests {
  completion: [CompletionParams, CompletionItem[] | CompletionList];
  hover: [HoverParams, Hover];
  definition: [DefinitionParams, Location | Location[]];
  references: [ReferenceParams, Location[]];
  documentSymbol: [DocumentSymbolParams, DocumentSymbol[]];
}
type DocFn<K extends keyof DocumentRequests> = (
  p: DocumentRequests[K][0],
) => Promise<DocumentRequests[K][1] | null | undefined> | DocumentRequests[K][1] | null | undefined;

export interface HandlerHub {
  /** a per-document request handler (answers null for documents that are not its own) */
  document<K extends keyof DocumentRequests>(kind: K, fn: DocFn<K>): void;
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
  const docHandlers = new Map<keyof DocumentRequests, Array<(p: never) => unknown>>();
  const first = (kind: keyof DocumentRequests) => async (p: never) => {
    for (const fn of docHandlers.get(kind) ?? []) {
      const r = await fn(p);
      if (r !== null && r !== undefined) return r;
    }
    return null;
  };
  const install: Record<keyof DocumentRequests, () => void> = {
    completion: () => connection.onCompletion(first('completion') as never),
    hover: () => connection.onHover(first('hover') as never),
    definition: () => connection.onDefinition(first('definition') as never),
    references: () => connection.onReferences(first('references') as never),
    documentSymbol: () => connection.onDocumentSymbol(first('documentSymbol') as never),
  };
  const hub: HandlerHub = {
    document: (kind, fn) => {
      const list = docHandlers.get(kind);
      if (list) list.push(fn as (p: never) => unknown);
      else {
        docHandlers.set(kind, [fn as (p: never) => unknown]);
        install[kind]();
      }
    },
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
