// Read-only documents for engine output (dry-run plans, diffs, inspect results): scheme `atlas-wb:`.
import * as vscode from 'vscode';

export const SCHEME = 'atlas-wb';

export class OutputDocuments implements vscode.TextDocumentContentProvider {
  private contents = new Map<string, string>();
  private changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private seq = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens `text` as a read-only document named `title` (extension picks the language: .sql, .yaml, .txt). */
  async show(title: string, text: string, opts: { beside?: boolean; preview?: boolean } = {}): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${++this.seq}/${title}` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: opts.preview ?? true, viewColumn: opts.beside ? vscode.ViewColumn.Beside : undefined });
  }
}
