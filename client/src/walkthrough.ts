// Opens the "Get started with Atlas Workbench" walkthrough once, on the first start of the extension in a profile,
// as well-kept extensions do. VS Code's own `workbench.welcomePage.walkthroughs.openOnInstall` setting turns it off.
import * as vscode from 'vscode';

export const WALKTHROUGH_ID = 'gettingStarted';
const SHOWN_KEY = 'atlasWorkbench.walkthroughShown';

/** Whether the walkthrough should open now (pure: the caller reads the state and the setting). */
export function shouldOpenWalkthrough(alreadyShown: boolean, openOnInstall: boolean | undefined): boolean {
  return !alreadyShown && openOnInstall !== false;
}

export async function openWalkthroughOnFirstStart(context: vscode.ExtensionContext): Promise<boolean> {
  const openOnInstall = vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall');
  if (!shouldOpenWalkthrough(context.globalState.get<boolean>(SHOWN_KEY) === true, openOnInstall)) return false;
  await context.globalState.update(SHOWN_KEY, true);
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
  return true;
}

/**
 * Steps that are done when their command succeeded (not when it was started: a step completed by `onCommand`
 * re-renders the walkthrough at once, which takes the focus from the command's own quick pick and closes it).
 */
export const stepDoneContext: Record<string, string> = {
  'atlasWorkbench.migrateApply': 'atlasWorkbench.walkthrough.applied',
  'atlasWorkbench.generateMigration': 'atlasWorkbench.walkthrough.generated',
  'atlasWorkbench.showErd': 'atlasWorkbench.walkthrough.erdShown',
};

/** Wraps a command handler so that a truthy result marks its walkthrough step as done. */
export function markStepOnSuccess<A extends unknown[]>(id: string, handler: (...args: A) => unknown): (...args: A) => unknown {
  const key = stepDoneContext[id];
  if (!key) return handler;
  return async (...args: A) => {
    const result = await handler(...args);
    if (result) await vscode.commands.executeCommand('setContext', key, true);
    return result;
  };
}
