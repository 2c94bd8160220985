// Statement ordering: phases, dependencies inside a phase, per-object order, and cycles.
import assert from 'node:assert/strict';
import { dependencyOrder, orderChanges, Phase, type Change } from '../../../server/src/schema/change';
import { globToRegExp, applyExclude } from '../../../server/src/schema/inspect';
import { emptySchema, emptyTable, type Realm } from '../../../server/src/schema/model';

const c = (cmd: string, phase: Phase, key?: string, after?: string[]): Change => ({ cmd, phase, key, after });

describe('schema change ordering', () => {
  it('orders by phase first: schemas, types, tables, views, drops', () => {
    const out = orderChanges([
      c('DROP TABLE x', Phase.Drop),
      c('CREATE VIEW v', Phase.Views),
      c('CREATE TABLE t', Phase.Tables),
      c('CREATE TYPE e', Phase.Types),
      c('CREATE SCHEMA s', Phase.Top),
    ]);
    assert.deepEqual(
      out.map((x) => x.cmd),
      ['CREATE SCHEMA s', 'CREATE TYPE e', 'CREATE TABLE t', 'CREATE VIEW v', 'DROP TABLE x'],
    );
  });

  it('runs a change after the keys it depends on, and keeps the statements of one object in order', () => {
    const out = orderChanges([
      c('CREATE TABLE b', Phase.Tables, 'b', ['a']),
      c('CREATE INDEX b_i', Phase.Tables, 'b'),
      c('CREATE TABLE a', Phase.Tables, 'a'),
      c('COMMENT ON TABLE a', Phase.Tables, 'a'),
    ]);
    assert.deepEqual(
      out.map((x) => x.cmd),
      ['CREATE TABLE a', 'COMMENT ON TABLE a', 'CREATE TABLE b', 'CREATE INDEX b_i'],
    );
  });

  it('breaks a cycle instead of looping', () => {
    const out = orderChanges([c('A', Phase.Tables, 'a', ['b']), c('B', Phase.Tables, 'b', ['a'])]);
    assert.deepEqual(out.map((x) => x.cmd).sort(), ['A', 'B']);
  });
});

describe('dependency order (pg_depend) over the phase order', () => {
  const d = (cmd: string, extra: Partial<Change>): Change => ({ cmd, phase: Phase.Tables, ...extra });

  it('pulls a function in front of the first table, index or trigger that uses it, with what the function needs', () => {
    const out = dependencyOrder([
      d('CREATE SEQUENCE s', { creates: 'rel:public.s' }),
      d('CREATE TABLE q', { creates: 'rel:public.q', needs: ['fn:public.f(job_state)', 'rel:public.s', 'fn:pg_catalog.now()'] }),
      d('CREATE INDEX q_i', { needs: ['fn:public.f(job_state)'] }),
      d('CREATE TYPE job_state', { creates: 'type:public.job_state' }),
      d('CREATE FUNCTION f', { creates: 'fn:public.f(job_state)', needs: ['type:public.job_state'] }),
      d('CREATE VIEW v', { creates: 'rel:public.v', needs: ['rel:public.q'] }),
    ]);
    assert.deepEqual(
      out.map((x) => x.cmd),
      ['CREATE SEQUENCE s', 'CREATE TYPE job_state', 'CREATE FUNCTION f', 'CREATE TABLE q', 'CREATE INDEX q_i', 'CREATE VIEW v'],
    );
  });

  it('keeps the given order when no dependency asks otherwise (a need met earlier or outside the plan moves nothing)', () => {
    const input = [
      d('CREATE TYPE e', { creates: 'type:public.e' }),
      d('CREATE TABLE a', { creates: 'rel:public.a', needs: ['type:public.e', 'fn:public.exists_already()'] }),
      d('CREATE TABLE b', { creates: 'rel:public.b' }),
      d('DROP TABLE c', { drops: 'rel:public.c' }),
    ];
    assert.deepEqual(
      dependencyOrder(input).map((x) => x.cmd),
      input.map((x) => x.cmd),
    );
  });

  it('drops what uses an object before the object (a table before its enum and function)', () => {
    const out = dependencyOrder([
      d('DROP TYPE job_state', { phase: Phase.Drop, drops: 'type:public.job_state', dependents: ['rel:public.q', 'fn:public.f(job_state)'] }),
      d('DROP TABLE q', { phase: Phase.Drop, drops: 'rel:public.q' }),
      d('DROP FUNCTION f', { phase: Phase.Drop, drops: 'fn:public.f(job_state)', dependents: ['rel:public.q'] }),
    ]);
    assert.deepEqual(
      out.map((x) => x.cmd),
      ['DROP TABLE q', 'DROP FUNCTION f', 'DROP TYPE job_state'],
    );
  });

  it('breaks a dependency cycle instead of looping', () => {
    const out = dependencyOrder([d('A', { creates: 'fn:a()', needs: ['fn:b()'] }), d('B', { creates: 'fn:b()', needs: ['fn:a()'] })]);
    assert.deepEqual(
      out.map((x) => x.cmd),
      ['B', 'A'],
    );
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
    r.schemas[0].tables.push(
      {
        ...emptyTable('app', 'users'),
        columns: [
          { name: 'id', type: 'integer', notNull: true },
          { name: 'secret', type: 'text', notNull: false },
        ],
      },
      emptyTable('app', 'tmp_x'),
    );
    applyExclude(r, ['audit', 'app.tmp_*', 'app.users.secret']);
    assert.deepEqual(
      r.schemas.map((s) => s.name),
      ['app'],
    );
    assert.deepEqual(
      r.schemas[0].tables.map((t) => t.name),
      ['users'],
    );
    assert.deepEqual(
      r.schemas[0].tables[0].columns.map((x) => x.name),
      ['id'],
    );
  });
});
