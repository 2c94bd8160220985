// Runs mocha inside the VS Code extension host (extensionTestsPath module) and writes {passed, failed}
// to $ATLAS_WB_E2E_STATS for the runner.
import fs from 'node:fs';
import Mocha from 'mocha';

export async function runMocha(load: () => Promise<unknown>): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 180000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'e2e', mocha);
  await load();
  const stats = await new Promise<{ passed: number; failed: number; skipped: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, skipped: runner.stats?.pending ?? 0 }));
  });
  if (process.env.ATLAS_WB_E2E_STATS) fs.writeFileSync(process.env.ATLAS_WB_E2E_STATS, JSON.stringify(stats));
  console.log(`[e2e] ${stats.passed} passed, ${stats.failed} failed, ${stats.skipped} skipped`);
  if (stats.failed > 0) throw new Error(`${stats.failed} extension-host test(s) failed`);
}
