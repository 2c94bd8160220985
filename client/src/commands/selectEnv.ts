// Select Active Environment: the env shown in the status bar and used when a command has no target.
import { pickEnv } from './envArg';
import type { Ctx } from './engine';
export const id = 'atlasWorkbench.selectEnv';
export const handler = (c: Ctx) => async (arg?: unknown) => {
  const env = await pickEnv(c.wb, arg, 'the status bar');
  if (env) await c.wb.setActive(env);
};
