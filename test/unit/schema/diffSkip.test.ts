// atlas.hcl `diff { skip { … } }`: every key removes its kind of change from the plan and nothing else.
import assert from 'node:assert/strict';
import { diff } from '../../../server/src/schema/diff';
import { planStatements } from '../../../server/src/schema/plan';
import { emptySchema, emptyTable, type Column, type ForeignKey, type Index, type Realm, type Table } from '../../../server/src/schema/model';

const col = (name: string, type = 'integer', extra: Partial<Column> = {}): Column => ({ name, type, notNull: true, ...extra });
const table = (name: string, columns: Column[], extra: Partial<Table> = {}, schema = 'public'): Table => ({ ...emptyTable(schema, name), columns, ...extra });
const idx = (name: string, column: string, unique = false): Index => ({
  name,
  unique,
  method: 'btree',
  parts: [{ column, desc: false, nullsFirst: false }],
  include: [],
  nullsNotDistinct: false,
});
const fk = (name: string, column: string, refTable: string, onDelete: ForeignKey['onDelete'] = 'NO ACTION'): ForeignKey => ({
  name,
  columns: [column],
  refSchema: 'public',
  refTable,
  refColumns: ['id'],
  onUpdate: 'NO ACTION',
  onDelete,
  match: 'SIMPLE',
  validated: true,
  deferrable: false,
  initiallyDeferred: false,
});
const pk = { name: 'pkey', columns: ['id'], deferrable: false, initiallyDeferred: false };
function realm(tables: Table[], schemas: string[] = ['public'], comments: Record<string, string> = {}): Realm {
  const r: Realm = { schemas: schemas.map((s) => ({ ...emptySchema(s), ...(comments[s] ? { comment: comments[s] } : {}) })), extensions: [] };
  for (const t of tables) r.schemas.find((s) => s.name === t.schema)!.tables.push(t);
  return r;
}
const plan = (from: Realm, to: Realm, skip?: Record<string, boolean>) => planStatements(diff(from, to, skip ? { skip } : {}));

describe('diff skip (atlas.hcl diff { skip { … } })', () => {
  // One pair of states holding every kind of table-internal change.
  const parent = table('parent', [col('id')], { primaryKey: pk });
  const from = realm([
    parent,
    table('t', [col('id'), col('a'), col('b'), col('gone'), col('p'), col('q')], {
      indexes: [idx('t_a', 'a'), idx('t_old', 'b'), idx('t_mod', 'a')],
      foreignKeys: [fk('t_p_fk', 'p', 'parent'), fk('t_q_fk', 'q', 'parent')],
    }),
  ]);
  const to = realm([
    parent,
    table('t', [col('id'), col('a', 'bigint'), col('b'), col('added'), col('p'), col('q')], {
      indexes: [idx('t_a', 'a'), idx('t_new', 'b'), idx('t_mod', 'a', true)],
      foreignKeys: [fk('t_p_fk', 'p', 'parent', 'CASCADE'), fk('t_new_fk', 'b', 'parent')],
    }),
  ]);
  const full = plan(from, to);
  const has = (stmts: string[], s: string) => stmts.some((x) => x.includes(s));

  it('plans everything without skip', () => {
    for (const s of [
      'DROP COLUMN "gone"',
      'ADD COLUMN "added"',
      'ALTER COLUMN "a" TYPE bigint',
      'DROP INDEX "public"."t_old"',
      'CREATE INDEX "t_new"',
      'DROP INDEX "public"."t_mod"',
      'CREATE UNIQUE INDEX "t_mod"',
      'DROP CONSTRAINT "t_q_fk"',
      'ADD CONSTRAINT "t_new_fk"',
      'ON DELETE CASCADE',
    ]) {
      assert.ok(has(full, s), `${s} in\n${full.join('\n')}`);
    }
  });

  const cases: [string, string[]][] = [
    ['drop_column', ['DROP COLUMN "gone"']],
    ['add_column', ['ADD COLUMN "added"']],
    ['modify_column', ['ALTER COLUMN "a" TYPE bigint']],
    ['drop_index', ['DROP INDEX "public"."t_old"']],
    ['add_index', ['CREATE INDEX "t_new"']],
    ['modify_index', ['DROP INDEX "public"."t_mod"', 'CREATE UNIQUE INDEX "t_mod"']],
    ['drop_foreign_key', ['DROP CONSTRAINT "t_q_fk"']],
    ['add_foreign_key', ['ADD CONSTRAINT "t_new_fk"']],
    ['modify_foreign_key', ['DROP CONSTRAINT "t_p_fk"', 'ON DELETE CASCADE']],
  ];
  for (const [k, gone] of cases) {
    it(`${k} = true removes only that kind of change`, () => {
      const got = plan(from, to, { [k]: true });
      for (const s of gone) assert.ok(!has(got, s), `${s} skipped:\n${got.join('\n')}`);
      const others = cases
        .filter(([o]) => o !== k)
        .flatMap(([, s]) => s)
        .filter((s) => !gone.includes(s));
      for (const s of others) assert.ok(has(got, s), `${s} kept with ${k}:\n${got.join('\n')}`);
      assert.deepEqual(plan(from, to, { [k]: false }), full, `${k} = false is the default`);
    });
  }

  it('drop_column only: the ALTER keeps its other clauses and the plan is no longer destructive', () => {
    const a = realm([table('u', [col('id'), col('old')])]);
    const b = realm([table('u', [col('id'), col('new', 'text')])]);
    assert.deepEqual(plan(a, b, { drop_column: true }), ['ALTER TABLE "public"."u" ADD COLUMN "new" text NOT NULL;']);
    assert.equal(
      diff(a, b, { skip: { drop_column: true } }).some((c) => c.destructive),
      false,
    );
    assert.deepEqual(plan(realm([table('u', [col('id'), col('old')])]), realm([table('u', [col('id')])]), { drop_column: true }), []);
  });

  it('modify_table removes every change inside an existing table', () => {
    assert.deepEqual(plan(from, to, { modify_table: true }), []);
  });

  it('add_table and drop_table remove the whole table change, indexes and all', () => {
    const a = realm([table('old', [col('id')], { indexes: [idx('old_id', 'id')] })]);
    const b = realm([table('fresh', [col('id')], { indexes: [idx('fresh_id', 'id')], comment: 'c' })]);
    assert.deepEqual(plan(a, b, { add_table: true }), ['DROP TABLE "public"."old";']);
    assert.deepEqual(plan(a, b, { drop_table: true }), [
      'CREATE TABLE "public"."fresh" ("id" integer NOT NULL);',
      'CREATE INDEX "fresh_id" ON "public"."fresh" ("id");',
      'COMMENT ON TABLE "public"."fresh" IS \'c\';',
    ]);
    // add_index does not apply to the indexes of a new table (they belong to its AddTable change).
    assert.ok(has(plan(a, b, { add_index: true }), 'CREATE INDEX "fresh_id"'));
  });

  it('add_schema, drop_schema and modify_schema', () => {
    const a = realm([table('x', [col('id')], {}, 'gone')], ['public', 'gone', 'kept'], { kept: 'old' });
    const b = realm([table('y', [col('id')], {}, 'fresh')], ['public', 'fresh', 'kept'], { kept: 'new' });
    const all = plan(a, b);
    assert.ok(has(all, 'CREATE SCHEMA "fresh"') && has(all, 'DROP SCHEMA "gone" CASCADE') && has(all, 'COMMENT ON SCHEMA "kept"'), all.join('\n'));
    const noAdd = plan(a, b, { add_schema: true });
    assert.ok(!has(noAdd, 'CREATE SCHEMA') && has(noAdd, 'CREATE TABLE "fresh"."y"'), noAdd.join('\n'));
    const noDrop = plan(a, b, { drop_schema: true });
    assert.ok(!has(noDrop, 'DROP SCHEMA') && !has(noDrop, 'DROP TABLE "gone"."x"') && has(noDrop, 'CREATE SCHEMA "fresh"'), noDrop.join('\n'));
    const noMod = plan(a, b, { modify_schema: true });
    assert.ok(!has(noMod, 'COMMENT ON SCHEMA') && has(noMod, 'CREATE SCHEMA "fresh"'), noMod.join('\n'));
  });

  it('rename_table and rename_constraint are accepted and change nothing (renames are planned as drop + add)', () => {
    assert.deepEqual(plan(from, to, { rename_table: true, rename_constraint: true }), full);
  });
});
