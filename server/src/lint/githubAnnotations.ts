// `migrate lint --format github`: GitHub Actions workflow commands, one `::error …::` / `::warning …::` line per
// finding, which the runner turns into annotations on the pull request's lines.
// Escaping follows the runner's rules: in the message `%`, `\r`, `\n`; in property values also `:` and `,`.
import type { CiFinding } from './ciFindings';
import { docsUrl } from './report';

export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubAnnotations(findings: CiFinding[]): string {
  return findings
    .map((f) => {
      const title = f.ruleId === 'syntax' || f.ruleId === 'replay' ? `atlas-wb ${f.ruleId}` : `${f.ruleId} (${f.analyzer})`;
      const props = [`file=${f.uri}`, `line=${f.line}`, `col=${f.column}`, `title=${title}`].map((p) => {
        const i = p.indexOf('=');
        return `${p.slice(0, i)}=${escapeProperty(p.slice(i + 1))}`;
      });
      const link = f.ruleId === 'syntax' || f.ruleId === 'replay' ? '' : ` ${docsUrl(f.ruleId)}`;
      const text = `${f.message}${link}` + (f.fixes.length ? `\nSuggested fix: ${f.fixes.join('\n')}` : '');
      return `::${f.level} ${props.join(',')}::${escapeData(text)}\n`;
    })
    .join('');
}
