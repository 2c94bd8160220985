// The "Atlas Workbench" LogOutputChannel. Every line goes through the server's `display` so no password reaches the log.
import * as vscode from 'vscode';
import { display } from '../../server/src/protocol';

export class Log {
  readonly channel: vscode.LogOutputChannel;
  private secrets = new Set<string>();
  constructor() {
    this.channel = vscode.window.createOutputChannel('Atlas Workbench', { log: true });
  }
  /** Values that must never appear in the log (passwords from SecretStorage). */
  forget(values: Iterable<string>): void {
    for (const v of values) if (v) this.secrets.add(v);
  }
  clean(text: string): string {
    return display(text, this.secrets);
  }
  info(msg: string): void {
    this.channel.info(this.clean(msg));
  }
  warn(msg: string): void {
    this.channel.warn(this.clean(msg));
  }
  error(msg: string): void {
    this.channel.error(this.clean(msg));
  }
  /** Appends raw command output (already cleaned) as one block. */
  block(title: string, text: string): void {
    if (text.trim()) this.channel.info(`${title}\n${this.clean(text.trimEnd())}`);
  }
  dispose(): void {
    this.channel.dispose();
  }
}
