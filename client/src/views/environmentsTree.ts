// The Environments tree: one node per env of every atlas.hcl (multi-root and nested projects), with the URL
// (password masked by the server), dev database, source and migration folder as children.
import * as vscode from 'vscode';
import type { EnvSummary } from '../../../server/src/protocol';
import { DEFAULT_PRODUCTION_PATTERN, isProductionName } from '../productionPattern';
import { envKey, type Workbench } from '../workbench';
import { envStatusLine } from './migrationLabels';

export type EnvNode =
  { kind: 'project'; projectUri: string } | { kind: 'env'; env: EnvSummary } | { kind: 'detail'; env: EnvSummary; label: string; value: string; icon: string };

/** contextValue flags of an env item: `env`, plus `production` / `active` / `unresolved` / `migrations`. */
export function envContext(env: EnvSummary, productionPattern: string, active: boolean): string {
  const flags = ['env'];
  if (isProductionName(env.name, productionPattern)) flags.push('production');
  if (active) flags.push('active');
  if (env.unresolved) flags.push('unresolved');
  if (env.migrationDir) flags.push('migrations');
  return flags.join(' ');
}

export class EnvironmentsTree implements vscode.TreeDataProvider<EnvNode> {
  private changed = new vscode.EventEmitter<EnvNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private wb: Workbench) {
    wb.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: EnvNode): EnvNode[] {
    if (!node) {
      if (this.wb.projects.length > 1) return this.wb.projects.map((projectUri) => ({ kind: 'project', projectUri }));
      return this.wb.envs.map((env) => ({ kind: 'env', env }));
    }
    if (node.kind === 'project') return this.wb.envs.filter((e) => e.projectUri === node.projectUri).map((env) => ({ kind: 'env', env }));
    if (node.kind === 'env') {
      const e = node.env;
      const rows: EnvNode[] = [];
      if (e.unresolved) rows.push({ kind: 'detail', env: e, label: 'Unresolved', value: e.unresolved, icon: 'warning' });
      rows.push({ kind: 'detail', env: e, label: 'URL', value: e.url || '(unset)', icon: 'database' });
      rows.push({ kind: 'detail', env: e, label: 'Dev', value: e.dev ?? '(embedded PGlite)', icon: 'beaker' });
      if (e.src?.length) rows.push({ kind: 'detail', env: e, label: 'Source', value: e.src.join(', '), icon: 'file-code' });
      if (e.migrationDir) rows.push({ kind: 'detail', env: e, label: 'Migrations', value: e.migrationDir, icon: 'folder' });
      return rows;
    }
    return [];
  }

  getTreeItem(node: EnvNode): vscode.TreeItem {
    if (node.kind === 'project') {
      const p = vscode.Uri.parse(node.projectUri);
      const item = new vscode.TreeItem(vscode.workspace.asRelativePath(p, true), vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('project');
      item.resourceUri = p;
      item.contextValue = 'project';
      item.id = `proj:${node.projectUri}`;
      return item;
    }
    if (node.kind === 'env') {
      const e = node.env;
      const active = envKey(e) === envKey(this.wb.active() ?? { projectUri: '', name: '' });
      const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `env:${envKey(e)}`;
      const status = this.wb.statuses.get(envKey(e));
      item.description = [e.url ?? '', status && !status.error ? envStatusLine(status) : ''].filter(Boolean).join('  ·  ');
      const settings = vscode.workspace.getConfiguration('atlasWorkbench', vscode.Uri.parse(e.projectUri));
      item.contextValue = envContext(e, settings.get<string>('productionEnvPattern', DEFAULT_PRODUCTION_PATTERN), active);
      const prod = item.contextValue.includes('production');
      item.iconPath = new vscode.ThemeIcon(
        e.unresolved ? 'warning' : prod ? 'flame' : 'server-environment',
        active ? new vscode.ThemeColor('charts.blue') : undefined,
      );
      item.tooltip = new vscode.MarkdownString(
        [
          `**${e.name}**${prod ? ' (production)' : ''}${active ? ' — active' : ''}`,
          `- project: \`${vscode.workspace.asRelativePath(vscode.Uri.parse(e.projectUri))}\``,
          `- url: \`${e.url ?? '-'}\``,
          `- dev: \`${e.dev ?? 'embedded PGlite'}\`${e.devFromSettings ? ' (setting atlasWorkbench.devDatabase)' : ''}`,
          e.devVersion ? `\n$(warning) ${e.devVersion.message}` : '',
          e.src?.length ? `- src: \`${e.src.join(', ')}\`` : '',
          e.migrationDir ? `- migrations: \`${e.migrationDir}\`` : '',
          e.unresolved ? `\n$(warning) ${e.unresolved}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
        true,
      );
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.description = node.value;
    item.tooltip = `${node.label}: ${node.value}`;
    item.iconPath = new vscode.ThemeIcon(node.icon);
    item.contextValue = `envDetail ${node.label.toLowerCase()}`;
    if (node.label === 'Migrations' && node.env.migrationPath) {
      const dir = node.env.migrationPath;
      item.resourceUri = vscode.Uri.file(dir);
      item.command = { command: 'revealInExplorer', title: 'Reveal', arguments: [vscode.Uri.file(dir)] };
    }
    return item;
  }
}
