// The lint gate before Apply: how the gate decides from the typed result of atlas/lint with `pending` (exactly the
// files the apply runs). No vscode import: unit and integration tests run it against the real engine.
import type { LintResult } from '../../server/src/protocol';

export type GateMode = 'off' | 'warn' | 'block';

export interface GateOutcome {
  action: 'proceed' | 'ask' | 'block';
  /** what to tell the user (empty when proceeding) */
  message: string;
  /** the files the lint analysed */
  files: string[];
  /** readable findings to show, if any */
  report: string;
}

/**
 * The gate's decision from the lint result (undefined: cancelled or could not be sent). Only a lint that finished and
 * found nothing lets the apply through; findings block (`block`) or ask (`warn`); a lint that did not finish blocks.
 */
export function gateOutcome(mode: GateMode | string, env: string, r: LintResult | undefined): GateOutcome {
  const notFinished = (why: string): GateOutcome => ({
    action: 'block',
    files: [],
    report: '',
    message: `Atlas: apply on "${env}" is blocked: the lint gate did not finish (${why}). Run it again, or set atlasWorkbench.lintGate for "${env}" to "off".`,
  });
  if (!r) return notFinished('cancelled or failed to start');
  const s = r.summary;
  if (!s) return notFinished(r.error?.message.split('\n')[0] ?? 'no report');
  const files = s.Files.map((f) => f.Name);
  if (!r.failed) return { action: 'proceed', message: '', files, report: '' };
  const report = r.findings ?? '';
  const failing = s.Files.filter((f) => f.Error || f.Reports?.length).map((f) => f.Name);
  const named = failing.length ? failing.join(', ') : 'the pending files';
  if (mode === 'warn') return { action: 'ask', files, report, message: `Lint reported errors in ${named} for "${env}". Apply anyway?` };
  return { action: 'block', files, report, message: `Atlas: apply on "${env}" is blocked by lint errors in ${named} (atlasWorkbench.lintGate).` };
}
