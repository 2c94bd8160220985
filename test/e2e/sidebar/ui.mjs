// Playwright steps in the real workbench, as a user: open the Atlas sidebar, see envs and migration states.
export const steps = [
  ['open the Atlas sidebar and see the envs', async ({ page }) => {
    await page.locator('.activitybar [aria-label^="Atlas"]').first().click();
    const envs = page.locator('.pane', { hasText: 'Environments' });
    await envs.locator('.monaco-list-row', { hasText: 'local' }).first().waitFor();
    await envs.locator('.monaco-list-row', { hasText: 'prod' }).first().waitFor();
    const text = await envs.locator('.monaco-list-row', { hasText: 'local' }).first().innerText();
    if (!/postgres:\/\/postgres@127\.0\.0\.1/.test(text)) throw new Error(`env row does not show the URL: ${text}`);
  }],
  ['see migration files and their state from PostgreSQL', async ({ page }) => {
    const mig = page.locator('.pane', { hasText: 'Migrations' });
    await mig.locator('.monaco-list-row', { hasText: '20240101000000_initial_schema.sql' }).first().waitFor();
    await mig.locator('.monaco-list-row', { hasText: '20240102000000_add_steps.sql' }).first().waitFor();
  }],
];
