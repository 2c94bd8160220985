// Show ERD: a webview with a Mermaid erDiagram of the env's database or its desired (dev) state, rendered
// offline by the mermaid bundle shipped in dist/.
import * as vscode from 'vscode';
import { pickEnv } from './envArg';
import { InspectRequest } from '../../../server/src/protocol';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.showErd';

function html(webview: vscode.Webview, script: vscode.Uri, title: string, diagram: string): string {
  const nonce = Math.random().toString(36).slice(2);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}' ${webview.cspSource};">
<title>${esc(title)}</title><style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)} #status{opacity:.7}</style></head>
<body><h3>${esc(title)}</h3><div id="status">rendering…</div><pre class="mermaid" id="erd">${esc(diagram)}</pre>
<script nonce="${nonce}" src="${script}"></script>
<script nonce="${nonce}">
const dark = document.body.classList.contains('vscode-dark');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
mermaid.run({ querySelector: '#erd' }).then(() => { document.getElementById('status').textContent = 'rendered'; document.body.dataset.erd = 'ok'; })
  .catch((e) => { document.getElementById('status').textContent = 'ERD error: ' + e.message; document.body.dataset.erd = 'error'; });
</script></body></html>`;
}

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
  const mediaRoot = vscode.Uri.joinPath(c.extensionUri, 'dist');
  const panel = vscode.window.createWebviewPanel('atlasWorkbench.erd', `ERD: ${env.name}`, vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: [mediaRoot],
  });
  const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'mermaid.min.js'));
  panel.webview.html = html(panel.webview, script, `${env.name} — ${source === 'url' ? 'database' : 'desired state'}`, r.output.trim());
  return r.output;
};
