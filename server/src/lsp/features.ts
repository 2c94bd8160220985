// The list of LSP feature modules. Each lives in its own file in this folder.
import type { Feature } from './context';

export const features: Array<() => Promise<Feature>> = [
  () => import('./workbenchFeature').then((m) => m.feature),
  () => import('./sumFeature').then((m) => m.feature),
  () => import('./lintFeature').then((m) => m.feature),
  () => import('./hclFeature').then((m) => m.feature),
];
