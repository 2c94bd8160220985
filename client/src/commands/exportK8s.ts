// Export Kubernetes ConfigMap for the Atlas Operator: an AtlasMigration + a ConfigMap holding the folder and atlas.sum.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { K8sExportRequest, type K8sExportParams, type K8sExportResult } from '../../../server/src/protocol';
import { pickEnv } from './envArg';
import { migrationDir, type Ctx } from './engine';
export const id = 'atlasWorkbench.exportK8s';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  let dir: string | undefined;
  if (arg instanceof vscode.Uri) dir = arg.fsPath;
  else {
    const env = await pickEnv(c.wb, arg, 'Kubernetes export', (e) => e.migrationDir !== undefined);
    if (env) dir = migrationDir(env);
  }
  if (!dir) return undefined;
  const name = await vscode.window.showInputBox({
    title: 'Kubernetes export',
    prompt: 'Base name (ConfigMap <name>-migrations, AtlasMigration <name>-migration)',
    value: path.basename(dir),
  });
  if (!name) return undefined;
  const r = await c.wb.client.sendRequest<K8sExportResult>(K8sExportRequest.method, { dir, name } satisfies K8sExportParams);
  for (const w of r.warnings) void vscode.window.showWarningMessage(`Atlas export: ${w}`);
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(path.join(path.dirname(dir), `${name}-atlas-migration.yaml`)),
    filters: { YAML: ['yaml', 'yml'] },
  });
  if (target) {
    await vscode.workspace.fs.writeFile(target, Buffer.from(r.yaml, 'utf8'));
    await vscode.window.showTextDocument(target);
  } else await c.docs.show(`${name}-atlas-migration.yaml`, r.yaml);
  return r.yaml;
};
