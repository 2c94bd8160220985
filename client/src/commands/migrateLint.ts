// Migrate Lint: on a `.sql` file (editor, explorer, Migrations tree) lints that file on top of the files before it;
// on an env or folder lints the latest migration (atlas/lint). Shows Atlas's report.
import * as vscode from 'vscode';
import { LintRequest, type MigrationFileInfo } from '../../../server/src/protocol';
import { pickEnv } from './envArg';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.migrateLint';

/** The `.sql` file a command argument names: an explorer/editor Uri or a Migrations tree file node. */
function fileOf(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.fsPath.endsWith('.sql') ? arg.fsPath : undefined;
  return (arg as { file?: MigrationFileInfo } | undefined)?.file?.path;
}

export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'lint');
  if (!env) return undefined;
  const file = fileOf(arg);
  const r = await c.wb.operate(`Migrate Lint (${env.name})`, LintRequest, env, file ? { file } : {});
  if (!r) return undefined;
  if (r.error && !r.summary) {
    await c.wb.fail(r.error);
    return r;
  }
  if (r.output.trim()) await c.docs.show(`lint-${env.name}.txt`, r.output + (r.error ? `\nError: ${r.error.message}\n` : ''));
  if (r.failed)
    void vscode.window.showWarningMessage(`Atlas lint reported errors for "${env.name}".`, 'Show Log').then((p) => p && c.wb.log.channel.show(true));
  return r;
};
