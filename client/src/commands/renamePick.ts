// Generate Migration's rename question: asks the engine for rename candidates (atlas/renameCandidates: a dropped
// and an added column or table of the same definition) and lets the user tick the real renames in a quick pick —
// the editor's form of Atlas's "Did you rename …?". Returns the `--rename` arguments for `migrate diff`.
import * as vscode from 'vscode';
import { RenameCandidatesRequest, type EnvSummary } from '../../../server/src/protocol';
import type { Ctx } from './engine';

/** `[]` when there is nothing to ask, `['--rename', spec, …]` or `['--rename', 'none']`; undefined when cancelled or failed. */
export async function renameArgs(c: Ctx, env: EnvSummary, to: string[]): Promise<string[] | undefined> {
  const r = await c.wb.operate(`Generate Migration (${env.name}): looking for renames`, RenameCandidatesRequest, env, to.length ? { to } : {});
  if (!r) return undefined;
  if (r.error) {
    await c.wb.fail(r.error.message);
    return undefined;
  }
  const candidates = r.candidates ?? [];
  if (!candidates.length) return [];
  const picked = await vscode.window.showQuickPick(
    candidates.map((x) => ({ label: `${x.question}?`, description: x.spec, candidate: x })),
    {
      title: `Generate migration for "${env.name}": renames`,
      placeHolder: 'Tick what was renamed; the others are dropped and added (their data is lost)',
      canPickMany: true,
      ignoreFocusOut: true,
    },
  );
  if (!picked) return undefined;
  return picked.length ? picked.flatMap((p) => ['--rename', p.candidate.spec]) : ['--rename', 'none'];
}
