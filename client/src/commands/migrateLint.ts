// Migrate Lint: on a `.sql` file (editor, explorer, Migrations tree) lints that file on top of the files before it;
// on an env or folder lints the latest migration. Shows the report.
import * as vscode from 'vscode';
import type { MigrationFileInfo } from '../../../server/src/protocol';
import { lintArgvFor } from '../lintRequests';
import { projectDir } from '../workbench';
import { pickEnv } from './envArg';
import { migrationDir, runForEnv, type Ctx } from './engine';
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
  const r = await runForEnv(c, env, 'Migrate Lint', lintArgvFor(migrationDir(env), projectDir(env), file), { quiet: true, refresh: false });
  if (!r) return undefined;
  if (r.stdout.trim()) await c.docs.show(`lint-${env.name}.txt`, r.stdout);
  else if (r.exitCode !== 0) {
    await c.wb.fail(r.stderr || `Migrate Lint failed (exit ${r.exitCode})`);
    return r;
  }
  if (r.exitCode !== 0)
    void vscode.window.showWarningMessage(`Atlas lint reported errors for "${env.name}".`, 'Show Log').then((p) => p && c.wb.log.channel.show(true));
  return r;
};
