// A real language server session on a project folder for the typed workbench requests: the client's settings
// (workspace/configuration) are `settings`, and `request(type, env, params)` sends one operation for an env of
// `<root>/atlas.hcl` as the client does.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RequestType } from 'vscode-languageserver-protocol';
import type { EnvOperationParams, WorkbenchSettings } from '../../server/src/protocol';
import { startLspSession, type LspSession } from './lspSession';

export interface TypedSession {
  session: LspSession;
  projectUri: string;
  request<P extends EnvOperationParams, R>(type: RequestType<P, R, void>, env: string, params?: Omit<P, keyof EnvOperationParams>): Promise<R>;
  close(): void;
}

export async function typedSession(root: string, settings: Partial<WorkbenchSettings> = {}, environ?: Record<string, string>): Promise<TypedSession> {
  const session = await startLspSession(root, { workspace: { configuration: true } });
  session.rpc.onRequest('workspace/configuration', (q: { items: unknown[] }) => q.items.map(() => settings));
  const projectUri = pathToFileURL(path.join(root, 'atlas.hcl')).href;
  return {
    session,
    projectUri,
    request: (type, env, params) => session.rpc.sendRequest(type.method, { ...(params ?? {}), projectUri, env, ...(environ ? { environ } : {}) }),
    close: () => session.close(),
  };
}
