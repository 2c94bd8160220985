// UI steps on a goose workspace: the Migrations view lists the goose files pending in PostgreSQL, Apply runs their
// Up parts and the view turns OK.
import { dialogButton, openAtlas, palette, pane } from '../support/ui.mjs';

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
    'clicking a goose file in the view opens it',
    async ({ page }) => {
      const mig = pane(page, 'Migrations');
      await mig.locator('.monaco-list-row', { hasText: '2_change.sql' }).first().click();
      await page.locator('.tabs-container .tab', { hasText: '2_change.sql' }).first().waitFor();
      await page.locator('.editor-instance .view-line', { hasText: '-- +goose Up' }).first().waitFor();
    },
  ],
  [
    'Apply plans the Up parts only (the dry-run plan), runs them, and the view turns OK',
    async ({ page }) => {
      await palette(page, 'View: Close All Editors');
      await palette(page, 'Atlas: Migrate Apply'); // one env: no env picker
      await page.locator('.tabs-container .tab', { hasText: 'apply-plan-local.sql' }).first().waitFor();
      await page.locator('.editor-instance .view-line', { hasText: 'ALTER TABLE a DROP COLUMN b;' }).first().waitFor();
      if ((await page.locator('.editor-instance .view-line', { hasText: 'DROP TABLE a' }).count()) > 0) throw new Error('the plan holds a Down part');
      await page.locator('.monaco-dialog-box', { hasText: 'Apply on env "local"?' }).waitFor();
      await dialogButton(page, 'Apply');
      await openAtlas(page);
      const mig = pane(page, 'Migrations');
      await mig.locator('.monaco-list-row', { hasText: 'local' }).filter({ hasText: 'OK' }).first().waitFor();
      await mig.locator('.monaco-list-row', { hasText: '2_change.sql' }).filter({ hasText: 'applied' }).first().waitFor();
    },
  ],
];
