// The `migrate lint` command lines the client sends (Migrate Lint on a file, the lint gate before Apply) and how the
// gate reads the answer. No vscode import: unit and integration tests run these against the real engine.
import * as path from 'node:path';
import type { RunCommandResult } from '../../server/src/protocol';

export const JSON_FORMAT = '{{ json . }}';

const relUrl = (projectDir: string, folder: string) => `file://${path.relative(projectDir, folder).split(path.sep).join('/') || '.'}`;

/**
 * Migrate Lint for what the user picked: a `.sql` file is linted itself, on top of the files before it in its folder
 * (`--file`, plus `--dir` when it is not the env's migration folder); anything else lints the folder's latest file.
 */
export function lintArgvFor(migrationDir: string, projectDir: string, file?: string): string[] {
  if (!file || !file.endsWith('.sql')) return ['migrate', 'lint', '--latest', '1'];
  const folder = path.dirname(path.resolve(file));
  const dirArgs = folder === path.resolve(migrationDir) ? [] : ['--dir', relUrl(projectDir, folder)];
  return ['migrate', 'lint', ...dirArgs, '--file', path.basename(file)];
}

/** The lint gate before `migrate apply [amount]`: exactly the files that apply will run, as data. */
export function lintGateArgv(amount?: number): string[] {
  return ['migrate', 'lint', '--pending', ...(amount !== undefined ? ['--amount', String(amount)] : []), '--format', JSON_FORMAT];
}

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

interface LintSummary {
  Steps: Array<{ Name: string; Text?: string; Error?: string }>;
  Files: Array<{ Name: string; Error?: string; Reports?: Array<{ Text: string; Diagnostics?: Array<{ Text: string; Code?: string }> }> }>;
}

function summaryOf(r: RunCommandResult): LintSummary | undefined {
  let j = r.json;
  if (j === undefined) {
    try {
      j = JSON.parse(r.stdout);
    } catch {
      return undefined;
    }
  }
  const s = j as Partial<LintSummary> | undefined;
  return s && Array.isArray(s.Steps) && Array.isArray(s.Files) ? (s as LintSummary) : undefined;
}

/** The findings of a lint summary as text (one block per file). */
export function summaryText(s: LintSummary): string {
  const out: string[] = [];
  for (const f of s.Files) {
    out.push(`${f.Name}:`);
    for (const r of f.Reports ?? []) {
      out.push(`  ${r.Text}:`);
      for (const d of r.Diagnostics ?? []) out.push(`    - ${d.Text}${d.Code ? ` (${d.Code})` : ''}`);
    }
    if (f.Error) out.push(`  Error: ${f.Error}`);
  }
  for (const st of s.Steps) if (st.Error) out.push(`${st.Name}: ${st.Error}`);
  return out.join('\n') + '\n';
}

/**
 * The gate's decision from the lint run (undefined: cancelled or could not be run). Only a lint that finished and
 * found nothing lets the apply through; findings block (`block`) or ask (`warn`); a lint that did not finish blocks.
 */
export function gateOutcome(mode: GateMode | string, env: string, r: RunCommandResult | undefined): GateOutcome {
  const notFinished = (why: string): GateOutcome => ({
    action: 'block',
    files: [],
    report: '',
    message: `Atlas: apply on "${env}" is blocked: the lint gate did not finish (${why}). Run it again, or set atlasWorkbench.lintGate for "${env}" to "off".`,
  });
  if (!r) return notFinished('cancelled or failed to start');
  const s = summaryOf(r);
  if (!s)
    return notFinished(
      (r.stderr || r.stdout)
        .trim()
        .replace(/^Error:\s*/, '')
        .split('\n')[0] || `exit ${r.exitCode} without a report`,
    );
  const files = s.Files.map((f) => f.Name);
  if (r.exitCode === 0) return { action: 'proceed', message: '', files, report: '' };
  const report = summaryText(s);
  const failing = s.Files.filter((f) => f.Error || f.Reports?.length).map((f) => f.Name);
  const named = failing.length ? failing.join(', ') : 'the pending files';
  if (mode === 'warn') return { action: 'ask', files, report, message: `Lint reported errors in ${named} for "${env}". Apply anyway?` };
  return { action: 'block', files, report, message: `Atlas: apply on "${env}" is blocked by lint errors in ${named} (atlasWorkbench.lintGate).` };
}
