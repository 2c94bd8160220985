// A new user's first start (what `npm start` opens): the quick-start example in a fresh profile. The Getting Started
// walkthrough opens by itself; its steps lead through the Atlas view, an apply on the embedded env (PGlite, no
// server) with its plan and confirmation, and the ERD.
import fs from 'node:fs';
import path from 'node:path';
import { dialogButton, openAtlas, palette, pane, pick } from '../support/ui.mjs';

const walkthrough = (page) => page.locator('.gettingStartedContainer');

/** Back to the walkthrough: the Welcome tab shows the start page once a step's command has run elsewhere. */
async function showWalkthrough(page) {
  const tab = page.locator('.tabs-container .tab', { hasText: /Welcome|Walkthrough/ }).first();
  if (await tab.isVisible()) await tab.click();
  else {
    await palette(page, 'Welcome: Open Walkthrough...');
    await pick(page, 'Get started with Atlas Workbench');
  }
  const title = walkthrough(page).locator('.getting-started-category .category-title, h2', { hasText: 'Get started with Atlas Workbench' }).first();
  const category = walkthrough(page).locator('button.getting-started-category', { hasText: 'Get started with Atlas' }).first();
  if ((await category.isVisible()) && (await category.isEnabled())) await category.click(); // enabled only on the start page
  await title.waitFor();
}

async function stepButton(page, step, label) {
  await walkthrough(page).locator('.getting-started-step', { hasText: step }).first().click();
  const button = walkthrough(page)
    .locator('.getting-started-step.expanded a.button-link, .getting-started-step.expanded .monaco-button', { hasText: label })
    .first();
  await button.waitFor();
  await button.click();
}

export const steps = [
  [
    'the Getting Started walkthrough opens on the first start',
    async ({ page }) => {
      await walkthrough(page).locator('h2, .category-title', { hasText: 'Get started with Atlas Workbench' }).first().waitFor();
      for (const title of ['Open the Atlas view', 'Apply the pending files of the embedded env', 'Generate a migration from schema.sql', 'See the ERD']) {
        await walkthrough(page).locator('.getting-started-step', { hasText: title }).first().waitFor();
      }
    },
  ],
  [
    'its first step opens the Atlas view with the embedded env and its pending files',
    async ({ page }) => {
      await stepButton(page, 'Open the Atlas view', 'Open the Atlas View');
      await openAtlas(page);
      await pane(page, 'Environments').locator('.monaco-list-row', { hasText: 'embedded' }).first().waitFor();
      await pane(page, 'Migrations').locator('.monaco-list-row', { hasText: 'pending' }).first().waitFor();
    },
  ],
  [
    'its apply step shows the plan of the embedded env and applies it after the confirmation',
    async ({ page, folder }) => {
      await showWalkthrough(page);
      await stepButton(page, 'Apply the pending files', 'Migrate Apply');
      await pick(page, 'embedded');
      await page.locator('.tabs-container .tab', { hasText: 'apply-plan-embedded.sql' }).first().waitFor();
      await page.locator('.monaco-dialog-box', { hasText: 'Apply on env "embedded"?' }).waitFor();
      await dialogButton(page, 'Apply');
      await openAtlas(page);
      await pane(page, 'Migrations').locator('.monaco-list-row', { hasText: 'embedded' }).filter({ hasText: 'OK' }).first().waitFor();
      if (!fs.existsSync(path.join(folder, '.atlas-wb', 'embedded'))) throw new Error('the embedded database was not created in the workspace');
    },
  ],
  [
    'its ERD step draws the embedded database',
    async ({ page }) => {
      await showWalkthrough(page);
      await stepButton(page, 'See the ERD', 'Show ERD');
      await pick(page, 'embedded');
      await pick(page, 'Database');
      const erd = page.locator('.tabs-container .tab', { hasText: 'ERD: embedded' }).first();
      const toast = page.locator('.notifications-toasts .notification-toast').first();
      await Promise.race([erd.waitFor(), toast.waitFor()]);
      if (!(await erd.isVisible())) throw new Error(`no ERD, a notification instead: ${await toast.innerText()}`);
      const frame = page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('iframe#active-frame');
      await frame.locator('body[data-erd="ok"] svg').first().waitFor();
      const text = await frame.locator('svg').first().textContent();
      if (!/executions/.test(text ?? '')) throw new Error(`ERD does not show executions: ${text?.slice(0, 200)}`);
    },
  ],
];
