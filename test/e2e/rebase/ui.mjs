// A git-conflicted atlas.sum resolved from the editor: the conflict is detected (diagnostics on the markers and a
// notification), "Rebase Migrations…" offers the other branch's file pre-selected, previews old → new names in a
// modal, then renames the file and re-hashes atlas.sum; checked on disk with the bundled CLI's `migrate validate`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dialogButton, openAtlas, palette, pane, quickOpen } from '../support/ui.mjs';

const mig = (folder) => path.join(folder, 'migrations');
const validate = (root, folder) =>
  execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'migrate', 'validate', '--dir', `file://${mig(folder)}`], { encoding: 'utf8' });

export const steps = [
  [
    'the extension is up: the env is listed in the Atlas sidebar',
    async ({ page }) => {
      await openAtlas(page);
      await pane(page, 'Environments').locator('.monaco-list-row', { hasText: 'local' }).first().waitFor();
    },
  ],
  [
    'a git-conflicted atlas.sum shows errors on its conflict markers',
    async ({ page, folder }) => {
      await quickOpen(page, '20240103000000_c.sql');
      fs.copyFileSync(path.join(folder, 'fixtures', 'atlas.sum.conflict'), path.join(mig(folder), 'atlas.sum'));
      await quickOpen(page, 'atlas.sum');
      await page.locator('.editor-instance .view-line', { hasText: '<<<<<<< HEAD' }).first().waitFor();
      await page.locator('.squiggly-error').first().waitFor();
    },
  ],
  [
    'a notification offers Rebase Migrations',
    async ({ page }) => {
      // a toast may already have been tucked away into the notification center: look there when it is not shown
      let note = page.locator('.notification-toast', { hasText: 'has a merge conflict' }).first();
      if (!(await note.isVisible())) {
        await palette(page, 'Notifications: Show Notifications');
        note = page.locator('.notifications-center .notification-list-item', { hasText: 'has a merge conflict' }).first();
      }
      await note.waitFor();
      await note.locator('.monaco-button', { hasText: 'Rebase Migrations' }).click();
    },
  ],
  [
    'the quick pick lists each branch’s new file with the other branch’s pre-selected',
    async ({ page }) => {
      const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      const theirs = rows.filter({ hasText: '20240102000000_b.sql' }).first();
      await theirs.waitFor();
      await rows.filter({ hasText: '20240103000000_c.sql' }).first().waitFor();
      const checked = page
        .locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-checked="true"]', { hasText: '20240102000000_b.sql' })
        .or(theirs.locator('input[type=checkbox]:checked, .monaco-custom-toggle.checked, .monaco-checkbox.checked'));
      await checked.first().waitFor();
      await page.locator('.quick-input-widget .quick-input-action .monaco-button, .quick-input-widget .monaco-button', { hasText: 'OK' }).first().click();
    },
  ],
  [
    'a modal previews the rename old → new',
    async ({ page }) => {
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'Rename 1 migration file?' });
      await dialog.waitFor();
      await page.locator('.monaco-dialog-box', { hasText: /20240102000000_b\.sql → \d{14}_b\.sql/ }).waitFor();
    },
  ],
  [
    'Rebase renames the file after the latest version and re-hashes atlas.sum',
    async ({ page, folder, root }) => {
      await dialogButton(page, 'Rebase');
      // the editor reloads atlas.sum from disk: the markers (and their errors) are gone
      await page.locator('.editor-instance .view-line', { hasText: '<<<<<<<' }).first().waitFor({ state: 'detached' });
      await page.locator('.squiggly-error').first().waitFor({ state: 'detached' });
      const names = fs.readdirSync(mig(folder)).filter((n) => n.endsWith('.sql'));
      if (names.includes('20240102000000_b.sql')) throw new Error(`not renamed: ${names.join(', ')}`);
      const moved = names.find((n) => /^\d{14}_b\.sql$/.test(n));
      if (!moved || !(moved > '20240103000000_c.sql')) throw new Error(`b was not moved after c: ${names.join(', ')}`);
      const sum = fs.readFileSync(path.join(mig(folder), 'atlas.sum'), 'utf8');
      if (!sum.includes(`${moved} h1:`) || /<{7}|>{7}/.test(sum)) throw new Error(`atlas.sum not re-hashed:\n${sum}`);
      validate(root, folder); // throws (exit 1) on a checksum error
      await page.locator('.editor-instance .view-line', { hasText: moved }).first().waitFor();
    },
  ],
];
