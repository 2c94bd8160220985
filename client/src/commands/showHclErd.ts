// Show ERD of HCL Schema: the tables and foreign keys of a `*.pg.hcl` schema (the file and the other files of its
// folder) as written, drawn without a database (atlas/schemaHclErd).
import * as vscode from 'vscode';
import { SchemaHclErdRequest } from '../../../server/src/protocol';
import { showErdPanel } from '../erdPanel';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.showHclErd';

export const handler = (c: Ctx) => async (arg?: unknown) => {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showWarningMessage('Open a PostgreSQL HCL schema file (*.pg.hcl) first.');
    return undefined;
  }
  const r = await c.wb.client.sendRequest(SchemaHclErdRequest.method, { uri: uri.toString() });
  const { output, tables } = r as { output: string; tables: number };
  if (tables === 0) {
    void vscode.window.showInformationMessage(`No tables in ${vscode.workspace.asRelativePath(uri)} (or its folder).`);
    return output;
  }
  const name = uri.path.replace(/^.*\//, '');
  showErdPanel(c.extensionUri, `ERD: ${name}`, `${name} — as written (no database)`, output, vscode.ViewColumn.Beside);
  return output;
};
