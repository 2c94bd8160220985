// UI steps on the HCL schema workspace: completion in a .pg.hcl, the squiggle of a bad reference in an .hcl named by
// src, and the ERD drawn from the files in a webview.
import fs from 'node:fs';
import path from 'node:path';
import { palette, quickOpen } from '../support/ui.mjs';

/** 1-based line of the first line of a workspace file that contains `text`. */
const lineOf = (folder, file, text) =>
  fs
    .readFileSync(path.join(folder, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text)) + 1;

export const steps = [
  [
    'typing a reference in a .pg.hcl suggests the columns of the referenced table',
    async ({ page, folder }) => {
      await quickOpen(page, 'app.pg.hcl');
      await page.locator('.editor-instance .view-line', { hasText: 'schema "public"' }).first().waitFor();
      await palette(page, 'Go to Line/Column');
      await page.keyboard.type(String(lineOf(folder, 'schema/app.pg.hcl', 'ref_columns = [table.users.column.id]')));
      await page.keyboard.press('Enter');
      await page.locator('.editor-instance .view-line', { hasText: 'ref_columns = [table.users.column.id]' }).first().waitFor();
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowLeft'); // before `]`: erase `id`, leaving `table.users.column.`
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Control+Space');
      await page.locator('.suggest-widget .monaco-list-row', { hasText: 'created_at' }).first().waitFor();
    },
  ],
  [
    'a reference to a missing table is underlined in audit.hcl and listed in Problems',
    async ({ page }) => {
      await page.keyboard.press('Escape');
      await quickOpen(page, 'audit.hcl');
      await page.locator('.squiggly-error').first().waitFor();
      await palette(page, 'View: Focus Problems');
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'table "user" is not defined' }).first().waitFor();
    },
  ],
  [
    'Show ERD of HCL Schema draws the tables of both files (no database)',
    async ({ page }) => {
      await quickOpen(page, 'app.pg.hcl');
      await palette(page, 'Atlas: Show ERD of HCL Schema');
      const frame = page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('iframe#active-frame');
      await frame.locator('body[data-erd="ok"] svg').first().waitFor();
      const text = await frame.locator('svg').first().textContent();
      if (!/audit_log/.test(text ?? '')) throw new Error(`ERD does not show audit_log: ${text?.slice(0, 200)}`);
    },
  ],
];
