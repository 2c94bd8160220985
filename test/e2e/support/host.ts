// Helpers for extension-host tests: the activated extension's API and the CLI's command list.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'atlas-workbench.atlas-workbench';

export async function api(): Promise<WorkbenchApi> {
  const ext = vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  const a = await ext.activate();
  await a.ready;
  return a;
}

/** Engine commands the bundled CLI offers (`atlas-wb --help`), e.g. "migrate status". */
export function cliCommands(): string[] {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const out = execFileSync(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), '--help'], { encoding: 'utf8' });
  return [...out.matchAll(/^\s+atlas-wb (.+)$/gm)].map((m) => m[1].trim());
}

export function workspaceFile(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...parts);
}

/** Resolves when `pred` holds after a Workbench change event (or immediately). */
export function waitFor<T>(a: WorkbenchApi, pred: () => T | undefined | false, what: string, ms = 60000): Promise<T> {
  return new Promise((resolve, reject) => {
    const now = pred();
    if (now) {
      resolve(now);
      return;
    }
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const sub = a.workbench.onDidChange(() => {
      const v = pred();
      if (v) {
        clearTimeout(timer);
        sub.dispose();
        resolve(v);
      }
    });
  });
}

/** Resolves when diagnostics for `uri` satisfy `pred`. */
export function waitForDiagnostics(uri: vscode.Uri, pred: (d: readonly vscode.Diagnostic[]) => boolean, ms = 60000): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const now = vscode.languages.getDiagnostics(uri);
    if (pred(now)) {
      resolve(now);
      return;
    }
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for diagnostics on ${uri.fsPath}: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.message))}`));
    }, ms);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = vscode.languages.getDiagnostics(uri);
      if (pred(d)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(d);
      }
    });
  });
}
