// UI: with no atlas.hcl the Atlas view shows its welcome content with the "Create atlas.hcl" action.
import { pane } from '../support/ui.mjs';

export const steps = [
  [
    'the Atlas view of an empty workspace offers to create atlas.hcl',
    async ({ page, folder }) => {
      // The extension-host tests created atlas.hcl in this folder; the UI page opens a fresh empty folder instead.
      await page.locator('.activitybar [aria-label^="Atlas"]').first().click();
      await pane(page, 'Environments').locator('.welcome-view-content', { hasText: 'No atlas.hcl was found' }).waitFor();
      await pane(page, 'Environments').locator('.monaco-button', { hasText: 'Create atlas.hcl from a Template' }).waitFor();
      void folder;
    },
  ],
];
