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
