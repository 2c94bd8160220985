// UI steps on a goose workspace: the Migrations view lists the goose files pending in PostgreSQL, Apply runs their
// Up parts and the view turns OK.
import { dialogButton, openAtlas, palette, pane, pick } from '../support/ui.mjs';

export const steps = [
  [
    'the Migrations view lists the goose files pending',
    async ({ page }) => {
      await openAtlas(page);
      const mig = pane(page, 'Migrations');
      await mig.locator('.monaco-list-row', { hasText: 'local' }).filter({ hasText: 'PENDING' }).first().waitFor();
      await mig.locator('.monaco-list-row', { hasText: '1_init.sql' }).filter({ hasText: 'pending' }).first().waitFor();
      await mig.locator('.monaco-list-row', { hasText: '2_change.sql' }).filter({ hasText: 'pending' }).first().waitFor();
    },
  ],
  [
    'Apply runs the Up parts and the view turns OK',
    async ({ page }) => {
      await palette(page, 'Atlas: Migrate Apply');
      await pick(page, 'local');
      await page.locator('.monaco-dialog-box', { hasText: 'Apply on env "local"?' }).waitFor();
      await dialogButton(page, 'Apply');
      await openAtlas(page);
      const mig = pane(page, 'Migrations');
      await mig.locator('.monaco-list-row', { hasText: 'local' }).filter({ hasText: 'OK' }).first().waitFor();
      await mig.locator('.monaco-list-row', { hasText: '2_change.sql' }).filter({ hasText: 'applied' }).first().waitFor();
    },
  ],
];
