// Bad input never crashes and never leaves atlas.sum half-written: unreadable, binary, invalid UTF-8, huge files, 10,000 files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openDirPath, textProblem } from '../../../server/src/migrate/dir';
import { splitStatements, SplitError } from '../../../server/src/migrate/splitter';
import { computeHashFile, writeSumAtomic } from '../../../server/src/migrate/sum';
import { checkDir } from '../../../server/src/migrate/validate';
import { cleanTemp, cli, folderWith } from './helpers';

describe('migrate/bad input', () => {
  after(cleanTemp);

  it('reports an unreadable entry (a folder named x.sql, a dangling link) and keeps atlas.sum untouched', async () => {
    const d = folderWith({ '1_a.sql': 'SELECT 1;\n' });
    assert.equal((await cli(d, 'migrate', 'hash', '--dir', `file://${d}`)).code, 0);
    const sum = fs.readFileSync(path.join(d, 'atlas.sum'));
    fs.mkdirSync(path.join(d, '2_dir.sql'));
    const r = await cli(d, 'migrate', 'hash', '--dir', `file://${d}`);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `Error: sql/migrate: read file "2_dir.sql": read ${path.join(d, '2_dir.sql')}: is a directory\n`);
    fs.rmdirSync(path.join(d, '2_dir.sql'));
    fs.symlinkSync(path.join(d, 'gone.txt'), path.join(d, '3_link.sql'));
    const v = await cli(d, 'migrate', 'validate', '--dir', `file://${d}`);
    assert.equal(v.code, 1);
    assert.match(v.stderr, /^Error: sql\/migrate: read file "3_link.sql": open .*3_link\.sql: no such file or directory\n$/);
    assert.ok(fs.readFileSync(path.join(d, 'atlas.sum')).equals(sum));
    assert.deepEqual(
      fs.readdirSync(d).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });

  it('hashes binary and invalid UTF-8 files as raw bytes (as Atlas) and warns about them', async () => {
    const bin = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff, 0x3b]);
    const bad = Buffer.concat([Buffer.from("SELECT '"), Buffer.from([0xc3, 0x28]), Buffer.from("';\n")]);
    const d = folderWith({ '1_bin.sql': bin, '2_bad.sql': bad });
    const r = await cli(d, 'migrate', 'hash', '--dir', `file://${d}`);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /Warning: 1_bin\.sql: binary content \(NUL byte at offset 4\)/);
    assert.match(r.stderr, /Warning: 2_bad\.sql: invalid UTF-8 \(at byte offset 8\)/);
    const expected = computeHashFile([
      { name: '1_bin.sql', bytes: bin },
      { name: '2_bad.sql', bytes: bad },
    ]).marshal();
    assert.equal(fs.readFileSync(path.join(d, 'atlas.sum'), 'utf8'), expected);
    assert.equal(textProblem(Buffer.from('ok ü')), undefined);
    // the splitter works on bytes: positions stay exact, bad sequences decode to U+FFFD in text
    const st = splitStatements(bad);
    assert.equal(st.length, 1);
    assert.equal(st[0].end, bad.length - 1);
    for (const input of [bin, Buffer.from([0xff, 0xfe, 0x28, 0x27])]) {
      try {
        splitStatements(input);
      } catch (e) {
        assert.ok(e instanceof SplitError);
      }
    }
  });

  it('hashes and splits a 20 MB migration', async () => {
    const line = "INSERT INTO t (id, name) VALUES (1, 'a name; with a semicolon'), (2, $$x$$);\n";
    const big = line.repeat(Math.ceil((20 * 1024 * 1024) / line.length));
    const d = folderWith({ '1_big.sql': big });
    const r = await cli(d, 'migrate', 'hash', '--dir', `file://${d}`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(checkDir(openDirPath(d)), undefined);
    const st = splitStatements(fs.readFileSync(path.join(d, '1_big.sql')));
    assert.equal(st.length, big.length / line.length);
    assert.equal(st[st.length - 1].end, big.length - 1);
  });

  it('hashes and validates a folder of 10,000 files, and reports a removed one', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10000; i++) files[`${String(20200101000000 + i)}_m${i}.sql`] = `CREATE TABLE t${i} (id int);\n`;
    const d = folderWith(files);
    assert.equal((await cli(d, 'migrate', 'hash', '--dir', `file://${d}`)).code, 0);
    const sum = fs.readFileSync(path.join(d, 'atlas.sum'), 'utf8');
    assert.equal(sum.split('\n').length, 10002);
    assert.equal((await cli(d, 'migrate', 'validate', '--dir', `file://${d}`)).code, 0);
    fs.rmSync(path.join(d, '20200101005000_m5000.sql'));
    const v = await cli(d, 'migrate', 'validate', '--dir', `file://${d}`);
    assert.match(v.stdout, /\tL5002: 20200101005000_m5000\.sql was removed\n/);
  });

  it('never leaves a half-written or temp atlas.sum when the write fails', () => {
    const d = folderWith({ '1_a.sql': 'SELECT 1;\n' });
    fs.mkdirSync(path.join(d, 'atlas.sum')); // rename onto a folder fails
    assert.throws(
      () => writeSumAtomic(d, openDirPath(d).checksum()),
      /^Error: write .*atlas\.sum: is a directory \(the previous atlas\.sum was left untouched\)$/,
    );
    assert.deepEqual(fs.readdirSync(d).sort(), ['1_a.sql', 'atlas.sum']);
    assert.ok(fs.statSync(path.join(d, 'atlas.sum')).isDirectory());
  });

  it('rejects a malformed atlas.sum and a folder URL pointing at a file without crashing', async () => {
    const d = folderWith({ '1_a.sql': 'SELECT 1;\n', 'atlas.sum': Buffer.from([0, 1, 2, 0xff]) });
    const r = await cli(d, 'migrate', 'validate', '--dir', `file://${d}`);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'Error: checksum mismatch\n');
    const f = await cli(d, 'migrate', 'hash', '--dir', `file://${path.join(d, '1_a.sql')}`);
    assert.equal(f.code, 1);
    assert.match(f.stderr, /is not a dir/);
  });
});
