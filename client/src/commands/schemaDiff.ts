// Schema Diff / Drift Check: compares the env's database with its migration folder (or its src) and opens
// the SQL that would bring the database in line as a read-only document.
import * as vscode from 'vscode';
import { pickEnv } from './envArg';
import { fileUrl, migrationDir, runForEnv, type Ctx } from './engine';
export const id = 'atlasWorkbench.schemaDiff';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'drift check', (e) => e.url !== undefined);
  if (!env) return undefined;
  const to = env.migrationDir ? fileUrl(env, migrationDir(env)) : 'env://src';
  const r = await runForEnv(c, env, 'Drift Check', ['schema', 'diff', '--from', 'env://url', '--to', to], { refresh: false });
  if (!r || r.exitCode !== 0) return r;
  const clean = /Schemas are synced/i.test(r.stdout) || r.stdout.trim() === '';
  if (clean) void vscode.window.showInformationMessage(`Atlas: no drift — the database of "${env.name}" matches ${to}.`);
  await c.docs.show(`drift-${env.name}.sql`, `-- Drift of env ${env.name}: database → ${to}\n${r.stdout}`);
  return r;
};
