// Atlas's review text of a declarative plan (cmdlog.SchemaPlanTemplate): `-- Planned Changes:`, then each change's
// comment (first letter upper-cased) and statement. Shared by the CLI (`schema apply`, `schema clean`) and the
// editor's plan document, which also needs the line each statement starts on.
import { upperFirst } from './sqlText';

export interface ReviewText {
  text: string;
  /** 0-based line of `text` where each statement starts */
  statementLines: number[];
}

export function planReviewText(changes: Array<{ comment?: string; statement: string }>): ReviewText {
  const lines = ['-- Planned Changes:'];
  const statementLines: number[] = [];
  for (const c of changes) {
    if (c.comment) lines.push(`-- ${upperFirst(c.comment)}`);
    statementLines.push(lines.length);
    lines.push(...c.statement.split('\n'));
  }
  return { text: `${lines.join('\n')}\n`, statementLines };
}
