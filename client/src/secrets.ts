// Variables kept in SecretStorage (database passwords, values for getenv()), per atlas.hcl folder.
// They are injected into the environment of engine requests only; never written to settings or shown.
import * as vscode from 'vscode';

const INDEX = 'atlasWorkbench.secretNames';

export class Secrets {
  constructor(private storage: vscode.SecretStorage, private state: vscode.Memento) {}

  private key(folder: string, name: string): string { return `atlasWorkbench:${folder}:${name}`; }
  private names(folder: string): string[] { return this.state.get<Record<string, string[]>>(INDEX, {})[folder] ?? []; }

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

  /** Every stored variable of every folder (for listing envs across the workspace). */
  async all(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const folder of Object.keys(this.state.get<Record<string, string[]>>(INDEX, {}))) Object.assign(out, await this.environ(folder));
    return out;
  }
}

/** The variables an atlas.hcl env URL reads with getenv(), from its text. */
export function getenvNames(text: string): string[] {
  return [...new Set([...text.matchAll(/getenv\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]))];
}
