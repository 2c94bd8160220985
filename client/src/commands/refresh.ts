import type { Ctx } from './engine';
export const id = 'atlasWorkbench.refresh';
export const handler = (c: Ctx) => () => c.wb.refresh();
