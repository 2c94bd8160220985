// LanguageClient robustness (as vscode-terraform and rust-analyzer do it): an errorHandler that restarts the server
// once and then stops with a notification saying why (Open Logs), and an initializationFailedHandler that reports
// the failure instead of retrying forever.
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type ErrorHandler, type InitializationFailedHandler } from 'vscode-languageclient/node';
import type { Log } from './log';
import { RestartPolicy } from './serverRestart';
import type { Workbench } from './workbench';

/** Shows `message` with an "Open Logs" action (the server's output channel). */
function tell(log: Log, message: string): void {
  log.error(message);
  void vscode.window.showErrorMessage(`Atlas: ${message}.`, 'Open Logs').then((pick) => {
    if (pick === 'Open Logs') log.channel.show(true);
  });
}

export function serverErrorHandler(log: Log, workbench: () => Workbench | undefined, policy = new RestartPolicy()): ErrorHandler {
  return {
    // A broken message: keep the connection unless it keeps failing (the client counts and calls closed()).
    error: (error, _message, count) => {
      log.error(`language server connection error: ${error.message}`);
      return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
    },
    closed: () => {
      const d = policy.closed(Date.now());
      if (d.restart) {
        log.warn(d.reason);
        return { action: CloseAction.Restart, handled: true };
      }
      workbench()?.setServerState('error', d.reason);
      tell(log, d.reason);
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}

export function initializationFailed(log: Log, workbench: () => Workbench | undefined): InitializationFailedHandler {
  return (error) => {
    const why = error instanceof Error ? error.message : String(error);
    workbench()?.setServerState('error', why);
    tell(log, `the Atlas language server failed to initialize: ${why}`);
    return false; // do not retry: the same start would fail the same way
  };
}
