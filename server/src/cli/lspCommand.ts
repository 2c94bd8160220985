import type { CliCommand } from './io';
import { UserError } from './io';

export const usage = 'atlas-wb lsp --stdio | --node-ipc';
export const run: CliCommand = async (args) => {
  if (!args.includes('--stdio') && !args.includes('--node-ipc')) throw new UserError('lsp: pass --stdio (or --node-ipc)');
  const { startFromProcess } = await import('../lsp/main');
  startFromProcess();
  return new Promise<number>(() => {
    /* runs until the client exits */
  });
};
