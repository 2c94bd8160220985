// UI steps: the same features as a user sees them (suggest widget, hover card, squiggle + quick fix, history).
import { palette, pick, quickOpen } from '../support/ui.mjs';

const FILE = '20240303000001_users_email.sql';

async function typeAtEnd(page, text) {
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

export const steps = [
  [
    'column names complete after ALTER TABLE users DROP COLUMN',
    async ({ page }) => {
      await quickOpen(page, FILE);
      await typeAtEnd(page, 'ALTER TABLE users DROP COLUMN ');
      // the language server is up once the env status shows in the status bar
      await page.locator('.statusbar-item', { hasText: 'local' }).first().waitFor();
      await page.keyboard.press('Control+Space');
      await page.locator('.suggest-widget .monaco-list-row', { hasText: 'display_name' }).first().waitFor();
    },
  ],
  [
    'hover shows the table as of that line',
    async ({ page }) => {
      await page.keyboard.press('Escape');
      // the cursor on "users" of line 1 (after `CREATE UNIQUE INDEX users_email_key ON `), then the mouse over it
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < 41; i++) await page.keyboard.press('ArrowRight');
      const box = await page.locator('.editor-instance .cursors-layer .cursor').first().boundingBox();
      if (!box) throw new Error('no editor cursor to hover at');
      await page.mouse.move(box.x - 4, box.y + box.height / 2);
      await page.mouse.move(box.x - 2, box.y + box.height / 2);
      await page.locator('.monaco-hover', { hasText: 'CREATE TABLE users' }).first().waitFor();
    },
  ],
  [
    'a misspelt table is flagged and the quick fix offers the right name',
    async ({ page }) => {
      await page.keyboard.press('Escape');
      await page.locator('.editor-instance .view-lines').first().click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('ALTER TABLE usres ADD COLUMN age int;');
      await page.locator('.squiggly-error').first().waitFor();
      await page.keyboard.press('Home');
      for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Control+.');
      await page.locator('.action-widget .monaco-list-row', { hasText: 'Change to "users"' }).first().waitFor();
    },
  ],
  [
    'Show Table History lists every migration that changed the table',
    async ({ page }) => {
      await page.keyboard.press('Escape');
      await palette(page, 'Atlas: Show Table History');
      await pick(page, 'users');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: '20240302000001_users_profile.sql' }).first().waitFor();
    },
  ],
];
