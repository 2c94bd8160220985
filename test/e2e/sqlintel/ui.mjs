// UI steps: the same features as a user sees them (suggest widget, hover card, squiggle + quick fix, history).
import { askUntil, palette, pick, quickOpen } from '../support/ui.mjs';

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
      await askUntil(page, 'Control+Space', page.locator('.suggest-widget .monaco-list-row', { hasText: 'display_name' }).first());
    },
  ],
  [
    'hover shows the table as of that line',
    async ({ page }) => {
      await page.keyboard.press('Escape');
      // the cursor on "users" of line 1 (after `CREATE UNIQUE INDEX users_email_key ON `)
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < 41; i++) await page.keyboard.press('ArrowRight');
      // Show Hover from the keyboard (Ctrl+K Ctrl+I), asked again if the first answer came before the server had the file.
      await askUntil(page, ['Control+K', 'Control+I'], page.locator('.monaco-hover', { hasText: 'CREATE TABLE users' }).first());
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
      // The squiggle seen may still be the previous text's; the code actions are asked again until the fix is offered.
      await askUntil(page, 'Control+.', page.locator('.action-widget .monaco-list-row', { hasText: 'Change to "users"' }).first());
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
