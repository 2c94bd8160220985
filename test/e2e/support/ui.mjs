// Playwright helpers for the real workbench (code-server DOM): palette, quick pick, trees, context menus, dialogs.
export async function palette(page, command) {
  await page
    .locator('.monaco-workbench')
    .click({ position: { x: 700, y: 400 } })
    .catch(() => undefined);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${command}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().waitFor();
  await page.keyboard.press('Enter');
}

export async function pick(page, label) {
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor();
  await row.click();
}

export async function typeInput(page, text) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(text);
  await page.keyboard.press('Enter');
}

export function pane(page, title) {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: title }) });
}

export async function openAtlas(page) {
  // Clicking the icon of the view container that is already shown would close the side bar.
  if (!(await pane(page, 'Environments').isVisible())) await page.locator('.activitybar [aria-label^="Atlas"]').first().click();
  await pane(page, 'Environments').locator('.monaco-list-row').first().waitFor();
}

/** Shows the Explorer (a click on its icon while it is shown would hide the side bar). */
export async function openExplorer(page) {
  const rows = page.locator('.explorer-folders-view .monaco-list-row').first();
  if (!(await rows.isVisible())) await page.locator('.activitybar [aria-label^="Explorer"]').first().click();
  await rows.waitFor();
}

export async function explorerRow(page, name) {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ hasText: new RegExp(`^\\s*${esc}\\s*$`) })
    .first();
}

export async function contextMenu(page, row, item) {
  await row.click({ button: 'right' });
  const entry = page.locator('.context-view .action-item', { hasText: item }).first();
  await entry.waitFor();
  await entry.hover();
  await entry.click();
  // A click that lands while the menu is still animating in is dropped: retry once with the keyboard.
  const menu = page.locator('.context-view .monaco-menu');
  if (
    !(await menu.waitFor({ state: 'hidden', timeout: 3000 }).then(
      () => true,
      () => false,
    ))
  ) {
    await entry.hover();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
  }
}

export async function dialogButton(page, label) {
  const b = page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first();
  await b.waitFor();
  await b.click();
}

/** Quick Open (Ctrl+P) a file by name. */
export async function quickOpen(page, name) {
  await page
    .locator('.monaco-workbench')
    .click({ position: { x: 700, y: 400 } })
    .catch(() => undefined);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: name }) })
    .first();
  await row.waitFor();
  await row.click();
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor();
}

/**
 * Presses `key` (a key, or a chord as an array of keys) until `row` shows. Completion and code actions are computed when asked: a request that races the
 * server's first answer (schema still loading, diagnostics of the new text not yet published) is not refreshed.
 */
export async function askUntil(page, key, row, { tries = 6, each = 15_000 } = {}) {
  for (let attempt = 1; ; attempt++) {
    for (const k of Array.isArray(key) ? key : [key]) await page.keyboard.press(k);
    try {
      await row.waitFor({ timeout: each });
      return;
    } catch (e) {
      if (attempt === tries) throw e;
      await page.keyboard.press('Escape');
    }
  }
}
