// Inspect Database as HCL: the env's database in Atlas's HCL schema language (atlas/inspect, format hcl), written to a
// `.pg.hcl` file beside atlas.hcl (`<env>.pg.hcl`; asks before overwriting) and opened.
import path from 'node:path';
import * as vscode from 'vscode';
import { InspectRequest } from '../../../server/src/protocol';
import { pickEnv } from './envArg';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.inspectHcl';

export const handler = (c: Ctx) => async (arg?: unknown, target?: vscode.Uri) => {
  const env = await pickEnv(c.wb, arg, 'inspect as HCL', (e) => e.url !== undefined);
  if (!env) return undefined;
  const r = await c.wb.operate(`Inspect Database as HCL (${env.name})`, InspectRequest, env, { source: 'url', format: 'hcl' });
  if (!r) return undefined;
  if (r.error) {
    await c.wb.fail(r.error.message);
    return r;
  }
  const projectDir = path.dirname(vscode.Uri.parse(env.projectUri).fsPath);
  const file = target ?? vscode.Uri.file(path.join(projectDir, `${env.name.replace(/[^\w.-]/g, '_')}.pg.hcl`));
  const exists = await vscode.workspace.fs.stat(file).then(
    () => true,
    () => false,
  );
  if (exists && !target) {
    const ok = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(file)} exists. Overwrite it?`, { modal: true }, 'Overwrite');
    if (ok !== 'Overwrite') return undefined;
  }
  await vscode.workspace.fs.writeFile(file, Buffer.from(r.output, 'utf8'));
  await vscode.window.showTextDocument(file);
  return r;
};
