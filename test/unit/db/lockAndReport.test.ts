// Atlas's lock key (FNV-1 32-bit), Go durations both ways, and the revision type names.
import assert from 'node:assert/strict';
import { fnv1_32, parseGoDuration } from '../../../server/src/migrate/lock';
import { goDuration } from '../../../server/src/migrate/report';
import { revisionTypeName } from '../../../server/src/migrate/revisions';

describe('migrate lock key, durations, revision types', () => {
  it('FNV-1 32-bit keys match Atlas', () => {
    assert.equal(fnv1_32('atlas_migrate_execute'), 2686470616);
    assert.equal(fnv1_32('atlas_migrate_diff'), 361947982);
    assert.equal(fnv1_32('atlas_lint'), 526800194);
    assert.equal(fnv1_32('atlas_lint_public'), 1304589634);
  });

  it('formats durations as Go does', () => {
    assert.equal(goDuration(0n), '0s');
    assert.equal(goDuration(850n), '850ns');
    assert.equal(goDuration(1_500n), '1.5µs');
    assert.equal(goDuration(1_234_000n), '1.234ms');
    assert.equal(goDuration(12_345_678n), '12.345678ms');
    assert.equal(goDuration(1_500_000_000n), '1.5s');
    assert.equal(goDuration(123_500_000_000n), '2m3.5s');
    assert.equal(goDuration(3_600_000_000_000n), '1h0m0s');
  });

  it('parses Go durations for --lock-timeout', () => {
    assert.equal(parseGoDuration('10s'), 10_000);
    assert.equal(parseGoDuration('1m30s'), 90_000);
    assert.equal(parseGoDuration('250ms'), 250);
    assert.equal(parseGoDuration('0'), 0);
    assert.throws(() => parseGoDuration('10'), /invalid duration "10"/);
  });

  it('names revision types', () => {
    assert.deepEqual([1, 2, 4, 6, 0].map(revisionTypeName), ['baseline', 'applied', 'manually set', 'applied + manually set', 'unknown (0000)']);
  });
});
