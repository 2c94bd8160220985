// The engine commands' table: "<group> <verb>" → lazily loaded command module (one command per file). `atlas-wb lsp`
// is added in allCommands.ts, so the commands themselves never import the language server.
// Each module exports `run: CliCommand` and `usage: string`.
import type { CommandModule } from './io';
import { atlasFormatOnly, withFormatHint } from './formatHint';

export type { CommandModule };

export const commands: Record<string, () => Promise<CommandModule>> = {
  version: () => import('./versionCommand'),
  'migrate hash': withFormatHint(() => import('./migrateHash')),
  // The replay (pg/PGlite) is loaded only when --dev-url asks for it (engine/migrate.ts `validate`).
  'migrate validate': withFormatHint(() => import('./migrateValidate')),
  'migrate new': atlasFormatOnly(() => import('./migrateNew'), 'new'),
  'migrate lint': () => import('./migrateLint'),
  'devdb serve': () => import('./devdbCommand'),
  'migrate apply': withFormatHint(() => import('./migrateApply')),
  'migrate status': withFormatHint(() => import('./migrateStatus')),
  'migrate set': () => import('./migrateSet'),
  'migrate down': () => import('./migrateDown'),
  'migrate diff': atlasFormatOnly(() => import('./migrateDiff'), 'diff'),
  'migrate import': () => import('./migrateImport'),
  'migrate checkpoint': atlasFormatOnly(() => import('./migrateCheckpoint'), 'checkpoint'),
  'migrate edit': atlasFormatOnly(() => import('./migrateEdit'), 'edit'),
  'migrate rebase': atlasFormatOnly(() => import('./migrateRebase'), 'rebase'),
  'schema diff': () => import('./schemaDiff'),
  'schema inspect': () => import('./schemaInspect'),
  'schema apply': () => import('./schemaApply'),
  'schema clean': () => import('./schemaClean'),
  'schema fmt': () => import('./schemaFmt'),
};
