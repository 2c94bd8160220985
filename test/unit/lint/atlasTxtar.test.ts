// Atlas's own `migrate lint` scripts (internal/integration/testdata/sqlite/cli-migrate-lint-*.txtar from the
// corpus): the same folders, linted by our engine with Atlas's own freshness rule (`freshScope: 'file'`), must
// print text matching every `stdout` pattern of the script. The SQL is plain enough to mean the same on PostgreSQL
// (types print as PostgreSQL names them; wrapped lines are compared joined).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { corpusPath } from '../../support/corpus';
import { lintFolder } from '../../../server/src/lint/engine';
import { prepareFile } from '../../../server/src/lint/prepare';
import { renderText } from '../../../server/src/lint/report';
import { ready } from './helpers';

interface Case {
  dir: string;
  latest: number;
  patterns: string[];
}

function parseTxtar(text: string): { cases: Case[]; files: Map<string, string> } {
  const files = new Map<string, string>();
  const parts = text.split(/^-- (\S+) --$/m);
  for (let i = 1; i < parts.length; i += 2) files.set(parts[i], parts[i + 1].replace(/^\n/, ''));
  const cases: Case[] = [];
  for (const line of parts[0].split('\n')) {
    const cmd = /^atlas migrate lint --dir file:\/\/(\S+) --dev-url URL --latest[= ](\d+)$/.exec(line);
    if (cmd) {
      cases.push({ dir: cmd[1], latest: Number(cmd[2]), patterns: [] });
      continue;
    }
    const out = /^stdout '(.*)'$/.exec(line);
    if (!out || !cases.length) continue;
    const pats = cases[cases.length - 1].patterns;
    // a wrapped continuation line joins the previous one (wrap points move when type names differ)
    if (out[1].startsWith('         ') && pats.length) pats[pats.length - 1] += ' ' + out[1].trim();
    else pats.push(out[1]);
  }
  return { cases, files };
}

function lintCase(files: Map<string, string>, c: Case): string {
  const names = [...files.keys()].filter((n) => n.startsWith(`${c.dir}/`) && n.endsWith('.sql')).sort();
  const prepared = names.map((n) => prepareFile(n.slice(c.dir.length + 1), files.get(n)!));
  const newFrom = Math.max(0, prepared.length - c.latest);
  const res = lintFolder(prepared, newFrom, { freshScope: 'file' });
  return renderText({
    base: prepared.slice(0, newFrom),
    news: prepared.slice(newFrom),
    results: res.files.map((f) => ({
      ...f,
      // the scripts predate our own rules: keep Atlas's analyzers only
      reports: f.reports.filter((r) => !['safety issues detected', 'blocking table changes detected', 'concurrent index violations detected'].includes(r.Text)),
    })),
    durations: new Map(),
    totalMs: 1.5,
  });
}

describe('lint: Atlas migrate lint scripts', () => {
  before(ready);
  for (const script of ['cli-migrate-lint-ignore.txtar', 'cli-migrate-lint-add-notnull.txtar']) {
    it(script, () => {
      const { cases, files } = parseTxtar(fs.readFileSync(corpusPath('atlas-testdata/internal/integration/testdata/sqlite', script), 'utf8'));
      assert.ok(cases.length >= 1);
      for (const c of cases) {
        const out = lintCase(files, c).replace(/\n {9}/g, ' ');
        for (const p of c.patterns) {
          if (p === '') continue;
          // SQLite's "int" is PostgreSQL's "integer" once inspected
          const re = new RegExp(
            p
              .replace(/"int"/g, '"integer"')
              .replace(/\\\(/g, '\\(')
              .replace(/\((?!\?)\.\+\)/g, '.+'),
            'm',
          );
          assert.match(out, re, `${script} ${c.dir}: /${p}/ in\n${out}`);
        }
        if (c.patterns.every((p) => p === '')) assert.equal(out.includes('-- analyzing version'), false, `${c.dir}: file ignored`);
      }
    });
  }
});
