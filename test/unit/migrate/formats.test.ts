// Foreign migration folders read as Atlas's sqltool dirs read them: the files that count, their order, versions,
// descriptions and statements (expectations are the ones Atlas's own sql/sqltool tests hold for the same corpus files).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../../support/corpus';
import { openDir } from '../../../server/src/migrate/dir';
import { gooseUpText, PragmaError } from '../../../server/src/migrate/formats/annotated';
import { flywayVersionCompare, repeatableNames } from '../../../server/src/migrate/formats/flyway';
import { cleanTemp, folderWith } from './helpers';

const sqltool = (f: string) => corpusPath('atlas-testdata/sql/sqltool/testdata', f);
const read = (format: string, dir: string) => {
  const d = openDir(`file://${dir}?format=${format}`, '/');
  return d.files().map((f) => ({ name: f.name, version: f.version, desc: f.desc, stmts: f.stmts().map((s) => s.text) }));
};
const POST = 'CREATE TABLE post\n(\n    id    int NOT NULL,\n    title text,\n    body  text,\n    PRIMARY KEY (id)\n);';
const INSERT = "INSERT INTO post (title) VALUES (\n'This is\nmy multiline\n\nvalue');";

describe('migrate/formats', () => {
  after(cleanTemp);

  it('golang-migrate: only *.up.sql files, ".up" dropped from the description', () => {
    assert.deepEqual(read('golang-migrate', sqltool('golang-migrate')), [
      { name: '1_initial.up.sql', version: '1', desc: 'initial', stmts: ['CREATE TABLE tbl\n(\n    col INT\n);'] },
      { name: '2_second_migration.up.sql', version: '2', desc: 'second_migration', stmts: ['CREATE TABLE tbl_2 (col INT);'] },
    ]);
  });

  it('goose: the Up part only, StatementBegin/End kept as one statement', () => {
    const files = read('goose', sqltool('goose'));
    assert.deepEqual(
      files.map((f) => [f.name, f.version, f.desc]),
      [
        ['1_initial.sql', '1', 'initial'],
        ['2_second_migration.sql', '2', 'second_migration'],
      ],
    );
    assert.deepEqual(files[0].stmts, [POST, 'ALTER TABLE post ADD created_at TIMESTAMP NOT NULL;', INSERT]);
    assert.equal(files[1].stmts.length, 2);
    assert.equal(files[1].stmts[0], 'ALTER TABLE post ADD updated_at TIMESTAMP NOT NULL;');
    assert.match(
      files[1].stmts[1],
      /^CREATE\nOR REPLACE FUNCTION histories_partition_creation\( DATE, DATE \)\n[\s\S]*END LOOP;  -- LOOP END\nEND;         -- FUNCTION END\n\$\$\nlanguage plpgsql;$/,
    );
  });

  it('flyway: latest baseline, versioned by numeric version (sub-folders too), repeatable last; U files ignored', () => {
    const files = read('flyway', sqltool('flyway'));
    assert.deepEqual(
      files.map((f) => [f.name, f.version, f.desc]),
      [
        ['B2__baseline.sql', '2', 'baseline'],
        ['V3__third_migration.sql', '3', 'third_migration'],
        ['v3/V3_1__fourth_migration.sql', '3_1', 'fourth_migration'],
        ['R__views.sql', '', 'views'],
      ],
    );
    assert.deepEqual(
      files.map((f) => f.stmts),
      [
        [
          'CREATE TABLE post\n(\n    id    int NOT NULL,\n    title text,\n    body  text,\n    created_at TIMESTAMP NOT NULL\n    PRIMARY KEY (id)\n);',
          "INSERT INTO post (title, created_at) VALUES (\n'This is\nmy multiline\n\nvalue', NOW());",
        ],
        ['ALTER TABLE tbl_2 ADD col_1 INTEGER NOT NULL;'],
        ['ALTER TABLE tbl_2 ADD col_2 INTEGER NOT NULL;'],
        ['CREATE VIEW `my_view` AS SELECT * FROM `post`;'],
      ],
    );
    const sum = openDir(`file://${sqltool('flyway')}?format=flyway`, '/').checksum();
    assert.deepEqual(
      sum.entries.map((e) => e.name),
      ['B2__baseline.sql', 'V3__third_migration.sql', 'v3/V3_1__fourth_migration.sql', 'R__views.sql'],
    );
  });

  it('flyway: semantic versions sort numerically; hidden sub-folders are skipped', () => {
    const names = ['V1__.sql', 'V1_1_0__.sql', 'V1.1.1__.sql', 'V2__.sql', 'V2.1.0__.sql', 'V3__.sql', 'V11__.sql', 'V11.11.11__.sql'];
    const dir = folderWith(Object.fromEntries(names.map((n) => [n, n])));
    fs.mkdirSync(path.join(dir, '.hidden'));
    fs.writeFileSync(path.join(dir, '.hidden', 'V0__x.sql'), 'x');
    assert.deepEqual(
      read('flyway', dir).map((f) => f.name),
      names,
    );
    assert.equal(flywayVersionCompare('1_1', '1.1'), 0);
    assert.deepEqual(repeatableNames(['B2__baseline.sql', 'V3__x.sql', 'R__views.sql']), ['B2__baseline.sql', 'V3__x.sql', 'V3R__views']);
    assert.deepEqual(repeatableNames(['R__views.sql']), ['V0R__views']);
  });

  it('dbmate: lines between migrate:up and migrate:down', () => {
    const files = read('dbmate', sqltool('dbmate'));
    assert.deepEqual(
      files.map((f) => [f.name, f.version, f.desc]),
      [
        ['1_initial.sql', '1', 'initial'],
        ['2_second_migration.sql', '2', 'second_migration'],
      ],
    );
    assert.deepEqual(files[0].stmts, [POST, 'ALTER TABLE post ADD created_at TIMESTAMP NOT NULL;', INSERT]);
    assert.deepEqual(files[1].stmts, ['CREATE TABLE tbl_2 (col INT);']);
  });

  it('liquibase: every .sql file, the changeset and rollback lines are comments', () => {
    const dir = folderWith({ '1_init.sql': '--liquibase formatted sql\n\n--changeset a:1\nCREATE TABLE t (id int);\n--rollback: DROP TABLE t;\n' });
    assert.deepEqual(read('liquibase', dir), [{ name: '1_init.sql', version: '1', desc: 'init', stmts: ['CREATE TABLE t (id int);'] }]);
  });

  it('goose: a misplaced pragma is an error naming file and line', () => {
    assert.throws(
      () => gooseUpText('1_x.sql', '-- +goose Down\n'),
      (e: unknown) => e instanceof PragmaError && e.message === "sql/migrate: goose: 1_x.sql:1 unexpected goosePragma 'Down'",
    );
    assert.throws(() => gooseUpText('1_x.sql', '-- +goose Up\n-- +goose StatementEnd\n'), /1_x\.sql:2 unexpected goosePragma 'StatementEnd'/);
  });
});
