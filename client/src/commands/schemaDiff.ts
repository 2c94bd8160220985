// Schema Diff / Drift Check: compares the env's database with its migration folder (or its src) through
// atlas/drift and opens the SQL that would bring the database in line as a read-only document.
import * as vscode from 'vscode';
import { DriftRequest } from '../../../server/src/protocol';
import { pickEnv } from './envArg';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.schemaDiff';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'drift check', (e) => e.url !== undefined);
  if (!env) return undefined;
  const r = await c.wb.operate(`Drift Check (${env.name})`, DriftRequest, env, {});
  if (!r) return undefined;
  if (r.error) {
    await c.wb.fail(r.error);
    return r;
  }
  if (r.synced) void vscode.window.showInformationMessage(`Atlas: no drift — the database of "${env.name}" matches ${r.to}.`);
  await c.docs.show(`drift-${env.name}.sql`, `-- Drift of env ${env.name}: database → ${r.to}\n${r.output}`);
  return r;
};
