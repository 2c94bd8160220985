// The "Atlas Workbench" LogOutputChannel. Every line goes through `redact` so no password reaches the log.
import * as vscode from 'vscode';

/** Replaces the password of every URL in a text with `****` (same rule as the server's maskUrl). */
export function redact(text: string): string {
  return text.replace(/\b([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^\s/?#@:]*):([^\s/?#@]*)@/g, (_w, scheme: string, user: string) => `${scheme}${user}:****@`);
}

export class Log {
  readonly channel: vscode.LogOutputChannel;
  private secrets = new Set<string>();
  constructor() { this.channel = vscode.window.createOutputChannel('Atlas Workbench', { log: true }); }
  /** Values that must never appear in the log (passwords from SecretStorage). */
  forget(values: Iterable<string>): void { for (const v of values) if (v.length >= 3) this.secrets.add(v); }
  clean(text: string): string {
    let t = redact(text);
    for (const s of this.secrets) t = t.split(s).join('****');
    return t;
  }
  info(msg: string): void { this.channel.info(this.clean(msg)); }
  warn(msg: string): void { this.channel.warn(this.clean(msg)); }
  error(msg: string): void { this.channel.error(this.clean(msg)); }
  /** Appends raw command output (already cleaned) as one block. */
  block(title: string, text: string): void { if (text.trim()) this.channel.info(`${title}\n${this.clean(text.trimEnd())}`); }
  dispose(): void { this.channel.dispose(); }
}
