// `migrate lint --format sarif`: the run as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format),
// which GitHub code scanning and other CI dashboards read. One run, one rule per lint code (id = the code, help
// link = its documentation page), one result per finding located at the statement's line and column.
import { analyzers } from './analyzers';
import type { CiFinding } from './ciFindings';
import { docsUrl } from './report';
import { ruleDescriptions } from './ruleCatalog';

export const sarifSchemaUri = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' };
  properties: { analyzer: string };
}

const pseudoRules: Record<string, { name: string; text: string }> = {
  syntax: { name: 'SyntaxError', text: 'The file does not parse or is not valid UTF-8 text' },
  replay: { name: 'DevReplayFailure', text: 'A statement failed when the files were replayed on the dev database' },
};

export interface SarifOptions {
  toolName: string;
  version: string;
  informationUri: string;
  /** names of the analyzers whose findings are errors in this run (atlas.hcl `error = true|false` applied) */
  errorAnalyzers: Set<string>;
}

function rules(findings: CiFinding[], opts: SarifOptions): SarifRule[] {
  const out: SarifRule[] = [];
  for (const a of analyzers)
    for (const code of a.codes)
      out.push({
        id: code,
        name: `${a.name}/${code}`,
        shortDescription: { text: ruleDescriptions[code] ?? code },
        helpUri: docsUrl(code),
        defaultConfiguration: { level: opts.errorAnalyzers.has(a.name) ? 'error' : 'warning' },
        properties: { analyzer: a.name },
      });
  for (const [id, r] of Object.entries(pseudoRules))
    if (findings.some((f) => f.ruleId === id))
      out.push({ id, name: r.name, shortDescription: { text: r.text }, defaultConfiguration: { level: 'error' }, properties: { analyzer: id } });
  return out;
}

export function sarifLog(findings: CiFinding[], opts: SarifOptions): Record<string, unknown> {
  const ruleList = rules(findings, opts);
  const index = new Map(ruleList.map((r, i) => [r.id, i]));
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: opts.toolName, version: opts.version, informationUri: opts.informationUri, rules: ruleList } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
          level: f.level,
          message: { text: f.fixes.length ? `${f.message}. Suggested fix: ${f.fixes.join(' ')}` : f.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: encodeUriPath(f.uri) }, region: { startLine: f.line, startColumn: f.column } } }],
        })),
      },
    ],
  };
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function encodeUriPath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}
