// The client's shared state: the language client, the env list and status cache, the engine runner with
// cancellable progress, and error notifications with actions. Views and commands render what it holds.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient, type RequestType } from 'vscode-languageclient/node';
import {
  ListEnvsRequest,
  MigrationStatusRequest,
  type EngineFailure,
  type EnvOperationParams,
  type EnvSummary,
  type ListEnvsResult,
  type MigrationStatusResult,
  type OperationResult,
  type WorkbenchListEnvsParams,
  type DevDatabaseParams,
} from '../../server/src/protocol';
import type { Log } from './log';
import { DEFAULT_PRODUCTION_PATTERN, isProductionName } from './productionPattern';
import { envsToRead, mergeScopes, type RefreshScope } from './refreshScope';
import type { Secrets } from './secrets';

export type ServerState = 'starting' | 'ready' | 'busy' | 'error' | 'stopped';

export const envKey = (e: Pick<EnvSummary, 'projectUri' | 'name'>): string => `${e.projectUri}#${e.name}`;
export const projectDir = (e: Pick<EnvSummary, 'projectUri'>): string => path.dirname(vscode.Uri.parse(e.projectUri).fsPath);

/** The env's name matches the productionEnvPattern setting of its project. */
export function isProductionEnv(e: EnvSummary): boolean {
  const pattern = vscode.workspace
    .getConfiguration('atlasWorkbench', vscode.Uri.parse(e.projectUri))
    .get<string>('productionEnvPattern', DEFAULT_PRODUCTION_PATTERN);
  return isProductionName(e.name, pattern);
}

export class Workbench implements vscode.Disposable {
  envs: EnvSummary[] = [];
  projects: string[] = [];
  statuses = new Map<string, MigrationStatusResult>();
  activeEnv: string | undefined;
  serverState: ServerState = 'starting';
  serverMessage = '';
  /** the embedded dev database of the language server: stopped, starting (pre-warm or first use), running */
  devState: DevDatabaseParams['state'] = 'stopped';
  private changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private loading: Promise<void> | undefined;
  private again: Promise<void> | undefined;
  private pending: RefreshScope | undefined;
  private askedPassword = new Set<string>();

  constructor(
    readonly client: LanguageClient,
    readonly log: Log,
    readonly secrets: Secrets,
    private memento: vscode.Memento,
  ) {
    this.activeEnv = memento.get<string>('atlasWorkbench.activeEnv');
  }

  setServerState(state: ServerState, message = ''): void {
    this.serverState = state;
    this.serverMessage = message;
    void vscode.commands.executeCommand('setContext', 'atlasWorkbench.serverState', state);
    if (state === 'error') void vscode.commands.executeCommand('setContext', 'atlasWorkbench.state', 'serverError');
    this.changed.fire();
  }

  setDevState(state: DevDatabaseParams['state']): void {
    this.devState = state;
    this.changed.fire();
  }

  active(): EnvSummary | undefined {
    return (
      this.envs.find((e) => envKey(e) === this.activeEnv) ??
      this.envs.find((e) => e.migrationDir && !e.unresolved) ??
      this.envs.find((e) => e.migrationDir) ??
      this.envs[0]
    );
  }

  async setActive(env: EnvSummary): Promise<void> {
    this.activeEnv = envKey(env);
    await this.memento.update('atlasWorkbench.activeEnv', this.activeEnv);
    this.changed.fire();
  }

  /**
   * Reloads envs and statuses. Without `changed` (an explicit refresh) every env with a folder or URL is read; with
   * the paths of saved files only the envs of their projects, never a production-like env (see refreshScope.ts).
   */
  refresh(changed?: string[]): Promise<void> {
    this.pending = mergeScopes(this.pending, changed ? new Set(changed) : 'all');
    if (this.loading) {
      // A change arrived while loading: load once more afterwards so the views end up current.
      this.again ??= this.loading
        .catch(() => undefined)
        .then(() => {
          this.again = undefined;
          return this.refresh([]);
        });
      return this.again;
    }
    const scope = this.pending;
    this.pending = undefined;
    this.loading = this.load(scope).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(scope: RefreshScope): Promise<void> {
    const environByProject = await this.secrets.byProject();
    for (const env of Object.values(environByProject)) this.log.forget(Object.values(env));
    const res = await this.client.sendRequest<ListEnvsResult>(ListEnvsRequest.method, { environByProject } satisfies WorkbenchListEnvsParams);
    this.envs = res.envs;
    this.projects = res.projects;
    await vscode.commands.executeCommand('setContext', 'atlasWorkbench.state', res.projects.length ? 'ready' : 'noProject');
    await vscode.commands.executeCommand('setContext', 'atlasWorkbench.active', res.projects.length > 0);
    this.changed.fire();
    const listed = new Set(this.envs.map(envKey));
    // Envs not read this time keep their last status (dropped when the env is gone).
    const statuses = new Map([...this.statuses].filter(([k]) => listed.has(k) && scope !== 'all'));
    const scoped = this.envs.map((e) => ({ name: e.name, projectDir: projectDir(e), readable: e.migrationDir !== undefined || e.url !== undefined, env: e }));
    await Promise.all(
      envsToRead(scoped, scope, ({ env }) => isProductionEnv(env), path.sep).map(async ({ env }) => {
        statuses.set(envKey(env), await this.status(env));
      }),
    );
    this.statuses = statuses;
    const a = this.active();
    const err = a ? statuses.get(envKey(a))?.errorKind : undefined;
    await vscode.commands.executeCommand('setContext', 'atlasWorkbench.migrationsError', err ?? '');
    this.changed.fire();
    // Passwords are asked once (per env and session) when the database asks for one; kept in SecretStorage.
    if (a && err === 'password' && !this.askedPassword.has(envKey(a))) {
      this.askedPassword.add(envKey(a));
      void vscode.commands.executeCommand('atlasWorkbench.setPassword', a);
    }
  }

  async status(e: EnvSummary): Promise<MigrationStatusResult> {
    const environ = await this.secrets.environ(projectDir(e));
    try {
      return await this.client.sendRequest<MigrationStatusResult>(MigrationStatusRequest.method, { projectUri: e.projectUri, env: e.name, environ });
    } catch (err) {
      return { env: e.name, projectUri: e.projectUri, files: [], pendingCount: 0, error: String(err), errorKind: 'other' };
    }
  }

  /**
   * Sends a typed engine request for an env under a cancellable notification progress; Atlas's text output goes to
   * the log. Returns undefined when the user cancelled or the request could not be sent (the failure is shown).
   */
  async operate<P extends EnvOperationParams, R extends OperationResult>(
    title: string,
    type: RequestType<P, R, void>,
    env: EnvSummary,
    params: Omit<P, keyof EnvOperationParams>,
  ): Promise<R | undefined> {
    const environ = await this.secrets.environ(projectDir(env));
    this.log.forget(Object.values(environ));
    this.log.info(`${type.method} on env ${env.name}   (${vscode.Uri.parse(env.projectUri).fsPath})`);
    const started = Date.now();
    try {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const workDoneToken = `atlas-${Date.now()}-${Math.random().toString(36).slice(2)}`;
        const sub = this.client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
          if (v.kind !== 'end' && v.message) progress.report({ message: v.message });
        });
        try {
          const full = { ...params, projectUri: env.projectUri, env: env.name, environ, workDoneToken } as P;
          return (await this.client.sendRequest(type.method, full, token)) as R;
        } finally {
          sub.dispose();
        }
      });
      this.log.block(
        `${result.error ? `failed (${result.error.kind})` : 'done'} after ${Date.now() - started} ms`,
        result.output + (result.error ? `\nError: ${result.error.message}` : ''),
      );
      return result;
    } catch (e) {
      // A cancelled request rejects (vscode.CancellationError or the protocol's RequestCancelled); anything else is a
      // transport failure: shown with actions, and the caller sees no result.
      const cancelled = e instanceof vscode.CancellationError || (e as { code?: unknown } | undefined)?.code === -32800;
      if (cancelled) {
        this.log.info(`${title}: cancelled`);
        return undefined;
      }
      await this.fail(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  }

  /**
   * Shows an error notification with actions (Show Log, Open Settings; Set Password when the database refused the
   * password, Set Environment Variable when a variable the project reads is not set), chosen by the error's kind.
   */
  async fail(error: EngineFailure | string): Promise<void> {
    const { kind, message } = typeof error === 'string' ? { kind: 'other' as const, message: error } : error;
    const clean = this.log.clean(message.trim());
    this.log.error(clean);
    const actions = ['Show Log', 'Open Settings'];
    if (kind === 'authFailed') actions.unshift('Set Password');
    if (kind === 'unresolved') actions.unshift('Set Environment Variable');
    const pick = await vscode.window.showErrorMessage(`Atlas: ${clean.split('\n')[0]}`, ...actions);
    if (pick === 'Show Log') this.log.channel.show(true);
    if (pick === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'atlasWorkbench');
    if (pick === 'Set Password') void vscode.commands.executeCommand('atlasWorkbench.setPassword');
    if (pick === 'Set Environment Variable') void vscode.commands.executeCommand('atlasWorkbench.setEnvVariable');
  }

  dispose(): void {
    this.changed.dispose();
  }
}
