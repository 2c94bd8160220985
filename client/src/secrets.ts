// Variables kept in SecretStorage (database passwords, values for getenv()), per project.
// They are injected into the environment of engine requests only; never written to settings or shown.
// Keyed by project: the atlas.hcl folder (the folder whose `.env` the engine reads too), so two projects holding a
// variable of the same name keep their own values. No vscode value import: unit tests use in-memory stores.
import type * as vscode from 'vscode';

/** workspaceState key of the index: project folder → names of its stored variables. */
export const INDEX = 'atlasWorkbench.secretNames';

/** The SecretStorage key of one variable of one project. */
export function secretKey(folder: string, name: string): string {
  return `atlasWorkbench:${folder}:${name}`;
}

export class Secrets {
  constructor(
    private storage: vscode.SecretStorage,
    private state: vscode.Memento,
  ) {}

  private key(folder: string, name: string): string {
    return secretKey(folder, name);
  }
  private names(folder: string): string[] {
    return this.state.get<Record<string, string[]>>(INDEX, {})[folder] ?? [];
  }

  async set(folder: string, name: string, value: string): Promise<void> {
    await this.storage.store(this.key(folder, name), value);
    const all = this.state.get<Record<string, string[]>>(INDEX, {});
    all[folder] = [...new Set([...(all[folder] ?? []), name])];
    await this.state.update(INDEX, all);
  }

  async delete(folder: string, name: string): Promise<void> {
    await this.storage.delete(this.key(folder, name));
    const all = this.state.get<Record<string, string[]>>(INDEX, {});
    all[folder] = (all[folder] ?? []).filter((n) => n !== name);
    await this.state.update(INDEX, all);
  }

  /** All variables of a folder, as an environment block. */
  async environ(folder: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const n of this.names(folder)) {
      const v = await this.storage.get(this.key(folder, n));
      if (v !== undefined) out[n] = v;
    }
    return out;
  }

  /** The variables of every project, by project folder (listing envs across the workspace: never merged). */
  async byProject(): Promise<Record<string, Record<string, string>>> {
    const out: Record<string, Record<string, string>> = {};
    for (const folder of Object.keys(this.state.get<Record<string, string[]>>(INDEX, {}))) out[folder] = await this.environ(folder);
    return out;
  }
}

/** The variables an atlas.hcl env URL reads with getenv(), from its text. */
export function getenvNames(text: string): string[] {
  return [...new Set([...text.matchAll(/getenv\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]))];
}
