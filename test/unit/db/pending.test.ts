// Atlas's Executor.Pending as a pure function: first run (clean check, baseline, allow-dirty, checkpoints),
// resume of a partial file, out-of-order files under each exec order.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDirPath } from '../../../server/src/migrate/dir';
import { parseExecOrder, pendingFiles, type PendingInput } from '../../../server/src/migrate/pending';
import { newRevision, TYPE_BASELINE } from '../../../server/src/migrate/revisions';

function folder(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-pending-'));
  for (const [n, c] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), c);
  return openDirPath(dir).files();
}

const clean = async () => undefined;
const names = (r: Awaited<ReturnType<typeof pendingFiles>>) => r.pending.map((f) => f.name);
const run = (inp: Partial<PendingInput> & Pick<PendingInput, 'files'>) => pendingFiles({ revisions: [], uncleanReason: clean, ...inp });

describe('migrate/pending', () => {
  const files = folder({ '1_a.sql': 'SELECT 1;', '2_b.sql': 'SELECT 2;', '3_c.sql': 'SELECT 3;' });

  it('first run: all files on a clean database; Atlas errors on a dirty one', async () => {
    assert.deepEqual(names(await run({ files })), ['1_a.sql', '2_b.sql', '3_c.sql']);
    await assert.rejects(run({ files, uncleanReason: async () => 'found schema "x"' }), {
      message: 'sql/migrate: connected database is not clean: found schema "x". baseline version or allow-dirty is required',
    });
    assert.deepEqual(names(await run({ files, allowDirty: true, uncleanReason: async () => 'found schema "x"' })), ['1_a.sql', '2_b.sql', '3_c.sql']);
  });

  it('baseline: a type-1 row and the files after it', async () => {
    const r = await run({ files, baseline: '2', uncleanReason: async () => 'dirty' });
    assert.deepEqual(names(r), ['3_c.sql']);
    assert.deepEqual([r.baseline?.version, r.baseline?.type, r.baseline?.hash, r.baseline?.total], ['2', TYPE_BASELINE, '', 0]);
    await assert.rejects(run({ files, baseline: '7' }), { message: 'baseline version "7" not found' });
  });

  it('starts at the last checkpoint on a first run and skips checkpoints later', async () => {
    const cp = folder({ '1_a.sql': 'SELECT 1;', '2_cp.sql': '-- atlas:checkpoint\n\nSELECT 2;', '3_c.sql': 'SELECT 3;' });
    assert.deepEqual(names(await run({ files: cp })), ['2_cp.sql', '3_c.sql']);
    const revs = [newRevision('1', 'a', { applied: 1, total: 1 })];
    assert.deepEqual(names(await run({ files: cp, revisions: revs })), ['3_c.sql']);
  });

  it('resumes a partial file, and reports a missing one', async () => {
    const revs = [newRevision('1', 'a', { applied: 1, total: 1 }), newRevision('2', 'b', { applied: 0, total: 1 })];
    assert.deepEqual(names(await run({ files, revisions: revs })), ['2_b.sql', '3_c.sql']);
    const gone = [newRevision('5', 'e', { applied: 1, total: 3 })];
    await assert.rejects(run({ files, revisions: gone }), {
      message: 'sql/migrate: missing migration: revision "5_e.sql" is partially applied but migration file was not found',
    });
  });

  it('out-of-order files: linear errors, linear-skip skips, non-linear runs them first', async () => {
    const revs = [newRevision('1', 'a', { applied: 1, total: 1 }), newRevision('3', 'c', { applied: 1, total: 1 })];
    await assert.rejects(run({ files, revisions: revs }), {
      message: 'migration file 2_b.sql was added out of order. See: https://atlasgo.io/versioned/apply#non-linear-error',
    });
    const skip = await run({ files, revisions: revs, execOrder: 'linear-skip' });
    assert.deepEqual([names(skip), skip.skipped.map((f) => f.name)], [[], ['2_b.sql']]);
    assert.deepEqual(names(await run({ files, revisions: revs, execOrder: 'non-linear' })), ['2_b.sql']);
    assert.equal(parseExecOrder('LINEAR_SKIP'), 'linear-skip');
    assert.throws(() => parseExecOrder('random'), { message: 'unknown execution order: "random"' });
  });
});
