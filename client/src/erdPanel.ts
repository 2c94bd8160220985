// The ERD webview: a Mermaid erDiagram rendered offline by the mermaid bundle shipped in dist/ (Show ERD of an env,
// Show ERD of an HCL schema file). `document.body.dataset.erd` says `ok` or `error` once mermaid has run.
import * as vscode from 'vscode';

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

export function showErdPanel(extensionUri: vscode.Uri, tab: string, title: string, diagram: string, column = vscode.ViewColumn.Active): vscode.WebviewPanel {
  const mediaRoot = vscode.Uri.joinPath(extensionUri, 'dist');
  const panel = vscode.window.createWebviewPanel('atlasWorkbench.erd', tab, column, { enableScripts: true, localResourceRoots: [mediaRoot] });
  const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'mermaid.min.js'));
  panel.webview.html = html(panel.webview, script, title, diagram.trim());
  return panel;
}
