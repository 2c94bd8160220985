// Every command of `atlas-wb`: the engine commands plus `atlas-wb lsp`, which starts the language server. Kept apart from
// commands.ts because the server imports that table: lsp → cli/commands must not lead back to lsp.
import { commands, type CommandModule } from './commands';

export const allCommands: Record<string, () => Promise<CommandModule>> = {
  ...commands,
  lsp: () => import('./lspCommand'),
};
