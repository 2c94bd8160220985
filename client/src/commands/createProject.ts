// Create atlas.hcl from a template matching the layouts our users follow (seeds 001, 003, 004).
import * as vscode from 'vscode';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.createProject';

export const templates: Array<{ label: string; detail: string; files: Record<string, string> }> = [
  {
    label: 'Migrations + schema.sql',
    detail: 'atlas/migrations with versioned files, schema/schema.sql as the desired state, DATABASE_URL from the environment',
    files: {
      'atlas.hcl':
        'env "local" {\n  url = getenv("DATABASE_URL")\n  dev = "pglite://memory"\n  src = "file://schema/schema.sql"\n  migration {\n    dir = "file://atlas/migrations"\n  }\n}\n',
      'schema/schema.sql':
        '-- The desired schema. Edit it, then right-click → Generate Migration.\nCREATE TABLE users (\n  id bigserial PRIMARY KEY,\n  email text NOT NULL UNIQUE\n);\n',
      'atlas/migrations/.gitkeep': '',
    },
  },
  {
    label: 'SQL-only migration folder',
    detail: 'hand-written versioned SQL files are the source of truth; lint rules; Kubernetes export ready',
    files: {
      'atlas.hcl':
        'env "local" {\n  url = getenv("DATABASE_URL")\n  dev = "pglite://memory"\n  migration {\n    dir = "file://migrations"\n  }\n}\n\nlint {\n  destructive {\n    error = true\n  }\n}\n',
      'migrations/.gitkeep': '',
    },
  },
  {
    label: 'Several environments (local, docker, staging, production)',
    detail: 'one schema.sql, a migration folder, four envs; production URL from PROD_DATABASE_URL',
    files: {
      'atlas.hcl': ['local', 'docker', 'staging', 'production']
        .map(
          (n) =>
            `env "${n}" {\n  url = getenv("${n === 'local' ? '' : n.toUpperCase() + '_'}DATABASE_URL")\n  dev = "pglite://memory"\n  src = "file://schema.sql"\n  migration {\n    dir = "file://migrations"\n  }\n}\n`,
        )
        .join('\n'),
      'schema.sql': 'CREATE TABLE accounts (\n  id bigserial PRIMARY KEY,\n  name text NOT NULL\n);\n',
      'migrations/.gitkeep': '',
    },
  },
];

export const handler = (c: Ctx) => async (folderArg?: vscode.Uri, index?: number) => {
  const folder =
    folderArg ??
    vscode.workspace.workspaceFolders?.[0]?.uri ??
    (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: 'Folder for atlas.hcl' }))?.[0];
  if (!folder) return undefined;
  const pick =
    index !== undefined
      ? { i: index }
      : await vscode.window.showQuickPick(
          templates.map((x, i) => ({ label: x.label, detail: x.detail, i })),
          { title: 'atlas.hcl template' },
        );
  const t = pick ? templates[pick.i] : undefined;
  if (!t) return undefined;
  const target = vscode.Uri.joinPath(folder, 'atlas.hcl');
  try {
    await vscode.workspace.fs.stat(target);
    void vscode.window.showWarningMessage('Atlas: atlas.hcl already exists here.');
    return undefined;
  } catch {
    /* absent: create */
  }
  for (const [rel, content] of Object.entries(t.files)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, rel), Buffer.from(content, 'utf8'));
  await vscode.window.showTextDocument(target);
  await c.wb.refresh();
  return target;
};
