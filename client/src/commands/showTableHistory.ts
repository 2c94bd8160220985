// Atlas: Show Table History — every migration that changed the table under the cursor (or one picked from the
// tables of the folder), in order; picking one opens the file at that statement.
import * as vscode from 'vscode';
import { TableHistoryRequest, type TableAtParams, type TableHistoryResult } from '../../../server/src/protocol';
import type { Ctx } from './engine';

export const id = 'atlasWorkbench.showTableHistory';

export const handler = (c: Ctx) => async (table?: string) => {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !editor.document.fileName.endsWith('.sql')) {
    void vscode.window.showInformationMessage('Open a migration file (or schema.sql) to see the history of one of its tables.');
    return;
  }
  const base: TableAtParams = { uri: editor.document.uri.toString() };
  const ask = (p: TableAtParams) => c.wb.client.sendRequest<TableHistoryResult>(TableHistoryRequest.method, p);
  let r = await ask(table ? { ...base, table } : { ...base, position: editor.selection.active });
  if (!r.table) {
    if (!r.tables.length) {
      void vscode.window.showInformationMessage('No tables exist at this point of the migration history.');
      return;
    }
    const picked = await vscode.window.showQuickPick(r.tables, { title: 'Show Table History', placeHolder: 'Table' });
    if (!picked) return;
    r = await ask({ ...base, table: picked });
  }
  const items = r.entries.map((e) => ({ label: e.file, description: `line ${e.line + 1}`, detail: e.statement, entry: e }));
  const picked = await vscode.window.showQuickPick(items, { title: `History of ${r.table ?? ''} (${items.length} statements)`, matchOnDetail: true });
  if (!picked) return;
  const pos = new vscode.Position(picked.entry.line, 0);
  await vscode.window.showTextDocument(vscode.Uri.parse(picked.entry.uri), { selection: new vscode.Range(pos, pos) });
};
