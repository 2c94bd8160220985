// The editor's lint service outside the language server, for benches: open documents in a map, diagnostics dropped
// (the bench reads what `LintService.diagnostics` returns).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../server/src/lsp/context';
import { LintService } from '../server/src/lsp/lintService';
import { URI } from '../server/src/lsp/uri';

export function benchLintService(folder: string): { service: LintService; docs: Map<string, TextDocument> } {
  const docs = new Map<string, TextDocument>();
  const ctx = {
    documents: { get: (u: string) => docs.get(u), all: () => [...docs.values()] },
    openText: (p: string) => docs.get(URI.fromPath(p))?.getText(),
    workspaceFolders: () => [folder],
    publish: () => undefined,
    log: () => undefined,
  } as unknown as ServerContext;
  return { service: new LintService(ctx), docs };
}
