// `migrate validate`: Atlas's checks, exact stdout/stderr and exit codes; every stale corpus folder is rejected.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { corpusEntries } from '../../support/corpus';
import { openDirPath } from '../../../server/src/migrate/dir';
import { ChecksumError } from '../../../server/src/migrate/sum';
import { checkDir, validateDir } from '../../../server/src/migrate/validate';
import { cleanTemp, cli, copyFolder, folderWith } from './helpers';

const HEAD = 'You have a checksum error in your migration directory.\n';
const TAIL = `Please check your migration files and run 'atlas migrate hash' to re-hash the contents\n\n`;

describe('migrate/validate', () => {
  after(cleanTemp);

  it('rejects every folder of migrations-stale with Atlas output and exit code 1', async () => {
    const stale = corpusEntries('migrations-stale').filter((d) => fs.statSync(d).isDirectory());
    assert.ok(stale.length >= 3);
    for (const d of stale) {
      const r = await cli(d, 'migrate', 'validate', '--dir', `file://${d}`);
      assert.equal(r.code, 1, d);
      assert.equal(r.stderr, 'Error: checksum mismatch\n', d);
      assert.match(r.stdout, new RegExp(`^${HEAD}\\n\\tL\\d+: \\S+\\.sql was (added|edited|removed)\\n\\n${TAIL.replace(/[.'()]/g, '\\$&')}$`), d);
    }
  });

  it('accepts every valid corpus folder silently', async () => {
    for (const d of corpusEntries('migrations').filter((x) => fs.statSync(x).isDirectory())) {
      const r = await cli(d, 'migrate', 'validate', '--dir', `file://${d}`);
      assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', ''], d);
    }
  });

  it('reports an edited file with its atlas.sum line', async () => {
    const d = folderWith({ '1_a.sql': 'CREATE TABLE a (id int);\n', '2_b.sql': 'CREATE TABLE b (id int);\n' });
    assert.equal((await cli(d, 'migrate', 'hash', '--dir', `file://${d}`)).code, 0);
    fs.appendFileSync(path.join(d, '1_a.sql'), 'ALTER TABLE a ADD COLUMN x int;\n');
    const r = await cli(d, 'migrate', 'validate', '--dir', `file://${d}`);
    assert.equal(r.stdout, `${HEAD}\n\tL2: 1_a.sql was edited\n\n${TAIL}`);
    assert.equal(r.stderr, 'Error: checksum mismatch\n');
    const err = checkDir(openDirPath(d));
    assert.ok(err instanceof ChecksumError && err.line === 2 && err.reason === 'edited');
  });

  it('says `checksum file not found` without an L line when .sql files have no atlas.sum', async () => {
    const d = folderWith({ '1_a.sql': 'SELECT 1;\n' });
    const r = await cli(d, 'migrate', 'validate', '--dir', `file://${d}`);
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, HEAD + TAIL, 'Error: checksum file not found\n']);
  });

  it('accepts an empty folder without atlas.sum, rejects a malformed atlas.sum', async () => {
    const empty = folderWith({});
    assert.doesNotThrow(() => validateDir(openDirPath(empty)));
    const bad = folderWith({ '1_a.sql': 'SELECT 1;\n', 'atlas.sum': 'h1:x\nno hash here\n' });
    const r = await cli(bad, 'migrate', 'validate', '--dir', `file://${bad}`);
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, HEAD + TAIL, 'Error: checksum file format invalid\n']);
  });

  it('reports a CRLF-converted copy of a valid folder as edited', async () => {
    const src = corpusEntries('migrations').find((d) => fs.readdirSync(d).filter((n) => n.endsWith('.sql')).length >= 2)!;
    const d = copyFolder(src);
    const first = fs
      .readdirSync(d)
      .filter((n) => n.endsWith('.sql'))
      .sort()[0];
    const p = path.join(d, first);
    fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace(/\r?\n/g, '\r\n') + '\r\n');
    const r = await cli(d, 'migrate', 'validate', '--dir', `file://${d}`);
    assert.equal(r.code, 1);
    assert.ok(r.stdout.includes(`\tL2: ${first} was edited\n`), r.stdout);
  });

  it('fails clearly on a missing folder, a bad URL and foreign formats', async () => {
    const cwd = folderWith({});
    const missing = await cli(cwd, 'migrate', 'validate', '--dir', 'file://nope');
    assert.deepEqual([missing.code, missing.stderr], [1, 'Error: sql/migrate: stat nope: no such file or directory\n']);
    const noScheme = await cli(cwd, 'migrate', 'validate', '--dir', 'nope');
    assert.equal(noScheme.stderr, 'Error: missing scheme for dir url. Did you mean "file://nope"? \n');
    const unknown = await cli(cwd, 'migrate', 'validate', '--dir', 'file://x?format=zzz');
    assert.equal(unknown.stderr, 'Error: unknown dir format "zzz"\n');
    const flyway = await cli(cwd, 'migrate', 'validate', '--dir', 'file://x?format=flyway');
    assert.equal(flyway.stderr, 'Error: sql/migrate: stat x: no such file or directory\n');
  });

  it('goes through the --dev-url replay hook after the sum check and wraps its errors as Atlas does', async () => {
    const d = folderWith({ '1_a.sql': 'SELECT 1;\n' });
    await cli(d, 'migrate', 'hash', '--dir', `file://${d}`);
    const r = await cli(d, 'migrate', 'validate', '--dir', `file://${d}`, '--dev-url', 'mysql://localhost/dev');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Error: replaying the migration directory: .*mysql/);
    fs.appendFileSync(path.join(d, '1_a.sql'), 'SELECT 2;\n');
    const stale = await cli(d, 'migrate', 'validate', '--dir', `file://${d}`, '--dev-url', 'mysql://localhost/dev');
    assert.equal(stale.stderr, 'Error: checksum mismatch\n', 'the sum is checked before any replay');
  });
});
