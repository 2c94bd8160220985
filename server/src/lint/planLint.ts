// Lint of a declarative plan (`schema apply`): the planned statements analysed as one migration file on top of the
// current database's state (its CREATE statements as the base file), by the analyzers that judge the changes
// themselves. Left out: how a migration file is written (CONCURRENTLY, lock_timeout, column type habits), which a
// generated plan cannot follow. Pure and synchronous once the SQL parser is initialised.
import type { AnalyzerConfig } from '../config/types';
import { analyzers } from './analyzers';
import { isErrorAnalyzer, lintSets } from './engine';
import { prepareFile } from './prepare';
import { docsUrl } from './report';

/** The analyzers a plan is checked by, in report order. */
export const PLAN_ANALYZERS = ['destructive', 'data_depend', 'condrop', 'incompatible', 'blocking', 'naming'];

export interface PlanFinding {
  /** 0-based index of the planned statement */
  statement: number;
  /** lint code, e.g. DS103 */
  code: string;
  text: string;
  /** analyzer name (destructive, data_depend, …) and its report header */
  analyzer: string;
  header: string;
  /** the analyzer's findings are errors (destructive by default; atlas.hcl `lint { <analyzer> { error = … } }`) */
  error: boolean;
  /** suggested fixes (Atlas's SuggestedFixes messages) */
  fixes: string[];
  /** the rule's documentation */
  url: string;
}

/** Byte offset where each statement starts in the plan file the statements are joined into (one per line). */
function starts(statements: string[]): { text: string; at: number[] } {
  const at: number[] = [];
  let bytes = 0;
  for (const s of statements) {
    at.push(bytes);
    bytes += Buffer.byteLength(s, 'utf8') + 1;
  }
  return { text: statements.map((s) => `${s}\n`).join(''), at };
}

/**
 * The findings of the planned statements (each ending with `;`) applied to the state `currentSql` creates (the
 * current database as CREATE statements). Tables created by the plan itself hold no data; the database's do.
 */
export function lintPlan(currentSql: string, statements: string[], settings: Record<string, AnalyzerConfig> = {}): PlanFinding[] {
  if (!statements.length) return [];
  const plan = starts(statements);
  const base = prepareFile('current.sql', currentSql);
  const news = prepareFile('plan.sql', plan.text);
  const [result] = lintSets([base], [news], { analyzers: settings, only: PLAN_ANALYZERS }).files;
  const byName = new Map(analyzers.map((a) => [a.name, a]));
  const statementAt = (pos: number) => {
    let i = 0;
    while (i + 1 < plan.at.length && plan.at[i + 1] <= pos) i++;
    return i;
  };
  const order = (f: { analyzer: string }) => PLAN_ANALYZERS.indexOf(f.analyzer);
  return result.findings
    .map((f) => {
      const a = byName.get(f.analyzer)!;
      return {
        statement: statementAt(f.pos),
        code: f.code,
        text: f.text,
        analyzer: f.analyzer,
        header: a.header,
        error: isErrorAnalyzer(a, { analyzers: settings }),
        fixes: f.fixes ?? [],
        url: docsUrl(f.code),
      };
    })
    .sort((x, y) => order(x) - order(y) || x.statement - y.statement);
}

/**
 * The findings as SQL comments after the plan (ours: Atlas's open-source `schema apply` prints no lint), '' when
 * there are none. One group per analyzer header, one line per finding with the statement's 1-based number, then
 * its suggested fixes:
 *
 *     -- Lint of the planned changes (2 findings):
 *     --   destructive changes detected:
 *     --     DS102: Dropping table "t" (statement 1)
 *     --       Suggested fix: Add a pre-migration check to ensure table "t" is empty before dropping it
 */
export function planLintText(findings: PlanFinding[]): string {
  if (!findings.length) return '';
  const out = [`-- Lint of the planned changes (${findings.length} finding${findings.length === 1 ? '' : 's'}):`];
  let header: string | undefined;
  for (const f of findings) {
    if (f.header !== header) out.push(`--   ${(header = f.header)}:`);
    out.push(`--     ${f.code}: ${f.text} (statement ${f.statement + 1})`);
    for (const fix of f.fixes) out.push(`--       Suggested fix: ${fix}`);
  }
  return `\n${out.join('\n')}\n`;
}
