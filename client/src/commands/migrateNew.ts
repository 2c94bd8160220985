// New Migration: `migrate new <name>` in an env's folder, then opens the new file.
import * as vscode from 'vscode';
import { pickEnv } from './envArg';
import { migrationDir, runForEnv, type Ctx } from './engine';
import { newestFile } from './generateMigration';
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
  const dir = migrationDir(env);
  const before = newestFile(dir);
  const r = await runForEnv(c, env, 'New Migration', ['migrate', 'new', ...(name ? [name] : [])]);
  const created = newestFile(dir);
  if (r?.exitCode === 0 && created && created !== before) await vscode.window.showTextDocument(vscode.Uri.file(created));
  return created;
};
