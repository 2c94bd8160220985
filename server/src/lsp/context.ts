// What every LSP feature module receives: the connection, the open documents, per-resource settings.
import type { Connection, Diagnostic, ServerCapabilities } from 'vscode-languageserver';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkbenchSettings } from '../protocol';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** The text of the open editor document of a file system path, if any (an index kept on open/close: cheap per call). */
  openText(absPath: string): string | undefined;
  /** Settings for a resource, pulled from the client and cached by URI (cleared on change). */
  settings(uri: string): Promise<WorkbenchSettings>;
  /** Workspace folders (file system paths) known at initialize. */
  workspaceFolders(): string[];
  log(message: string): void;
  /**
   * Publishes diagnostics for a URI from one source ('hcl', 'lint', 'sum', ...). Sources are merged,
   * so features never overwrite each other's diagnostics. Pass [] to clear a source.
   */
  publish(uri: string, source: string, diagnostics: Diagnostic[]): void;
}

/** A feature module: adds its capabilities and wires its handlers (thin: call pure functions). */
export interface Feature {
  capabilities: ServerCapabilities;
  register(ctx: ServerContext): void;
  /** Optional async start (load WASM parsers) run after initialize; awaited before `atlas/ready`. */
  init?(): Promise<void>;
}
