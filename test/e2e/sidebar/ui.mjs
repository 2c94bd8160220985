// Playwright steps in the real workbench, as a user: the Atlas sidebar with envs and migration states from a real
// PostgreSQL; right-click schema.sql → Generate Migration; Apply with the confirmation; status turns OK; the ERD;
// a column rename asked about ("Did you rename …?") in a quick pick.
import fs from 'node:fs';
import path from 'node:path';
import { askUntil, contextMenu, dialogButton, explorerRow, openAtlas, openExplorer, palette, pane, pick, typeInput } from '../support/ui.mjs';

export const steps = [
  [
    'open the Atlas sidebar and see the envs',
    async ({ page }) => {
      await openAtlas(page);
      const envs = pane(page, 'Environments');
      await envs.locator('.monaco-list-row', { hasText: 'prod' }).first().waitFor();
      const text = await envs.locator('.monaco-list-row', { hasText: 'local' }).first().innerText();
      if (!/postgres:\/\/postgres@127\.0\.0\.1/.test(text)) throw new Error(`env row does not show the URL: ${text}`);
    },
  ],
  [
    'see migration files pending in PostgreSQL',
    async ({ page }) => {
      const mig = pane(page, 'Migrations');
      await mig.locator('.monaco-list-row', { hasText: 'local' }).filter({ hasText: 'PENDING' }).first().waitFor();
      await mig.locator('.monaco-list-row', { hasText: '20240101000000_initial_schema.sql' }).filter({ hasText: 'pending' }).first().waitFor();
      await mig.locator('.monaco-list-row', { hasText: '20240102000000_add_steps.sql' }).filter({ hasText: 'pending' }).first().waitFor();
    },
  ],
  [
    'right-click schema.sql → Generate Migration writes a new file and updates atlas.sum',
    async ({ page, folder }) => {
      const dir = path.join(folder, 'atlas/migrations');
      const before = fs.readdirSync(dir).filter((f) => f.endsWith('.sql'));
      await openExplorer(page);
      await (await explorerRow(page, 'schema')).click();
      await contextMenu(page, await explorerRow(page, 'schema.sql'), 'Generate Migration');
      await typeInput(page, 'add_owner');
      await page
        .locator('.tabs-container .tab', { hasText: /_add_owner\.sql/ })
        .first()
        .waitFor();
      const created = fs.readdirSync(dir).filter((f) => f.endsWith('.sql') && !before.includes(f));
      if (created.length !== 1 || !/^\d{14}_add_owner\.sql$/.test(created[0])) throw new Error(`new files: ${created}`);
      const sql = fs.readFileSync(path.join(dir, created[0]), 'utf8');
      if (!/ALTER TABLE ("public"\.)?"runbooks" ADD COLUMN "owner" text NULL/.test(sql)) throw new Error(`unexpected migration:\n${sql}`);
      const sum = fs.readFileSync(path.join(dir, 'atlas.sum'), 'utf8');
      if (!sum.includes(`${created[0]} h1:`)) throw new Error(`atlas.sum does not list ${created[0]}:\n${sum}`);
    },
  ],
  [
    'Apply shows the dry-run plan and asks to confirm on the env',
    async ({ page }) => {
      await palette(page, 'Atlas: Migrate Apply');
      await pick(page, 'local');
      await page.locator('.tabs-container .tab', { hasText: 'apply-plan-local.sql' }).first().waitFor();
      await page.locator('.monaco-dialog-box', { hasText: 'Apply on env "local"?' }).waitFor();
    },
  ],
  [
    'confirming applies every file and the status turns OK',
    async ({ page }) => {
      await dialogButton(page, 'Apply');
      await openAtlas(page);
      const mig = pane(page, 'Migrations');
      await mig.locator('.monaco-list-row', { hasText: 'local' }).filter({ hasText: 'OK' }).first().waitFor();
      await mig.locator('.monaco-list-row', { hasText: '_add_owner.sql' }).filter({ hasText: 'applied' }).first().waitFor();
    },
  ],
  [
    'Show ERD renders the database as a Mermaid diagram in a webview (offline)',
    async ({ page }) => {
      await palette(page, 'Atlas: Show ERD');
      await pick(page, 'local');
      await pick(page, 'Database');
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await frame.locator('body[data-erd="ok"] svg').first().waitFor();
      const text = await frame.locator('svg').first().textContent();
      if (!/runbook_steps/.test(text ?? '')) throw new Error(`ERD does not show runbook_steps: ${text?.slice(0, 200)}`);
    },
  ],
  [
    'Drift Check after apply: the database matches the migration folder',
    async ({ page }) => {
      await palette(page, 'Atlas: Schema Diff / Drift Check');
      await pick(page, 'local');
      await page.locator('.tabs-container .tab', { hasText: 'drift-local.sql' }).first().waitFor();
      await page.locator('.editor-instance .view-lines', { hasText: 'Schemas are synced' }).first().waitFor();
    },
  ],
  [
    'atlas.hcl: completions inside an env block in the editor',
    async ({ page }) => {
      await palette(page, 'View: Close All Editors');
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
      await openExplorer(page);
      await (await explorerRow(page, 'atlas.hcl')).click();
      await page.locator('.tabs-container .tab', { hasText: 'atlas.hcl' }).first().waitFor();
      await page.keyboard.press('Control+P');
      await typeInput(page, ':5');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await askUntil(page, 'Control+Space', page.locator('.suggest-widget .monaco-list-row', { hasText: 'schemas' }).first());
    },
  ],
  [
    'New Migration… from the palette asks for env and name, writes <UTC ts>_add_notes.sql and lists it in atlas.sum',
    async ({ page, folder }) => {
      const dir = path.join(folder, 'atlas/migrations');
      const before = fs.readdirSync(dir).filter((f) => f.endsWith('.sql'));
      await palette(page, 'Atlas: New Migration');
      await pick(page, 'local');
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'New migration in "local"' }).first().waitFor();
      await typeInput(page, 'add_notes');
      await page
        .locator('.tabs-container .tab', { hasText: /_add_notes\.sql/ })
        .first()
        .waitFor();
      const created = fs.readdirSync(dir).filter((f) => f.endsWith('.sql') && !before.includes(f));
      if (created.length !== 1 || !/^\d{14}_add_notes\.sql$/.test(created[0])) throw new Error(`new files: ${created}`);
      const sum = fs.readFileSync(path.join(dir, 'atlas.sum'), 'utf8');
      if (!sum.split('\n').some((l) => l.startsWith(`${created[0]} h1:`))) throw new Error(`atlas.sum does not list ${created[0]}:\n${sum}`);
    },
  ],
  [
    'Generate Migration after a column rename asks "Did you rename …?" in a quick pick; ticked, the file renames the column',
    async ({ page, folder }) => {
      const dir = path.join(folder, 'atlas/migrations');
      const schema = path.join(folder, 'schema/schema.sql');
      fs.writeFileSync(schema, fs.readFileSync(schema, 'utf8').replace('"owner" text NULL', '"owner_name" text NULL'));
      const before = fs.readdirSync(dir).filter((f) => f.endsWith('.sql'));
      await openExplorer(page);
      await contextMenu(page, await explorerRow(page, 'schema.sql'), 'Generate Migration');
      await typeInput(page, 'rename_owner');
      const question = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', {
        hasText: 'Did you rename "runbooks" column from "owner" to "owner_name"?',
      });
      await question.first().waitFor();
      await question.first().click(); // ticks it (a multi-select pick)
      await page.locator('.quick-input-widget .monaco-list-row .monaco-checkbox.checked').first().waitFor();
      await page.keyboard.press('Enter');
      await page
        .locator('.tabs-container .tab', { hasText: /_rename_owner\.sql/ })
        .first()
        .waitFor();
      const created = fs.readdirSync(dir).filter((f) => f.endsWith('.sql') && !before.includes(f));
      if (created.length !== 1) throw new Error(`new files: ${created}`);
      const sql = fs.readFileSync(path.join(dir, created[0]), 'utf8');
      if (!/ALTER TABLE ("public"\.)?"runbooks" RENAME COLUMN "owner" TO "owner_name"/.test(sql) || /DROP COLUMN/.test(sql))
        throw new Error(`expected a RENAME, got:\n${sql}`);
    },
  ],
];
