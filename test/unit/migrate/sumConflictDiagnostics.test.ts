// The live atlas.sum check on a git-conflicted atlas.sum: one diagnostic on each conflict marker line (exact range),
// nothing on the .sql files, and the "Rebase migrations…" quick fix (preferred) beside the re-hash.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../support/corpus';
import { openDirPath } from '../../../server/src/migrate/dir';
import { REBASE_COMMAND, REHASH_COMMAND, sumCodeActions, sumDiagnostics, type SumDiagnosticData } from '../../../server/src/lsp/sumDiagnostics';

const dir = path.join(repoRoot, 'test/fixtures/migrate/sum-conflict');

function diagnosticsWith(sumFixture: string) {
  const sum = fs.readFileSync(path.join(dir, sumFixture), 'utf8');
  const files = openDirPath(dir)
    .files()
    .map((f) => ({ name: f.name, bytes: f.bytes }));
  return { sum, out: sumDiagnostics({ dirPath: dir, files, sum }, path.join) };
}

describe('lsp/sum conflict diagnostics', () => {
  it('marks each git conflict marker line of atlas.sum, from column 0 to the end of the marker', () => {
    const { sum, out } = diagnosticsWith('atlas.sum.merge-diff3');
    const lines = sum.split('\n');
    const diags = out.get(path.join(dir, 'atlas.sum'))!;
    assert.deepEqual(
      diags.map((d) => d.range.start.line),
      [0, 2, 4, 6, 8, 10, 11, 13],
    );
    for (const d of diags) {
      assert.equal(d.range.start.character, 0);
      assert.equal(d.range.end.line, d.range.start.line);
      assert.equal(d.range.end.character, lines[d.range.start.line].length);
      assert.match(lines[d.range.start.line], /^(<{7}|\|{7}|={7}|>{7})/);
      assert.match(String(d.message), /^atlas\.sum has a merge conflict — Rebase migrations/);
      assert.equal((d.data as SumDiagnosticData).reason, 'conflict');
    }
    for (const f of ['20240101000000_a.sql', '20240102000000_b.sql', '20240103000000_c.sql']) assert.deepEqual(out.get(path.join(dir, f)), []);
  });

  it('offers "Rebase migrations…" (the client command, with the folder) as the preferred fix, and the re-hash', () => {
    const { out } = diagnosticsWith('atlas.sum.conflict');
    const diags = out.get(path.join(dir, 'atlas.sum'))!;
    assert.equal(diags.length, 3);
    const actions = sumCodeActions([diags[0]]);
    assert.deepEqual(
      actions.map((a) => [a.command?.command, a.isPreferred]),
      [
        [REBASE_COMMAND, true],
        [REHASH_COMMAND, false],
      ],
    );
    assert.deepEqual(actions[0].command?.arguments, [dir]);
    // the quick fix runs the editor command the extension contributes
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
    assert.ok(pkg.contributes.commands.some((c) => c.command === REBASE_COMMAND));
  });
});
