// The live atlas.sum check's pure parts on fixture folders: which file and which atlas.sum line get what, quick fixes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../support/corpus';
import { openDirPath } from '../../../server/src/migrate/dir';
import {
  APPLIED_ADVICE,
  REHASH_COMMAND,
  MOVE_EDIT_COMMAND,
  sumCodeActions,
  sumDiagnostics,
  type FolderSnapshot,
  type SumDiagnosticData,
} from '../../../server/src/lsp/sumDiagnostics';
import { appendedChange } from '../../../server/src/lsp/sumMoveEdit';

const msg = (d: { message: string | { value: string } }): string => (typeof d.message === 'string' ? d.message : d.message.value);

const FIX = path.join(repoRoot, 'test/fixtures/migrate');

function snapshotOf(dir: string, overlay: Record<string, string> = {}): FolderSnapshot {
  const md = openDirPath(dir, (n) => overlay[n]);
  const sumPath = path.join(dir, 'atlas.sum');
  return {
    dirPath: dir,
    files: md.files().map((f) => ({ name: f.name, bytes: f.bytes })),
    sum: overlay['atlas.sum'] ?? (fs.existsSync(sumPath) ? fs.readFileSync(sumPath, 'utf8') : undefined),
  };
}
const diagsOf = (fixture: string, overlay?: Record<string, string>) => {
  const dir = path.join(FIX, fixture);
  const m = sumDiagnostics(snapshotOf(dir, overlay), path.join);
  return (name: string) => m.get(path.join(dir, name)) ?? [];
};

describe('lsp/sum diagnostics', () => {
  it('reports nothing on a clean folder but still lists every path (to clear old diagnostics)', () => {
    const dir = path.join(FIX, 'sum-clean');
    const m = sumDiagnostics(snapshotOf(dir), path.join);
    assert.deepEqual([...m.keys()].map((p) => path.basename(p)).sort(), ['1_a.sql', '2_b.sql', 'atlas.sum']);
    assert.ok([...m.values()].every((d) => d.length === 0));
  });

  it('marks an edited migration on line 1 of the file and on its atlas.sum line, with the re-hash or revert advice', () => {
    const d = diagsOf('sum-edited');
    const [onFile] = d('1_a.sql');
    assert.equal(onFile.range.start.line, 0);
    assert.ok(msg(onFile).startsWith('1_a.sql was edited: checksum mismatch with atlas.sum (L2).'), msg(onFile));
    assert.ok(msg(onFile).includes("if it was already applied anywhere, don't edit it: revert and add a new migration"));
    const [onSum] = d('atlas.sum');
    assert.equal(onSum.range.start.line, 1);
    assert.equal(msg(onSum), `L2: 1_a.sql was edited. ${APPLIED_ADVICE}`);
    assert.deepEqual(d('2_b.sql'), []);
  });

  it('marks an added file and points at the atlas.sum line after the last entry', () => {
    const d = diagsOf('sum-added');
    assert.match(msg(d('3_c.sql')[0]), /^3_c\.sql was added but atlas\.sum does not list it/);
    const [onSum] = d('atlas.sum');
    assert.equal(msg(onSum), 'L4: 3_c.sql was added: re-hash the migration folder to list it.');
    assert.equal(onSum.range.start.line, 2, 'clamped to the last line of atlas.sum');
  });

  it('marks a removed file on its atlas.sum line', () => {
    const d = diagsOf('sum-removed');
    const [onSum] = d('atlas.sum');
    assert.equal(onSum.range.start.line, 2);
    assert.match(msg(onSum), /^L3: 2_b\.sql was removed/);
    assert.deepEqual(d('1_a.sql'), []);
  });

  it('warns on every file when atlas.sum is missing, and flags a malformed atlas.sum on line 1', () => {
    assert.match(msg(diagsOf('sum-missing')('1_a.sql')[0]), /^checksum file not found/);
    const [bad] = diagsOf('sum-invalid')('atlas.sum');
    assert.equal(bad.range.start.line, 0);
    assert.match(msg(bad), /^checksum file format invalid/);
  });

  it('follows the open documents: fixing the edit in the editor clears it, editing a clean file raises it', () => {
    assert.deepEqual(diagsOf('sum-edited', { '1_a.sql': 'CREATE TABLE a (id int);\n' })('1_a.sql'), []);
    const d = diagsOf('sum-clean', { '2_b.sql': 'CREATE TABLE b (id bigint);\n' });
    assert.match(msg(d('2_b.sql')[0]), /^2_b\.sql was edited/);
    const rehashed = diagsOf('sum-edited', { 'atlas.sum': openDirPath(path.join(FIX, 'sum-edited')).checksum().marshal() });
    assert.deepEqual(rehashed('1_a.sql'), []);
  });

  it('offers "Re-hash migration folder" and, when movable, "Create new migration with this change"', () => {
    const [diag] = diagsOf('sum-edited')('1_a.sql');
    const plain = sumCodeActions([diag]);
    assert.deepEqual(
      plain.map((a) => a.title),
      ['Re-hash migration folder'],
    );
    assert.deepEqual(plain[0].command?.command, REHASH_COMMAND);
    assert.deepEqual(plain[0].command?.arguments, [path.join(FIX, 'sum-edited')]);
    const movable = { ...diag, data: { ...(diag.data as SumDiagnosticData), movable: true } };
    const both = sumCodeActions([movable]);
    assert.deepEqual(
      both.map((a) => a.command?.command),
      [MOVE_EDIT_COMMAND, REHASH_COMMAND],
    );
    assert.deepEqual(sumCodeActions([{ ...diag, data: undefined }]), []);
  });

  it('finds the appended part of an edit', () => {
    assert.equal(appendedChange('CREATE TABLE a();\n', 'CREATE TABLE a();\n\nALTER TABLE a ADD b int;\n'), 'ALTER TABLE a ADD b int;\n');
    assert.equal(appendedChange('CREATE TABLE a();\n', 'CREATE TABLE x();\n'), undefined);
    assert.equal(appendedChange('CREATE TABLE a();\n', 'CREATE TABLE a();\n  \n'), undefined);
  });
});

describe('lsp/sum snapshot cache', () => {
  it('keeps disk bytes between checks, prefers open documents, and re-reads after invalidate', async () => {
    const { SnapshotCache } = await import('../../../server/src/lsp/sumSnapshot');
    const { folderWith, cleanTemp } = await import('./helpers');
    const dir = folderWith({ '1_a.sql': 'SELECT 1;\n', '2_b.sql': 'SELECT 2;\n' });
    const open = new Map<string, string>();
    const cache = new SnapshotCache((p) => open.get(p));
    const first = cache.snapshot(dir);
    assert.deepEqual(
      first.files.map((f) => Buffer.from(f.bytes!).toString()),
      ['SELECT 1;\n', 'SELECT 2;\n'],
    );
    assert.equal(first.sum, undefined);
    fs.writeFileSync(path.join(dir, '1_a.sql'), 'SELECT 10;\n');
    assert.equal(Buffer.from(cache.snapshot(dir).files[0].bytes!).toString(), 'SELECT 1;\n', 'cached until told');
    cache.invalidate(path.join(dir, '1_a.sql'));
    assert.equal(Buffer.from(cache.snapshot(dir).files[0].bytes!).toString(), 'SELECT 10;\n');
    open.set(path.join(dir, '2_b.sql'), 'SELECT 20;\n');
    assert.equal(Buffer.from(cache.snapshot(dir).files[1].bytes!).toString(), 'SELECT 20;\n');
    fs.mkdirSync(path.join(dir, '3_c.sql'));
    assert.match(cache.snapshot(dir).files[2].error ?? '', /read file "3_c\.sql": is a directory/);
    cleanTemp();
  });
});
