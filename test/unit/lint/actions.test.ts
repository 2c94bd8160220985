// Quick fixes of lint diagnostics, applied to fixture files and checked by linting the result again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { lintCodeActions } from '../../../server/src/lsp/lintActions';
import { lintDiagnostics } from '../../../server/src/lsp/lintDiagnostics';
import { lintFolder } from '../../../server/src/lint/engine';
import { prepareFile } from '../../../server/src/lint/prepare';
import { repoRoot } from '../../support/corpus';
import { ready } from './helpers';

const fixtures = path.join(repoRoot, 'test/fixtures/lint/actions');
const base = fs.readFileSync(path.join(fixtures, '1_base.sql'), 'utf8');
const change = fs.readFileSync(path.join(fixtures, '2_change.sql'), 'utf8');

function diagnose(text: string): Diagnostic[] {
  const files = [prepareFile('1_base.sql', base), prepareFile('2_change.sql', text)];
  const r = lintFolder(files, 1).files[0];
  return lintDiagnostics(files[1], r);
}

function apply(text: string, a: CodeAction): string {
  const doc = TextDocument.create('file:///x/2_change.sql', 'sql', 1, text);
  return TextDocument.applyEdits(doc, Object.values(a.edit!.changes!)[0]);
}

const codesOf = (d: Diagnostic[]) => d.map((x) => x.code).sort();

describe('lsp: lint diagnostics and quick fixes', () => {
  before(ready);

  it('publishes diagnostics on the statement range with doc links and severities', () => {
    const d = diagnose(change);
    const pg101 = d.find((x) => x.code === 'PG101')!;
    assert.deepEqual(pg101.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 42 } });
    assert.equal(pg101.codeDescription?.href, 'https://atlasgo.io/lint/analyzers#PG101');
    assert.equal(pg101.severity, 2);
    const setNotNull = d.find((x) => x.code === 'MF104')!;
    assert.equal(setNotNull.range.start.character, 2, 'indented statement starts after its indentation');
  });

  it('"Use CONCURRENTLY" adds the keyword and the txmode header; the fix clears PG101 without PG103', () => {
    const d = diagnose(change).find((x) => x.code === 'PG101')!;
    const fix = lintCodeActions(change, 'file:///x/2_change.sql', [d]).find((a) => a.title.startsWith('Use CONCURRENTLY'))!;
    const fixed = apply(change, fix);
    assert.ok(fixed.startsWith('-- atlas:txmode none\n-- add indexes\n\nCREATE INDEX CONCURRENTLY users_email'), fixed);
    assert.deepEqual(
      codesOf(diagnose(fixed)).filter((c) => /^PG10[13]$/.test(String(c))),
      [],
    );
  });

  it('"Split into NOT VALID + VALIDATE" for a foreign key and for SET NOT NULL', () => {
    const diags = diagnose(change);
    const fk = lintCodeActions(change, 'file:///x/2_change.sql', [diags.find((x) => x.code === 'PG306')!]).find((a) => a.title.startsWith('Split'))!;
    const fixedFk = apply(change, fk);
    assert.match(fixedFk, /REFERENCES orgs \(id\) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_org_fk;/);
    assert.ok(!codesOf(diagnose(fixedFk)).includes('PG306'));
    const nn = lintCodeActions(change, 'file:///x/2_change.sql', [diags.find((x) => x.code === 'PG303')!]).find((a) => a.title.startsWith('Split'))!;
    const fixedNn = apply(change, nn);
    assert.ok(!codesOf(diagnose(fixedNn)).includes('PG303'), fixedNn);
    assert.ok(!codesOf(diagnose(fixedNn)).includes('MF104'), 'the validated CHECK also proves NOT NULL for MF104');
  });

  it('"Ignore for this statement" and "Ignore in this file" add atlas:nolint where Atlas reads it', () => {
    const d = diagnose(change).find((x) => x.code === 'MF104')!;
    const actions = lintCodeActions(change, 'file:///x/2_change.sql', [d]);
    const stmt = apply(
      change,
      actions.find((a) => a.title.includes('for this statement'))!,
    );
    assert.match(stmt, /\n  -- atlas:nolint MF104\n  ALTER TABLE users ALTER COLUMN org SET NOT NULL;/);
    assert.ok(!codesOf(diagnose(stmt)).includes('MF104'));
    const file = apply(
      change,
      actions.find((a) => a.title.includes('in this file'))!,
    );
    assert.ok(file.startsWith('-- atlas:nolint MF104\n-- add indexes\n\n'), file);
    assert.ok(!codesOf(diagnose(file)).includes('MF104'));
    // a second file-level code extends the same directive line
    const d2 = diagnose(file).find((x) => x.code === 'PG101')!;
    const file2 = apply(
      file,
      lintCodeActions(file, 'file:///x/2_change.sql', [d2]).find((a) => a.title.includes('in this file'))!,
    );
    assert.ok(file2.startsWith('-- atlas:nolint MF104 PG101\n'), file2);
  });

  it('reports a syntax error as a diagnostic with the range of the offending token', () => {
    const d = diagnose('ALTER TABLE users ADD COLUMN;\n');
    assert.equal(d.length, 1);
    assert.equal(d[0].message, 'syntax error at or near ";"');
    assert.deepEqual(d[0].range, { start: { line: 0, character: 28 }, end: { line: 0, character: 29 } });
  });
});
