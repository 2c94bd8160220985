// The lint schema state is copied in O(1) (shared layers, entries copied when read for writing): a copy and its
// original never see each other's later changes, however long the chain of copies, and the editor's per-file
// states of a folder share the tables of the files before them instead of holding copies.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyFile } from '../../../server/src/lint/engine';
import { prepareFile } from '../../../server/src/lint/prepare';
import { SchemaState } from '../../../server/src/lint/state';
import { LintModel } from '../../../server/src/lsp/lintModel';
import { codes, ready } from './helpers';

const apply = (s: SchemaState, sql: string, name = 'f.sql') => {
  applyFile(s, prepareFile(name, sql));
  return s;
};
const columns = (s: SchemaState, table: string) => {
  const t = s.table(undefined, table);
  return t ? [...t.columns.keys()] : undefined;
};
const indexes = (s: SchemaState) => [...s.indexes.values()].map((i) => `${i.name}:${i.table}(${i.columns})`).sort();

describe('lint: schema state copies', () => {
  before(ready);

  it('a copy shares the tables of its original until one of them writes', () => {
    const a = apply(new SchemaState(), 'CREATE TABLE t (id int PRIMARY KEY);\nCREATE TABLE u (id int);\n');
    const b = a.clone();
    const shared = (x: SchemaState) => new Map([...x.tables.entries()]);
    assert.equal(shared(b).get('public.t'), shared(a).get('public.t'), 'same table object: nothing copied');
    apply(b, 'ALTER TABLE t ADD COLUMN c int;\n');
    assert.notEqual(shared(b).get('public.t'), shared(a).get('public.t'), 'written table copied into the copy');
    assert.equal(shared(b).get('public.u'), shared(a).get('public.u'), 'untouched table still shared');
  });

  it('keeps a copy and its original apart in both directions (columns, renames, drops, indexes)', () => {
    const a = apply(new SchemaState(), 'CREATE TABLE t (id int PRIMARY KEY, name text);\nCREATE INDEX t_name ON t (name);\n');
    const b = a.clone();
    apply(b, 'ALTER TABLE t ADD COLUMN c int;\nALTER TABLE t RENAME COLUMN name TO title;\nALTER TABLE t RENAME TO v;\nCREATE SCHEMA s;\n');
    apply(a, 'ALTER TABLE t DROP COLUMN id;\nCREATE TABLE w (id int);\n');
    assert.deepEqual(columns(a, 't'), ['name']);
    assert.equal(a.table(undefined, 'v'), undefined);
    assert.deepEqual(indexes(a), ['t_name:t(name)']);
    assert.equal(a.schemas.has('s'), false);
    assert.deepEqual(columns(b, 'v')?.sort(), ['c', 'id', 'title']);
    assert.equal(b.table(undefined, 't'), undefined);
    assert.equal(b.table(undefined, 'w'), undefined);
    assert.deepEqual(indexes(b), ['t_name:v(title)', 't_pkey:v(id)']);
    assert.equal(b.schemas.has('s'), true);
  });

  it('stays right over a long chain of copies (flattened on the way)', () => {
    const states: SchemaState[] = [new SchemaState()];
    for (let i = 1; i <= 100; i++) {
      const s = states[i - 1].clone();
      apply(s, `CREATE TABLE t${i} (id int);\n${i > 1 ? `DROP TABLE t${i - 1};\n` : ''}`);
      states.push(s);
    }
    for (const i of [1, 33, 64, 100]) {
      assert.deepEqual([...states[i].tables.keys()], [`public.t${i}`], `state ${i}`);
    }
    assert.deepEqual([...states[0].tables.keys()], []);
  });
});

describe('lsp: lint model with shared states', () => {
  before(ready);
  let dir: string;
  const docs = new Map<string, string>();
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lint-state-'));
    fs.writeFileSync(path.join(dir, '001.sql'), 'CREATE TABLE t1 (id int, a text, b text);\n');
    for (let i = 2; i <= 20; i++) fs.writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}.sql`), `CREATE TABLE t${i} (id int);\n`);
    docs.clear();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('editing an early file updates the state every later open file is linted against (never a stale one)', () => {
    const model = new LintModel((p) => docs.get(p));
    const ds = (f: string) => codes(model.lintDocument(dir, f)!.result, /^DS/);
    docs.set(path.join(dir, '015.sql'), 'ALTER TABLE t1 DROP COLUMN a;\n');
    docs.set(path.join(dir, '020.sql'), 'ALTER TABLE t1 DROP COLUMN b;\n');
    assert.deepEqual([ds('015.sql'), ds('020.sql')], [['DS103'], ['DS103']]);
    // an earlier open file drops b: 020 no longer drops an existing column; undone: it does again
    docs.set(path.join(dir, '010.sql'), 'ALTER TABLE t1 DROP COLUMN b;\n');
    assert.deepEqual([ds('010.sql'), ds('015.sql'), ds('020.sql')], [['DS103'], ['DS103'], []]);
    docs.set(path.join(dir, '010.sql'), 'SELECT 1;\n');
    assert.deepEqual([ds('015.sql'), ds('020.sql')], [['DS103'], ['DS103']]);
    // the first file changes under them: a is gone for 015, b still there for 020; and back
    docs.set(path.join(dir, '001.sql'), 'CREATE TABLE t1 (id int, b text);\n');
    assert.deepEqual([ds('015.sql'), ds('020.sql')], [[], ['DS103']]);
    docs.set(path.join(dir, '001.sql'), 'CREATE TABLE t1 (id int, a text, b text);\n');
    assert.deepEqual([ds('020.sql'), ds('015.sql')], [['DS103'], ['DS103']]);
  });
});
