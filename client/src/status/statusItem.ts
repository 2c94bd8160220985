// Language status item + status bar entry: server state, the active env and its pending count, the embedded dev
// database's state (while it is starting or running).
import * as vscode from 'vscode';
import { envKey, type Workbench } from '../workbench';

export function registerStatus(wb: Workbench): vscode.Disposable {
  const lang = vscode.languages.createLanguageStatusItem('atlasWorkbench.status', [{ language: 'atlas-config' }, { language: 'sql' }]);
  lang.name = 'Atlas';
  const bar = vscode.window.createStatusBarItem('atlasWorkbench.env', vscode.StatusBarAlignment.Left, 20);
  bar.name = 'Atlas Environment';
  bar.command = 'atlasWorkbench.selectEnv';
  const update = () => {
    const env = wb.active();
    const s = env ? wb.statuses.get(envKey(env)) : undefined;
    const pending = s && !s.error ? s.pendingCount : undefined;
    const server = wb.serverState === 'ready' ? '' : ` (${wb.serverState})`;
    lang.text = `Atlas${server}`;
    const dev = wb.devState === 'stopped' ? '' : ` · dev database ${wb.devState}`;
    lang.detail = `${env ? `env ${env.name}${pending !== undefined ? ` · ${pending} pending` : ''}` : 'no env'}${dev}`;
    lang.busy = wb.serverState === 'starting' || wb.serverState === 'busy' || wb.devState === 'starting';
    lang.severity = wb.serverState === 'error' || s?.error ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    lang.command = { command: 'atlasWorkbench.migrateStatus', title: 'Status' };
    if (!env) {
      bar.hide();
      return;
    }
    bar.text = `$(database) ${env.name}${s?.error ? ' $(warning)' : pending ? ` $(arrow-up) ${pending}` : s?.status === 'OK' ? ' $(check)' : ''}`;
    bar.tooltip = `Atlas env ${env.name}: ${s?.error ?? (s?.status ? `${s.status}, ${s.pendingCount} pending` : 'status unknown')}${server}. Click to switch env.`;
    bar.show();
  };
  update();
  const sub = wb.onDidChange(update);
  return vscode.Disposable.from(lang, bar, sub);
}
