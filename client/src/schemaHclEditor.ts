// PostgreSQL HCL schema files in the editor: `.hcl` files that an env's `src` (or `schema { src }`) names get the
// language atlas-schema-postgresql (`*.pg.hcl` get it from package.json), checked on open and whenever the env list
// (atlas/listEnvs, which carries every env's resolved `src`) changes; and a lens on top of such files.
import path from 'node:path';
import * as vscode from 'vscode';
import type { EnvSummary } from '../../server/src/protocol';
import type { Workbench } from './workbench';

export const SCHEMA_LANGUAGE = 'atlas-schema-postgresql';

/** Local paths an env's `src` names (`file://rel` against the project folder, `file:///abs`), files or folders. */
export function srcPaths(env: EnvSummary): string[] {
  const dir = path.dirname(vscode.Uri.parse(env.projectUri).fsPath);
  return (env.src ?? [])
    .filter((s) => s.startsWith('file://'))
    .map((s) => {
      const p = decodeURIComponent(s.slice('file://'.length));
      return path.isAbsolute(p) ? p : path.resolve(dir, p);
    });
}

/** True when some env's `src` names this `.hcl` file, or a folder holding it. */
export function namedBySrc(envs: EnvSummary[], file: string): boolean {
  if (!file.endsWith('.hcl') || /(^|[\\/])([^\\/]*\.)?atlas\.hcl$/.test(file)) return false;
  return envs.some((e) => srcPaths(e).some((p) => p === file || (!p.endsWith('.hcl') && file.startsWith(p + path.sep))));
}

class SchemaLenses implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    return [new vscode.CodeLens(top, { title: '$(type-hierarchy) Show ERD (as written)', command: 'atlasWorkbench.showHclErd', arguments: [doc.uri] })];
  }
}

export function registerSchemaHclEditor(wb: Workbench): vscode.Disposable[] {
  const check = (doc: vscode.TextDocument) => {
    if (doc.uri.scheme !== 'file' || doc.languageId === SCHEMA_LANGUAGE || doc.languageId === 'atlas-config') return;
    if (namedBySrc(wb.envs, doc.uri.fsPath)) void vscode.languages.setTextDocumentLanguage(doc, SCHEMA_LANGUAGE);
  };
  const all = () => vscode.workspace.textDocuments.forEach(check);
  all();
  return [
    vscode.workspace.onDidOpenTextDocument(check),
    wb.onDidChange(all),
    vscode.languages.registerCodeLensProvider({ language: SCHEMA_LANGUAGE, scheme: 'file' }, new SchemaLenses()),
  ];
}
