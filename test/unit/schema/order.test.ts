// Statement ordering: phases, dependencies inside a phase, per-object order, and cycles.
import assert from 'node:assert/strict';
import { orderChanges, Phase, type Change } from '../../../server/src/schema/change';
import { globToRegExp, applyExclude } from '../../../server/src/schema/inspect';
import { emptySchema, emptyTable, type Realm } from '../../../server/src/schema/model';

const c = (cmd: string, phase: Phase, key?: string, after?: string[]): Change => ({ cmd, phase, key, after });

describe('schema change ordering', () => {
  it('orders by phase first: schemas, types, tables, views, drops', () => {
    const out = orderChanges([c('DROP TABLE x', Phase.Drop), c('CREATE VIEW v', Phase.Views), c('CREATE TABLE t', Phase.Tables), c('CREATE TYPE e', Phase.Types), c('CREATE SCHEMA s', Phase.Top)]);
    assert.deepEqual(out.map((x) => x.cmd), ['CREATE SCHEMA s', 'CREATE TYPE e', 'CREATE TABLE t', 'CREATE VIEW v', 'DROP TABLE x']);
  });

  it('runs a change after the keys it depends on, and keeps the statements of one object in order', () => {
    const out = orderChanges([
      c('CREATE TABLE b', Phase.Tables, 'b', ['a']), c('CREATE INDEX b_i', Phase.Tables, 'b'),
      c('CREATE TABLE a', Phase.Tables, 'a'), c('COMMENT ON TABLE a', Phase.Tables, 'a'),
    ]);
    assert.deepEqual(out.map((x) => x.cmd), ['CREATE TABLE a', 'COMMENT ON TABLE a', 'CREATE TABLE b', 'CREATE INDEX b_i']);
  });

  it('breaks a cycle instead of looping', () => {
    const out = orderChanges([c('A', Phase.Tables, 'a', ['b']), c('B', Phase.Tables, 'b', ['a'])]);
    assert.deepEqual(out.map((x) => x.cmd).sort(), ['A', 'B']);
  });
});

describe('inspect exclude patterns (Go globs)', () => {
  it('matches *, ? and character classes', () => {
    assert.ok(globToRegExp('*.[ab]*').test('users.ab'));
    assert.ok(!globToRegExp('[ab]*').test('c'));
    assert.ok(globToRegExp('t?').test('t1'));
    assert.ok(globToRegExp('[!a]x').test('bx'));
  });

  it('realm scope: schema, schema.table and schema.table.column', () => {
    const r: Realm = { schemas: [emptySchema('app'), emptySchema('audit')], extensions: [] };
    r.schemas[0].tables.push({ ...emptyTable('app', 'users'), columns: [{ name: 'id', type: 'integer', notNull: true }, { name: 'secret', type: 'text', notNull: false }] }, emptyTable('app', 'tmp_x'));
    applyExclude(r, ['audit', 'app.tmp_*', 'app.users.secret']);
    assert.deepEqual(r.schemas.map((s) => s.name), ['app']);
    assert.deepEqual(r.schemas[0].tables.map((t) => t.name), ['users']);
    assert.deepEqual(r.schemas[0].tables[0].columns.map((x) => x.name), ['id']);
  });
});
