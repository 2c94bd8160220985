// Copies the screenshots the README shows from the last e2e run (test/e2e/screenshots/, not committed) to
// docs/images/ (committed). Run after `npm run test:e2e`: `node scripts/readme-screenshots.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'test/e2e/screenshots');
const to = path.join(root, 'docs/images');

/** README image name ← the e2e step whose screenshot it is (suite-NN-step). */
export const readmeShots = {
  'walkthrough.png': 'start-01-the-getting-started-walkthrough-opens-on-the-first-start.png',
  'sidebar-statuses.png': 'sidebar-02-see-migration-files-pending-in-postgresql.png',
  'lint-quick-fix.png': 'lint-02-the-index-finding-offers-the-concurrently-quick-fix-on-its-line.png',
  'apply-production-guard.png': 'lint-03-apply-on-a-production-env-asks-for-the-env-name-to-be-typed.png',
  'erd.png': 'sidebar-06-show-erd-renders-the-database-as-a-mermaid-diagram-in-a-webview-offline-.png',
};

fs.mkdirSync(to, { recursive: true });
let missing = 0;
for (const [name, shot] of Object.entries(readmeShots)) {
  const src = path.join(from, shot);
  if (!fs.existsSync(src)) {
    console.error(`missing ${shot} (run the e2e suite first)`);
    missing++;
    continue;
  }
  fs.copyFileSync(src, path.join(to, name));
  console.log(`docs/images/${name} ← ${shot}`);
}
process.exit(missing ? 1 : 0);
