import type { Ctx } from './engine';
export const id = 'atlasWorkbench.showLog';
export const handler = (c: Ctx) => () => c.wb.log.channel.show(true);
