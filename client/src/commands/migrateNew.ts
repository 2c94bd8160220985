// New Migration: an empty migration file in an env's folder (atlas/newMigration), then opens it.
import * as vscode from 'vscode';
import { NewMigrationRequest } from '../../../server/src/protocol';
import { pickEnv } from './envArg';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.migrateNew';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'new migration', (e) => e.migrationDir !== undefined);
  if (!env) return undefined;
  const name = await vscode.window.showInputBox({
    title: `New migration in "${env.name}"`,
    prompt: 'Name (letters, digits, _)',
    validateInput: (v) => (/^[A-Za-z0-9_]*$/.test(v) ? undefined : 'use letters, digits and _'),
  });
  if (name === undefined) return undefined;
  const r = await c.wb.operate(`New Migration (${env.name})`, NewMigrationRequest, env, name ? { name } : {});
  void c.wb.refresh();
  if (r?.error) await c.wb.fail(r.error);
  else if (r?.file) await vscode.window.showTextDocument(vscode.Uri.file(r.file));
  return r?.file;
};
