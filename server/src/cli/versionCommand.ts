import type { CliCommand } from './io';
import { productVersion } from '../version';

export const usage = 'atlas-wb version';
export const run: CliCommand = async (_args, io) => {
  io.out(`atlas-wb version ${productVersion}\n`);
  return 0;
};
