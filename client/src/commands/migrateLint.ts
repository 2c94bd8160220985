// Migrate Lint: lints the latest migration (or, from a file, the folder up to it) and shows the report.
import * as vscode from 'vscode';
import { pickEnv } from './envArg';
import { runForEnv, type Ctx } from './engine';
export const id = 'atlasWorkbench.migrateLint';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'lint');
  if (!env) return undefined;
  const r = await runForEnv(c, env, 'Migrate Lint', ['migrate', 'lint', '--latest', '1'], { quiet: true, refresh: false });
  if (!r) return undefined;
  if (r.stdout.trim()) await c.docs.show(`lint-${env.name}.txt`, r.stdout);
  if (r.exitCode !== 0) void vscode.window.showWarningMessage(`Atlas lint reported errors for "${env.name}".`, 'Show Log').then((p) => p && c.wb.log.channel.show(true));
  return r;
};
