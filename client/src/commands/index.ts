// Registers every command module (one command per file).
import * as vscode from 'vscode';
import type { Ctx } from './engine';
import * as applyUpTo from './applyUpTo';
import * as convertFolder from './convertFolder';
import * as createProject from './createProject';
import * as editMigration from './editMigration';
import * as exportK8s from './exportK8s';
import * as generateMigration from './generateMigration';
import * as inspectHcl from './inspectHcl';
import * as migrateApply from './migrateApply';
import * as migrateDown from './migrateDown';
import * as migrateHash from './migrateHash';
import * as migrateLint from './migrateLint';
import * as migrateNew from './migrateNew';
import * as migrateSet from './migrateSet';
import * as migrateStatus from './migrateStatus';
import * as migrateValidate from './migrateValidate';
import * as openEnv from './openEnv';
import * as openMigration from './openMigration';
import * as planSchemaApply from './planSchemaApply';
import * as rebaseMigrations from './rebaseMigrations';
import * as refresh from './refresh';
import * as schemaDiff from './schemaDiff';
import * as schemaInspect from './schemaInspect';
import * as selectEnv from './selectEnv';
import * as setEnvVariable from './setEnvVariable';
import * as setPassword from './setPassword';
import * as showErd from './showErd';
import * as showHclErd from './showHclErd';
import * as showLog from './showLog';
import * as showTableAsOf from './showTableAsOf';
import * as showTableHistory from './showTableHistory';
import { markStepOnSuccess } from '../walkthrough';

interface CommandModule {
  id: string;
  handler: (c: Ctx) => (...args: never[]) => unknown;
}

export const commandModules: CommandModule[] = [
  applyUpTo,
  convertFolder,
  createProject,
  editMigration,
  exportK8s,
  generateMigration,
  inspectHcl,
  migrateApply,
  migrateDown,
  migrateHash,
  migrateLint,
  migrateNew,
  migrateSet,
  migrateStatus,
  migrateValidate,
  openEnv,
  openMigration,
  planSchemaApply,
  rebaseMigrations,
  refresh,
  schemaDiff,
  schemaInspect,
  selectEnv,
  setEnvVariable,
  setPassword,
  showErd,
  showHclErd,
  showLog,
  showTableAsOf,
  showTableHistory,
];

export function registerCommands(c: Ctx): vscode.Disposable[] {
  return commandModules.map((m) => vscode.commands.registerCommand(m.id, markStepOnSuccess(m.id, m.handler(c) as (...args: unknown[]) => unknown)));
}
