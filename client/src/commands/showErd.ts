// Show ERD: a webview with a Mermaid erDiagram of the env's database or its desired (dev) state, rendered
// offline by the mermaid bundle shipped in dist/.
import * as vscode from 'vscode';
import { pickEnv } from './envArg';
import { InspectRequest } from '../../../server/src/protocol';
import type { Ctx } from './engine';
import { showErdPanel } from '../erdPanel';
export const id = 'atlasWorkbench.showErd';

export const handler = (c: Ctx) => async (arg?: unknown, sourceArg?: 'url' | 'src') => {
  const env = await pickEnv(c.wb, arg, 'ERD');
  if (!env) return undefined;
  const source =
    sourceArg ??
    (env.url && env.src?.length
      ? (
          await vscode.window.showQuickPick(
            [
              { label: 'Database', description: env.url, v: 'url' as const },
              { label: 'Desired state (src on the dev database)', description: env.src.join(', '), v: 'src' as const },
            ],
            { title: 'ERD of', ignoreFocusOut: true },
          )
        )?.v
      : env.url
        ? 'url'
        : 'src');
  if (!source) return undefined;
  const r = await c.wb.operate(`Show ERD (${env.name})`, InspectRequest, env, { source, format: 'mermaid' });
  if (!r) return undefined;
  if (r.error) {
    await c.wb.fail(r.error);
    return undefined;
  }
  showErdPanel(c.extensionUri, `ERD: ${env.name}`, `${env.name} — ${source === 'url' ? 'database' : 'desired state'}`, r.output);
  return r.output;
};
