// atlas.sum: byte-identical to Atlas on every corpus folder (through the CLI), and Atlas's published hash vectors.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { corpusEntries, corpusPath } from '../../support/corpus';
import { computeHashFile, compareSums, HashFile, IncrementalHash, parseSum, SumError } from '../../../server/src/migrate/sum';
import { cleanTemp, cli, copyFolder, folderWith, foldersWithSum } from './helpers';

const enc = (s: string) => Buffer.from(s, 'utf8');

describe('migrate/sum', () => {
  after(cleanTemp);

  const corpusFolders = [...corpusEntries('migrations').filter((d) => fs.statSync(d).isDirectory()), ...foldersWithSum(corpusPath('atlas-testdata'))];

  it('finds the corpus folders', () => {
    assert.ok(corpusEntries('migrations').length >= 90, 'corpus migrations missing');
    assert.ok(foldersWithSum(corpusPath('atlas-testdata')).length >= 10, 'atlas-testdata sums missing');
  });

  it('`migrate hash` writes atlas.sum byte-identical to the committed one, on every corpus folder', async () => {
    const failures: string[] = [];
    for (const src of corpusFolders) {
      const tmp = copyFolder(src, ['atlas.sum']);
      const r = await cli(tmp, 'migrate', 'hash', '--dir', `file://${tmp}`);
      assert.equal(r.code, 0, `${src}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      const want = fs.readFileSync(path.join(src, 'atlas.sum'));
      const got = fs.readFileSync(path.join(tmp, 'atlas.sum'));
      if (!want.equals(got)) failures.push(src);
    }
    assert.deepEqual(failures, []);
    assert.ok(corpusFolders.length >= 100);
  });

  it('reproduces the single-file PostgreSQL vector (no trailing newline)', () => {
    const content = 'CREATE SCHEMA IF NOT EXISTS "bc_test";\nCREATE TABLE "bc_test"."bc_tbl" ("col" INTEGER NULL);';
    assert.equal(enc(content).length, 92);
    const hf = computeHashFile([{ name: '1_initial.sql', bytes: enc(content) }]);
    assert.equal(hf.marshal(), 'h1:80V3wCzovMg2ot2hR0arbEjEfMfKWDeQNrXZJbFPF10=\n1_initial.sql h1:53poyM34ShPWCVU41ldi4d9LUrzqPiQfBdEq//yH4Jo=\n');
  });

  it('hashes a relative --dir the same way (file://name relative to cwd)', async () => {
    const d = folderWith({ '1_initial.sql': 'CREATE SCHEMA IF NOT EXISTS "bc_test";\nCREATE TABLE "bc_test"."bc_tbl" ("col" INTEGER NULL);' });
    const parent = path.dirname(d);
    const r = await cli(parent, 'migrate', 'hash', '--dir', `file://${path.basename(d)}`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(d, 'atlas.sum'), 'utf8').split('\n')[0], 'h1:80V3wCzovMg2ot2hR0arbEjEfMfKWDeQNrXZJbFPF10=');
  });

  it('has the empty-folder sum of sha256("")', () => {
    assert.equal(new HashFile([]).marshal(), 'h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n');
  });

  it('skips `atlas:sum ignore` files (name still mixed in) but not CRLF ones (`ignore\\r`)', () => {
    const a = { name: '1_a.sql', bytes: enc('SELECT 1;\n') };
    const ign = { name: '2_b.sql', bytes: enc('-- atlas:sum ignore\nSELECT 2;\n') };
    const c = { name: '3_c.sql', bytes: enc('SELECT 3;\n') };
    const withIgnored = computeHashFile([a, ign, c]);
    assert.deepEqual(
      withIgnored.entries.map((e) => e.name),
      ['1_a.sql', '3_c.sql'],
    );
    const without = computeHashFile([a, c]);
    assert.notEqual(withIgnored.entries[1].hash, without.entries[1].hash, 'the ignored name must still feed the running hash');
    const crlf = computeHashFile([a, { name: '2_b.sql', bytes: enc('-- atlas:sum ignore\r\nSELECT 2;\r\n') }, c]);
    assert.deepEqual(
      crlf.entries.map((e) => e.name),
      ['1_a.sql', '2_b.sql', '3_c.sql'],
    );
  });

  it('parses with CRLF tolerated and rejects malformed or tampered files with Atlas texts', () => {
    const hf = computeHashFile([{ name: '1.sql', bytes: enc('x') }]);
    assert.equal(parseSum(hf.marshal().replace(/\n/g, '\r\n')).file.sum(), hf.sum());
    assert.throws(
      () => parseSum(hf.marshal() + '\n'),
      (e: Error) => e instanceof SumError && e.message === 'checksum file format invalid',
    );
    assert.throws(
      () => parseSum(hf.marshal().replace('1.sql', '2.sql')),
      (e: Error) => e.message === 'checksum mismatch',
    );
    assert.throws(
      () => parseSum(''),
      (e: Error) => e.message === 'checksum mismatch',
    );
  });

  it('explains a mismatch as Atlas does: edited, added (inserted / appended), removed, with line and byte pos', () => {
    const f = (n: string, c: string) => ({ name: n, bytes: enc(c) });
    const base = computeHashFile([f('1_a.sql', 'A'), f('2_b.sql', 'B'), f('3_c.sql', 'C')]);
    const edited = compareSums(base, computeHashFile([f('1_a.sql', 'A'), f('2_b.sql', 'B2'), f('3_c.sql', 'C')]));
    assert.deepEqual([edited?.line, edited?.file, edited?.reason, edited?.pos], [3, '2_b.sql', 'edited', 48 + 7 + 1 + 47 + 1]);
    const appended = compareSums(base, computeHashFile([f('1_a.sql', 'A'), f('2_b.sql', 'B'), f('3_c.sql', 'C'), f('4_d.sql', 'D')]));
    assert.equal(appended?.detail, 'L5: 4_d.sql was added');
    const inserted = compareSums(base, computeHashFile([f('1_a.sql', 'A'), f('1_z.sql', 'Z'), f('2_b.sql', 'B'), f('3_c.sql', 'C')]));
    assert.equal(inserted?.detail, 'L3: 1_z.sql was added');
    const removed = compareSums(base, computeHashFile([f('1_a.sql', 'A'), f('3_c.sql', 'C')]));
    assert.equal(removed?.detail, 'L3: 2_b.sql was removed');
    assert.equal(compareSums(base, base), undefined);
  });

  it('gives the same sums incrementally (editor re-checks) as from scratch, through edits, inserts, removals and ignores', () => {
    const inc = new IncrementalHash();
    let files = Array.from({ length: 30 }, (_, i) => ({ name: `${String(i).padStart(3, '0')}_m.sql`, bytes: enc(`SELECT ${i};\n`) }));
    const steps: Array<(fs: typeof files) => typeof files> = [
      (fs) => fs,
      (fs) => fs.map((f, i) => (i === 17 ? { ...f, bytes: enc('SELECT 170;\n') } : f)),
      (fs) => fs.map((f, i) => (i === 3 ? { ...f, bytes: enc('-- atlas:sum ignore\nSELECT 3;\n') } : f)),
      (fs) => [...fs.slice(0, 10), { name: '009_z.sql', bytes: enc('SELECT z;\n') }, ...fs.slice(10)],
      (fs) => fs.filter((_, i) => i !== 20),
      (fs) => fs.slice(0, 5),
      (fs) => fs.map((f, i) => (i === 4 ? { ...f, bytes: Buffer.from(f.bytes) } : f)),
    ];
    for (const step of steps) {
      files = step(files);
      assert.equal(inc.compute(files).marshal(), computeHashFile(files).marshal());
    }
  });
});
