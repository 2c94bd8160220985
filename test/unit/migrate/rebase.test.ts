// `migrate rebase`: git conflict markers in atlas.sum (real `git rebase` and diff3 `git merge` outputs), the
// renames planned after the folder's latest version, the atomic re-hash, and the CLI on real files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { applyRebase, planRebase } from '../../../server/src/engine/rebase';
import { openDirPath } from '../../../server/src/migrate/dir';
import { versionAfter } from '../../../server/src/migrate/rebase';
import { findSumConflict } from '../../../server/src/migrate/sumConflict';
import { checkDir } from '../../../server/src/migrate/validate';
import { cleanTemp, cli, copyFolder, folderWith, tempDir } from './helpers';

const fixtures = path.resolve(__dirname, '../../fixtures/migrate/sum-conflict');
const NOW = new Date(Date.UTC(2026, 11, 2, 12, 0, 0));

/** The fixture folder with one of its conflicted atlas.sum files in place. */
function conflicted(which: 'atlas.sum.conflict' | 'atlas.sum.merge-diff3'): string {
  const d = copyFolder(fixtures, ['atlas.sum.conflict', 'atlas.sum.merge-diff3']);
  fs.copyFileSync(path.join(fixtures, which), path.join(d, 'atlas.sum'));
  return d;
}

describe('migrate/rebase', () => {
  after(cleanTemp);

  it('finds the markers and each side of a git rebase conflict', () => {
    const c = findSumConflict(fs.readFileSync(path.join(fixtures, 'atlas.sum.conflict'), 'utf8'))!;
    assert.deepEqual(
      c.markers.map((m) => [m.line, m.kind]),
      [
        [0, 'ours'],
        [4, 'separator'],
        [8, 'theirs'],
      ],
    );
    assert.equal(c.oursLabel, 'HEAD');
    assert.equal(c.theirsLabel, 'd739938 (feat)');
    assert.deepEqual(c.ours, ['20240101000000_a.sql', '20240103000000_c.sql']);
    assert.deepEqual(c.theirs, ['20240101000000_a.sql', '20240102000000_b.sql']);
  });

  it('reads diff3 conflicts (base part ignored, common lines on both sides)', () => {
    const c = findSumConflict(fs.readFileSync(path.join(fixtures, 'atlas.sum.merge-diff3'), 'utf8'))!;
    assert.deepEqual(
      c.markers.map((m) => m.kind),
      ['ours', 'base', 'separator', 'theirs', 'ours', 'base', 'separator', 'theirs'],
    );
    assert.deepEqual(c.ours, ['20240101000000_a.sql', '20240102000000_b.sql']);
    assert.deepEqual(c.theirs, ['20240101000000_a.sql', '20240103000000_c.sql']);
    assert.equal(findSumConflict('h1:x\n1.sql h1:y\n'), undefined);
    assert.equal(findSumConflict('<<<<<<< HEAD\nh1:x\n'), undefined, 'an unterminated marker is not a conflict');
  });

  it('plans the files the other branch added after the latest version and re-hashes (no git: "theirs" moves)', () => {
    const d = conflicted('atlas.sum.conflict');
    const dir = openDirPath(d);
    const plan = planRebase(dir, undefined, NOW);
    assert.deepEqual(plan.conflict?.theirs, ['20240102000000_b.sql']);
    assert.deepEqual(plan.conflict?.ours, ['20240103000000_c.sql']);
    assert.deepEqual(plan.conflict?.suggested, ['20240102000000_b.sql']);
    assert.deepEqual(plan.renames, [{ from: '20240102000000_b.sql', to: '20261202120000_b.sql', fromVersion: '20240102000000', toVersion: '20261202120000' }]);
    applyRebase(dir, plan);
    assert.deepEqual(fs.readdirSync(d).sort(), ['20240101000000_a.sql', '20240103000000_c.sql', '20261202120000_b.sql', 'atlas.sum']);
    assert.equal(checkDir(openDirPath(d)), undefined, 'atlas.sum matches the folder');
    assert.equal(fs.readFileSync(path.join(d, '20261202120000_b.sql'), 'utf8'), 'CREATE TABLE b (id int);\n');
  });

  it('during a git merge moves the current branch\'s files ("ours")', () => {
    const d = conflicted('atlas.sum.merge-diff3');
    execFileSync('git', ['init', '-q'], { cwd: d });
    fs.writeFileSync(path.join(d, '.git', 'MERGE_HEAD'), '0'.repeat(40) + '\n');
    const plan = planRebase(openDirPath(d), undefined, NOW);
    assert.equal(plan.conflict?.operation, 'merge');
    assert.deepEqual(plan.conflict?.suggested, ['20240102000000_b.sql']);
    assert.deepEqual(
      plan.renames.map((r) => r.to),
      ['20261202120000_b.sql'],
    );
  });

  it('numbers after the latest version: timestamps (never before the latest), plain numbers keep their width', () => {
    assert.equal(versionAfter('20991231235959', NOW), '21000101000000');
    assert.equal(versionAfter('20240101000000', NOW), '20261202120000');
    assert.equal(versionAfter('009', NOW), '010');
    assert.equal(versionAfter('3', NOW), '4');
    assert.throws(() => versionAfter('v1', NOW), /only numeric versions/);
    const d = folderWith({ '1_a.sql': 'SELECT 1;\n', '2_b.sql': 'SELECT 2;\n', '3_c.sql': 'SELECT 3;\n', '4.sql': 'SELECT 4;\n' });
    const plan = planRebase(openDirPath(d), ['2', '1_a.sql'], NOW);
    assert.deepEqual(
      plan.renames.map((r) => `${r.from}>${r.to}`),
      ['1_a.sql>5_a.sql', '2_b.sql>6_b.sql'],
    );
    assert.deepEqual(planRebase(openDirPath(d), ['4'], NOW).renames, [], 'the latest file stays where it is');
  });

  it('migrate rebase VERSION on the CLI: renames, re-hashes, reports on stderr; Atlas-style errors', async () => {
    const d = conflicted('atlas.sum.conflict');
    const cwd = path.dirname(d);
    const url = `file://${path.basename(d)}`;
    const v = await cli(cwd, 'migrate', 'validate', '--dir', url);
    assert.equal(v.code, 1);
    assert.match(v.stderr, /checksum file format invalid/);
    const r = await cli(cwd, 'migrate', 'rebase', '20240102000000', '--dir', url);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Renamed 20240102000000_b\.sql to \d{14}_b\.sql\n$/);
    assert.deepEqual((await cli(cwd, 'migrate', 'validate', '--dir', url)).code, 0);
    const missing = await cli(cwd, 'migrate', 'rebase', '1999', '--dir', url);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /migration with version "1999" not found/);
    assert.match((await cli(cwd, 'migrate', 'rebase', '--dir', url)).stderr, /requires at least 1 arg/);
  });

  it('refuses a target name that exists, and puts nothing in place of a failed plan', () => {
    const d = tempDir();
    fs.writeFileSync(path.join(d, '1_a.sql'), 'SELECT 1;\n');
    fs.writeFileSync(path.join(d, '2_b.sql'), 'SELECT 2;\n');
    const dir = openDirPath(d);
    dir.writeSum();
    const plan = planRebase(dir, ['1'], NOW);
    fs.writeFileSync(path.join(d, '3_a.sql'), 'SELECT 3;\n');
    assert.throws(() => applyRebase(openDirPath(d), plan), /3_a\.sql already exists/);
    assert.ok(fs.existsSync(path.join(d, '1_a.sql')));
  });
});
