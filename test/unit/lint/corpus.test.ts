// Lints every PostgreSQL migration folder of the corpus (index.tsv dialect "postgres"): never crashes, is
// deterministic, and matches the committed summary (test/fixtures/lint/corpus-lint.json; regenerate with
// UPDATE_LINT_SNAPSHOT=1 after an intended change and review the diff; a missing summary fails).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { corpusIndex, corpusPath, repoRoot } from '../../support/corpus';
import { lintFolder } from '../../../server/src/lint/engine';
import { prepareFile } from '../../../server/src/lint/prepare';
import { renderText } from '../../../server/src/lint/report';
import { ready } from './helpers';

const snapshotPath = path.join(repoRoot, 'test/fixtures/lint/corpus-lint.json');

function lintCorpusFolder(dir: string, latest: number): Record<string, string[]> {
  const names = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const prepared = names.map((n) => prepareFile(n, fs.readFileSync(path.join(dir, n))));
  const newFrom = Math.max(0, names.length - latest);
  const res = lintFolder(prepared, newFrom);
  const text = renderText({ base: prepared.slice(0, newFrom), news: prepared.slice(newFrom), results: res.files, durations: new Map(), totalMs: 0 });
  assert.ok(text.startsWith('Analyzing changes'), `${dir}: text report`);
  const out: Record<string, string[]> = {};
  for (const f of res.files) {
    out[f.name] = [
      ...f.problems.map((p) => `problem ${p.kind} @${p.byte}: ${p.message}`),
      ...f.reports.flatMap((r) => r.Diagnostics.map((d) => `${d.Code} @${d.Pos}: ${d.Text}`)),
    ];
  }
  return out;
}

describe('lint: corpus PostgreSQL folders', function () {
  this.timeout(120000);
  before(ready);
  const rows = corpusIndex().filter((r) => r.kind === 'migrations' && /^postgres\??$/.test(r.dialect));

  it('finds the PostgreSQL folders', () => assert.ok(rows.length >= 30, `${rows.length} folders`));

  it('lints each folder (latest 1 and all files new) without crashing, deterministically, as in the snapshot', () => {
    const summary: Record<string, { latest1: Record<string, string[]>; all: Record<string, string[]> }> = {};
    for (const r of rows) {
      const dir = corpusPath(r.local_path);
      const latest1 = lintCorpusFolder(dir, 1);
      const all = lintCorpusFolder(dir, Number.MAX_SAFE_INTEGER);
      assert.deepEqual(lintCorpusFolder(dir, 1), latest1, `${r.local_path}: same result twice`);
      summary[r.local_path] = { latest1, all };
    }
    if (process.env.UPDATE_LINT_SNAPSHOT === '1') {
      assert.ok(!process.env.CI, 'UPDATE_LINT_SNAPSHOT must not be set in CI: the snapshot is reviewed and committed');
      fs.writeFileSync(snapshotPath, JSON.stringify(summary, null, 1) + '\n');
    }
    // A missing expectation is a failure, never written on the fly (that would make the test unable to fail).
    assert.ok(
      fs.existsSync(snapshotPath),
      `${path.relative(repoRoot, snapshotPath)} is missing: create it with ` +
        `UPDATE_LINT_SNAPSHOT=1 node scripts/test.mjs unit test/unit/lint/corpus.test.ts, review it and commit it`,
    );
    assert.deepEqual(summary, JSON.parse(fs.readFileSync(snapshotPath, 'utf8')));
  });
});
