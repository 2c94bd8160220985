// Planner text on small models, against Atlas's own examples (the table-checks and cli-migrate-diff txtar cases of its test suite).
import assert from 'node:assert/strict';
import { diff } from '../../../server/src/schema/diff';
import { planText } from '../../../server/src/schema/plan';
import { emptySchema, emptyTable, type Column, type Realm, type Table } from '../../../server/src/schema/model';
import { canonicalType } from '../../../server/src/schema/sqlText';

const col = (name: string, type: string, extra: Partial<Column> = {}): Column => ({ name, type, notNull: true, ...extra });
function table(schema: string, name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { ...emptyTable(schema, name), columns, ...extra };
}
function realm(tables: Table[], schemas: string[] = ['public'], scope?: string): Realm {
  const r: Realm = { schemas: schemas.map(emptySchema), extensions: [], ...(scope ? { scope } : {}) };
  for (const t of tables) r.schemas.find((s) => s.name === t.schema)!.tables.push(t);
  return r;
}

describe('schema plan text (Atlas §4.2)', () => {
  it('realm scope: new schema, then tables, qualified names', () => {
    const from = realm([]);
    const to = realm([table('public', 'users', [col('id', 'integer')]), table('other', 'posts', [col('id', 'integer')])], ['public', 'other']);
    assert.equal(
      planText(diff(from, to)),
      [
        '-- Add new schema named "other"',
        'CREATE SCHEMA "other";',
        '-- Create "users" table',
        'CREATE TABLE "public"."users" ("id" integer NOT NULL);',
        '-- Create "posts" table',
        'CREATE TABLE "other"."posts" ("id" integer NOT NULL);',
        '',
      ].join('\n'),
    );
  });

  it('schema scope: unqualified CREATE TABLE with a primary key', () => {
    const to = realm(
      [table('public', 'users', [col('id', 'bigint')], { primaryKey: { name: 'users_pkey', columns: ['id'], deferrable: false, initiallyDeferred: false } })],
      ['public'],
      'public',
    );
    assert.equal(
      planText(diff(realm([], ['public'], 'public'), to, { schemaScope: true })),
      '-- Create "users" table\nCREATE TABLE "users" ("id" bigint NOT NULL, PRIMARY KEY ("id"));\n',
    );
  });

  it('schema scope: ADD COLUMN with a default, across differently named schemas', () => {
    const users = (cols: Column[]) => table('app', 'users', cols);
    const from = realm([users([col('id', 'bigint')])], ['app'], 'app');
    const to = realm(
      [{ ...users([col('id', 'bigint'), col('create_time', 'timestamp(4)', { default: 'CURRENT_TIMESTAMP(4)' })]), schema: 'public' }],
      ['public'],
      'public',
    );
    assert.equal(
      planText(diff(from, to, { schemaScope: true })),
      '-- Modify "users" table\nALTER TABLE "users" ADD COLUMN "create_time" timestamp(4) NOT NULL DEFAULT CURRENT_TIMESTAMP(4);\n',
    );
  });

  it('schema scope with a qualifier (--qualifier) qualifies every name with it', () => {
    const to = realm([table('public', 'users', [col('id', 'bigint')])], ['public'], 'public');
    assert.equal(
      planText(diff(realm([], ['public'], 'public'), to, { schemaScope: true, qualifier: 'app' })),
      '-- Create "users" table\nCREATE TABLE "app"."users" ("id" bigint NOT NULL);\n',
    );
  });

  it('check changes: drop and re-add in one ALTER TABLE, indented CREATE with NULL columns', () => {
    const t1 = (c1: string) =>
      table('public', 't1', [col('a', 'integer', { notNull: false }), col('b', 'integer', { notNull: false })], {
        checks: [
          { name: 'c1', expr: c1, noInherit: false, validated: true },
          { name: 'c3', expr: '(a < b)', noInherit: false, validated: true },
        ],
      });
    assert.equal(
      planText(diff(realm([], ['public'], 'public'), realm([t1('(a > 0)')], ['public'], 'public'), { schemaScope: true }), { indent: '  ' }),
      [
        '-- Create "t1" table',
        'CREATE TABLE "t1" (',
        '  "a" integer NULL,',
        '  "b" integer NULL,',
        '  CONSTRAINT "c1" CHECK (a > 0),',
        '  CONSTRAINT "c3" CHECK (a < b)',
        ');',
        '',
      ].join('\n'),
    );
    assert.equal(
      planText(diff(realm([t1('(a > 0)')], ['public'], 'public'), realm([t1('(a > 1)')], ['public'], 'public'), { schemaScope: true })),
      '-- Modify "t1" table\nALTER TABLE "t1" DROP CONSTRAINT "c1", ADD CONSTRAINT "c1" CHECK (a > 1);\n',
    );
  });

  it('enum type before the table that uses it; enum values appended with ADD VALUE', () => {
    const status = { schema: 'public', name: 'status', values: ['active', 'inactive'] };
    const to = realm(
      [table('public', 'users', [col('type', 'status', { typeRef: { schema: 'public', name: 'status', array: 0 }, default: "'inactive'::status" })])],
      ['public'],
      'public',
    );
    to.schemas[0].enums.push(status);
    assert.equal(
      planText(diff(realm([], ['public'], 'public'), to, { schemaScope: true })),
      [
        '-- Create enum type "status"',
        "CREATE TYPE \"status\" AS ENUM ('active', 'inactive');",
        '-- Create "users" table',
        'CREATE TABLE "users" ("type" "status" NOT NULL DEFAULT \'inactive\'::status);',
        '',
      ].join('\n'),
    );
    const more = structuredClone(to);
    more.schemas[0].enums[0].values = ['active', 'pending', 'inactive', 'gone'];
    assert.equal(
      planText(diff(to, more, { schemaScope: true })),
      [
        '-- Add value to enum type: "status"',
        "ALTER TYPE \"status\" ADD VALUE 'pending' BEFORE 'inactive';",
        '-- Add value to enum type: "status"',
        "ALTER TYPE \"status\" ADD VALUE 'gone' AFTER 'inactive';",
        '',
      ].join('\n'),
    );
  });

  it('enum values removed: the type is re-created and columns converted, flagged destructive', () => {
    const from = realm([table('public', 't', [col('x', 'e', { typeRef: { schema: 'public', name: 'e', array: 0 }, notNull: false })])], ['public'], 'public');
    from.schemas[0].enums.push({ schema: 'public', name: 'e', values: ['a', 'b'] });
    const to = structuredClone(from);
    to.schemas[0].enums[0].values = ['b'];
    const changes = diff(from, to, { schemaScope: true });
    assert.equal(
      planText(changes),
      [
        '-- Rename an enum from "e" to "e_old"',
        'ALTER TYPE "e" RENAME TO "e_old";',
        '-- Create enum type "e"',
        'CREATE TYPE "e" AS ENUM (\'b\');',
        '-- Modify "t" table',
        'ALTER TABLE "t" ALTER COLUMN "x" TYPE "e" USING "x"::text::"e";',
        '-- Drop enum type "e_old"',
        'DROP TYPE "e_old";',
        '',
      ].join('\n'),
    );
    assert.ok(changes[0].destructive);
  });

  it('foreign keys: referenced table first; drops last, referencing table dropped before the referenced one', () => {
    const pk = { name: '', columns: ['id'], deferrable: false, initiallyDeferred: false };
    const a = table('public', 'a', [col('id', 'integer')], { primaryKey: { ...pk, name: 'a_pkey' } });
    const b = table('public', 'b', [col('id', 'integer'), col('a_id', 'integer')], {
      primaryKey: { ...pk, name: 'b_pkey' },
      foreignKeys: [
        {
          name: 'b_a_fk',
          columns: ['a_id'],
          refSchema: 'public',
          refTable: 'a',
          refColumns: ['id'],
          onUpdate: 'NO ACTION',
          onDelete: 'CASCADE',
          match: 'SIMPLE',
          validated: true,
          deferrable: false,
          initiallyDeferred: false,
        },
      ],
    });
    const created = diff(realm([]), realm([b, a]));
    assert.deepEqual(
      created.map((c) => c.comment),
      ['create "a" table', 'create "b" table'],
    );
    assert.match(created[1].cmd, /CONSTRAINT "b_a_fk" FOREIGN KEY \("a_id"\) REFERENCES "public"\."a" \("id"\) ON UPDATE NO ACTION ON DELETE CASCADE/);
    const dropped = diff(realm([a, b]), realm([]));
    assert.deepEqual(
      dropped.map((c) => c.cmd),
      ['DROP TABLE "public"."b"', 'DROP TABLE "public"."a"'],
    );
    assert.ok(dropped.every((c) => c.destructive));
  });

  it('diff options: skip drop_table, CONCURRENTLY for indexes of existing tables only', () => {
    const idx = { name: 'i', unique: false, method: 'btree', parts: [{ column: 'id', desc: false, nullsFirst: false }], include: [], nullsNotDistinct: false };
    const from = realm([table('public', 'old', [col('id', 'integer')]), table('public', 'keep', [col('id', 'integer')])], ['public'], 'public');
    const to = realm(
      [
        table('public', 'keep', [col('id', 'integer')], { indexes: [idx] }),
        table('public', 'fresh', [col('id', 'integer')], { indexes: [{ ...idx, name: 'j' }] }),
      ],
      ['public'],
      'public',
    );
    const cmds = diff(from, to, { schemaScope: true, skip: { drop_table: true }, concurrentIndex: { create: true, drop: true } }).map((c) => c.cmd);
    assert.deepEqual(cmds, [
      'CREATE INDEX CONCURRENTLY "i" ON "keep" ("id")',
      'CREATE TABLE "fresh" ("id" integer NOT NULL)',
      'CREATE INDEX "j" ON "fresh" ("id")',
    ]);
  });

  it('no changes → empty plan', () => {
    const r = realm([table('public', 'users', [col('id', 'integer')])]);
    assert.deepEqual(diff(r, structuredClone(r)), []);
    assert.equal(planText([]), '');
  });

  it('canonical type names', () => {
    assert.equal(canonicalType('timestamp without time zone'), 'timestamp');
    assert.equal(canonicalType('timestamp(4) with time zone'), 'timestamptz(4)');
    assert.equal(canonicalType('time without time zone[]'), 'time[]');
    assert.equal(canonicalType('int8'), 'bigint');
    assert.equal(canonicalType('character varying(10)'), 'character varying(10)');
  });
});
