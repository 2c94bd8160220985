// The list of LSP feature modules. Each lives in its own file in this folder.
// All five are loaded at initialize, so keep them light: heavy parts (tree-sitter, libpg-query + the lint engine,
// PGlite/pg, engine commands) are `import()`ed on first use, not in `init()` — the server bundle is split so
// those imports are separate chunks (scripts/build.mjs); test/unit/lsp/serverLauncher.test.ts checks it.
import type { Feature } from './context';

export const features: Array<() => Promise<Feature>> = [
  () => import('./workbenchFeature').then((m) => m.feature),
  () => import('./sumFeature').then((m) => m.feature),
  () => import('./lintFeature').then((m) => m.feature),
  () => import('./hclFeature').then((m) => m.feature),
  () => import('./devWarmFeature').then((m) => m.feature),
  () => import('./sqlIntelFeature').then((m) => m.feature),
];
