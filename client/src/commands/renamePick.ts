// Generate Migration's rename question: the engine found a dropped and an added column or table of the same
// definition (atlas/generate answered with `renameCandidates` and wrote nothing); the user ticks the real renames in a
// quick pick — the editor's form of Atlas's "Did you rename …?" — and the command sends them back.
import * as vscode from 'vscode';
import type { EnvSummary, RenameCandidateInfo } from '../../../server/src/protocol';

/** The ticked candidates (possibly none: every candidate stays a drop and an add); undefined when cancelled. */
export async function pickRenames(env: EnvSummary, candidates: RenameCandidateInfo[]): Promise<RenameCandidateInfo[] | undefined> {
  const picked = await vscode.window.showQuickPick(
    candidates.map((x) => ({ label: `${x.question}?`, description: x.spec, candidate: x })),
    {
      title: `Generate migration for "${env.name}": renames`,
      placeHolder: 'Tick what was renamed; the others are dropped and added (their data is lost)',
      canPickMany: true,
      ignoreFocusOut: true,
    },
  );
  return picked?.map((p) => p.candidate);
}
