// `migrate new`: Atlas's file naming, creation of the folder, re-hash, validation first.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openDirPath } from '../../../server/src/migrate/dir';
import { createMigration, nextVersion } from '../../../server/src/migrate/newFile';
import { checkDir } from '../../../server/src/migrate/validate';
import { cleanTemp, cli, folderWith, tempDir } from './helpers';

describe('migrate/new', () => {
  after(cleanTemp);

  it('creates <UTC timestamp>_<name>.sql (empty) in a new folder and writes a valid atlas.sum', async () => {
    const cwd = tempDir();
    const before = new Date();
    const r = await cli(cwd, 'migrate', 'new', 'add_users', '--dir', 'file://db/migrations');
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
    const dir = path.join(cwd, 'db/migrations');
    const sql = fs.readdirSync(dir).filter((n) => n.endsWith('.sql'));
    assert.equal(sql.length, 1);
    assert.match(sql[0], /^\d{14}_add_users\.sql$/);
    const ts = sql[0].slice(0, 14);
    const asDate = Date.UTC(+ts.slice(0, 4), +ts.slice(4, 6) - 1, +ts.slice(6, 8), +ts.slice(8, 10), +ts.slice(10, 12), +ts.slice(12, 14));
    assert.ok(Math.abs(asDate - before.getTime()) < 5000, 'version is the current UTC time');
    assert.equal(fs.statSync(path.join(dir, sql[0])).size, 0);
    assert.equal(checkDir(openDirPath(dir)), undefined);
  });

  it('names the file <timestamp>.sql without a name', () => {
    const d = tempDir();
    const made = createMigration(openDirPath(d), undefined, { date: new Date(Date.UTC(2030, 11, 31, 23, 59, 58)) });
    assert.equal(made.name, '20301231235958.sql');
    assert.throws(() => createMigration(openDirPath(d), undefined, { date: new Date(Date.UTC(2030, 11, 31, 23, 59, 58)) }), /already exists/);
    assert.throws(() => createMigration(openDirPath(d), '../evil'), /path separator/);
  });

  it('refuses to add to a folder whose atlas.sum is out of date (Atlas validates first)', async () => {
    const d = folderWith({ '1_a.sql': 'SELECT 1;\n' });
    const r = await cli(d, 'migrate', 'new', 'x', '--dir', `file://${d}`);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'Error: checksum file not found\n');
    assert.deepEqual(fs.readdirSync(d), ['1_a.sql']);
  });
});

describe('the version of a new migration file', () => {
  const now = new Date(Date.UTC(2026, 11, 2, 6, 18, 13));
  it('is now (UTC, per second) when the folder is older', () => {
    assert.equal(nextVersion(['20240101000000', '1_init'], now), '20261202061813');
    assert.equal(nextVersion([], now), '20261202061813');
  });
  it('is one second after the latest timestamp when that is not older: two files in the same second stay in order', () => {
    assert.equal(nextVersion(['20261202061813'], now), '20261202061814');
    assert.equal(nextVersion(['20261202061759', '20261202235959'], now), '20261203000000');
  });
});
