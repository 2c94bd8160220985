// Atlas: Show Table as of This File — the table under the cursor (or one picked) as it is after the current
// migration file, as a compact CREATE TABLE in a read-only document.
import * as vscode from 'vscode';
import { TableAsOfRequest, type TableAsOfResult, type TableAtParams } from '../../../server/src/protocol';
import type { Ctx } from './engine';

export const id = 'atlasWorkbench.showTableAsOf';

export const handler = (c: Ctx) => async (table?: string) => {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !editor.document.fileName.endsWith('.sql')) {
    void vscode.window.showInformationMessage('Open a migration file (or schema.sql) to see a table as of that file.');
    return;
  }
  const base: TableAtParams = { uri: editor.document.uri.toString() };
  const ask = (p: TableAtParams) => c.wb.client.sendRequest<TableAsOfResult>(TableAsOfRequest.method, p);
  let r = await ask(table ? { ...base, table } : { ...base, position: editor.selection.active });
  if (!r.table) {
    if (!r.tables.length) {
      void vscode.window.showInformationMessage(`No tables exist after ${r.file}.`);
      return;
    }
    const picked = await vscode.window.showQuickPick(r.tables, { title: `Show Table as of ${r.file}`, placeHolder: 'Table' });
    if (!picked) return;
    r = await ask({ ...base, table: picked });
  }
  if (!r.sql) {
    void vscode.window.showInformationMessage(`Table ${r.table ?? ''} does not exist after ${r.file}.`);
    return;
  }
  await c.docs.show(`${r.table ?? 'table'} as of ${r.file.replace(/\.sql$/, '')}.sql`, r.sql, { beside: true });
};
