// PostgreSQL HCL schema files in the editor: `*.pg.hcl` get the language atlas-schema-postgresql from package.json;
// any other `.hcl` file is asked about (atlas/schemaHclFile: the server checks whether an env's `src` names it) when
// it opens and whenever the env list changes (atlas.hcl edited), and gets the language when it is one. A lens on
// top of schema files draws the ERD from the files.
import * as vscode from 'vscode';
import { SchemaHclFileRequest, type SchemaHclFileResult } from '../../server/src/protocol';
import type { Workbench } from './workbench';

export const SCHEMA_LANGUAGE = 'atlas-schema-postgresql';

class SchemaLenses implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    return [new vscode.CodeLens(top, { title: '$(type-hierarchy) Show ERD (as written)', command: 'atlasWorkbench.showHclErd', arguments: [doc.uri] })];
  }
}

export function registerSchemaHclEditor(wb: Workbench): vscode.Disposable[] {
  const check = async (doc: vscode.TextDocument) => {
    if (doc.uri.scheme !== 'file' || !doc.uri.path.endsWith('.hcl') || doc.languageId === SCHEMA_LANGUAGE || doc.languageId === 'atlas-config') return;
    if (/(^|\/)([^/]*\.)?atlas\.hcl$/.test(doc.uri.path)) return;
    try {
      const r = await wb.client.sendRequest<SchemaHclFileResult>(SchemaHclFileRequest.method, { uri: doc.uri.toString() });
      if (r.schema && !doc.isClosed) await vscode.languages.setTextDocumentLanguage(doc, SCHEMA_LANGUAGE);
    } catch {
      // the server is not up yet: the env list change after it starts checks again
    }
  };
  const all = () => vscode.workspace.textDocuments.forEach((d) => void check(d));
  all();
  return [
    vscode.workspace.onDidOpenTextDocument((d) => void check(d)),
    wb.onDidChange(all),
    vscode.languages.registerCodeLensProvider({ language: SCHEMA_LANGUAGE, scheme: 'file' }, new SchemaLenses()),
  ];
}
