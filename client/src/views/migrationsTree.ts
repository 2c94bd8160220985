// The Migrations tree: per env, every migration file with its state from the database; click opens the file
// (at the failing statement for partially applied files).
import * as vscode from 'vscode';
import type { EnvSummary, MigrationFileInfo, MigrationStatusResult } from '../../../server/src/protocol';
import { envKey, type Workbench } from '../workbench';
import { envStatusLine, fileLabel } from './migrationLabels';

export type MigrationNode =
  | { kind: 'env'; env: EnvSummary; status?: MigrationStatusResult }
  | { kind: 'info'; label: string; description: string; icon: string }
  | { kind: 'file'; env: EnvSummary; file: MigrationFileInfo };

export class MigrationsTree implements vscode.TreeDataProvider<MigrationNode> {
  private changed = new vscode.EventEmitter<MigrationNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private wb: Workbench) {
    wb.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: MigrationNode): MigrationNode[] {
    if (!node) {
      return this.wb.envs.filter((e) => this.wb.statuses.has(envKey(e))).map((env) => ({ kind: 'env', env, status: this.wb.statuses.get(envKey(env)) }));
    }
    if (node.kind !== 'env' || !node.status) return [];
    const s = node.status;
    const info: MigrationNode[] = [];
    if (s.error) info.push({ kind: 'info', label: 'Error', description: s.error.split('\n')[0], icon: 'error' });
    if (s.current !== undefined) info.push({ kind: 'info', label: 'Current Version', description: s.current, icon: 'tag' });
    if (s.next !== undefined) info.push({ kind: 'info', label: 'Next Version', description: s.next, icon: 'arrow-right' });
    return [...info, ...s.files.map((file) => ({ kind: 'file' as const, env: node.env, file }))];
  }

  getTreeItem(node: MigrationNode): vscode.TreeItem {
    if (node.kind === 'env') {
      const item = new vscode.TreeItem(
        node.env.name,
        node.status?.errorKind === 'unresolved' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
      );
      item.id = `mig:${envKey(node.env)}`;
      item.description = envStatusLine(node.status);
      const ok = node.status?.status === 'OK';
      item.iconPath = new vscode.ThemeIcon(
        node.status?.error ? 'error' : ok ? 'pass' : 'clock',
        new vscode.ThemeColor(node.status?.error ? 'testing.iconFailed' : ok ? 'testing.iconPassed' : 'problemsWarningIcon.foreground'),
      );
      item.contextValue = 'migrationEnv';
      item.tooltip = `${node.env.name}: ${envStatusLine(node.status)}`;
      return item;
    }
    if (node.kind === 'info') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.description = node.description;
      item.tooltip = `${node.label}: ${node.description}`;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.contextValue = 'migrationInfo';
      return item;
    }
    const l = fileLabel(node.file);
    const item = new vscode.TreeItem(l.label, vscode.TreeItemCollapsibleState.None);
    item.id = `mig:${envKey(node.env)}:${node.file.name}`;
    item.description = l.description;
    item.tooltip = l.tooltip;
    item.iconPath = new vscode.ThemeIcon(l.icon, l.color ? new vscode.ThemeColor(l.color) : undefined);
    item.contextValue = l.contextValue;
    item.resourceUri = vscode.Uri.file(node.file.path);
    item.command = { command: 'atlasWorkbench.openMigration', title: 'Open', arguments: [node.file.path, node.file.errorLine] };
    return item;
  }
}
