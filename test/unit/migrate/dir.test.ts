// Reading a migration folder: URLs, names → versions/descriptions, byte-wise order, checkpoints, foreign layouts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../../support/corpus';
import { DirError, openDir, openDirPath, parseDirUrl } from '../../../server/src/migrate/dir';
import { fileDesc, fileVersion, newVersion } from '../../../server/src/migrate/version';
import { cleanTemp, folderWith, tempDir } from './helpers';

describe('migrate/dir', () => {
  after(cleanTemp);

  it('parses file:// URLs as Atlas (host + path, default "migrations")', () => {
    assert.equal(parseDirUrl('file://migrations').path, 'migrations');
    assert.equal(parseDirUrl('file:///abs/dir').path, '/abs/dir');
    assert.equal(parseDirUrl('file://./db/migrations?format=atlas').path, 'db/migrations');
    assert.equal(parseDirUrl('file://').path, 'migrations');
    assert.equal(parseDirUrl('file://migrations/').path, 'migrations');
    assert.equal(parseDirUrl('file:///abs/dir/').path, '/abs/dir');
    assert.equal(parseDirUrl('file://my%20dir').path, 'my dir');
    assert.throws(() => parseDirUrl('postgres://x'), { message: 'unsupported driver "postgres"' });
    assert.equal(parseDirUrl('file://x?format=goose').format, 'goose');
    assert.throws(() => parseDirUrl('file://x?format=sqitch'), DirError);
  });

  it('derives versions and descriptions as LocalFile.Version/Desc', () => {
    assert.deepEqual([fileVersion('20220318104614_add_users.sql'), fileDesc('20220318104614_add_users.sql')], ['20220318104614', 'add_users']);
    assert.deepEqual([fileVersion('1.sql'), fileDesc('1.sql')], ['1', '']);
    assert.deepEqual([fileVersion('2.10.x-20_description.sql'), fileDesc('2.10.x-20_description.sql')], ['2.10.x-20', 'description']);
    assert.deepEqual([fileVersion('1.a_sub.up.sql'), fileDesc('1.a_sub.up.sql')], ['1.a', 'sub.up']);
  });

  it('makes UTC YYYYMMDDHHMMSS versions', () => {
    assert.equal(newVersion(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))), '20240102030405');
  });

  it('lists top-level *.sql files only, sorted byte-wise (10_ before 2_), relative URLs against cwd', () => {
    const d = folderWith({ '2_b.sql': '', '10_a.sql': '', 'B.sql': '', 'a.sql': '', '.x.sql': '', 'notes.txt': '', 'x.SQL': '', 'atlas.sum': '' });
    fs.mkdirSync(path.join(d, 'sub'));
    fs.writeFileSync(path.join(d, 'sub', '3_c.sql'), '');
    const dir = openDir(`file://${path.basename(d)}`, path.dirname(d));
    assert.deepEqual(
      dir.files().map((f) => f.name),
      ['.x.sql', '10_a.sql', '2_b.sql', 'B.sql', 'a.sql'],
    );
    assert.equal(dir.path, d);
  });

  it('reads the odd versions and checkpoint files of Atlas testdata', () => {
    const sub = corpusPath('atlas-testdata/sql/migrate/testdata/migrate/sub');
    if (fs.existsSync(sub)) {
      const names = openDir(`file://${sub}`, '/')
        .files()
        .map((f) => [f.version, f.desc]);
      assert.ok(
        names.some(([v]) => v === '2.10.x-20'),
        JSON.stringify(names),
      );
    }
    const cp = corpusPath('atlas-testdata/sql/migrate/testdata/partial-checkpoint');
    const dir = openDir(`file://${cp}`, '/');
    const cps = dir.checkpointFiles();
    assert.ok(cps.length >= 1);
    assert.equal(dir.filesFromLastCheckpoint()[0].name, cps[cps.length - 1].name);
  });

  it('creates the folder when asked (migrate new) and explains missing or non-folder paths', () => {
    const base = tempDir();
    assert.throws(() => openDir('file://missing', base), { message: 'sql/migrate: stat missing: no such file or directory' });
    const made = openDir('file://a/b', base, { create: true });
    assert.ok(fs.statSync(made.path).isDirectory());
    fs.writeFileSync(path.join(base, 'f'), '');
    assert.throws(() => openDir('file://f', base), { message: 'sql/migrate: "f" is not a dir' });
  });

  it('detects golang-migrate, flyway, goose, dbmate and liquibase layouts', () => {
    assert.equal(openDir(`file://${folderWith({ '1_init.up.sql': '', '1_init.down.sql': '' })}`, '/').foreignLayout()?.format, 'golang-migrate');
    assert.equal(openDir(`file://${folderWith({ 'V1__init.sql': '' })}`, '/').foreignLayout()?.format, 'flyway');
    assert.equal(openDir(`file://${folderWith({ '20240101000000_init.sql': '' })}`, '/').foreignLayout()?.format, undefined);
    assert.equal(openDir(`file://${folderWith({ '20240101_init.sql': '-- +goose Up\nCREATE TABLE a (id int);\n' })}`, '/').foreignLayout()?.format, 'goose');
    assert.equal(openDir(`file://${folderWith({ '20240101_init.sql': '-- migrate:up\nCREATE TABLE a (id int);\n' })}`, '/').foreignLayout()?.format, 'dbmate');
    assert.equal(openDir(`file://${folderWith({ '1.sql': '--liquibase formatted sql\n--changeset a:1\n' })}`, '/').foreignLayout()?.format, 'liquibase');
  });

  it('lets open editor documents override disk content', () => {
    const d = folderWith({ '1_a.sql': 'SELECT 1;\n' });
    const disk = openDir(`file://${d}`, '/').checksum();
    const edited = openDirPath(d, (n) => (n === '1_a.sql' ? 'SELECT 2;\n' : undefined)).checksum();
    assert.notEqual(disk.entries[0].hash, edited.entries[0].hash);
  });
});
