import assert from 'node:assert/strict';
import { codes, lintAfter, lines, ready } from './helpers';
import { PG103_TEXT } from '../../../server/src/lint/analyzers/concurrentIndex';

const PG = /^PG10[123]$/;

describe('lint: concurrent_index (PG101–PG103)', () => {
  before(ready);
  const base = 'CREATE TABLE users (id int, email text);\nCREATE INDEX users_email ON users (email);';

  it('PG101/PG102: non-concurrent index build and drop on a table that holds data', () => {
    assert.deepEqual(lines(lintAfter(base, 'CREATE INDEX users_id ON users (id);'), PG), [
      'PG101: Creating index "users_id" non-concurrently causes write locks on the "users" table',
    ]);
    assert.deepEqual(lines(lintAfter(base, 'DROP INDEX users_email;'), PG), [
      'PG102: Dropping index "users_email" non-concurrently causes write locks on the "users" table',
    ]);
  });

  it('negatives: CONCURRENTLY with txmode none, tables created in the same file', () => {
    assert.deepEqual(
      codes(lintAfter(base, '-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY users_id ON users (id);\nDROP INDEX CONCURRENTLY users_email;'), PG),
      [],
    );
    assert.deepEqual(codes(lintAfter(base, 'CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nDROP INDEX t_a;'), PG), []);
  });

  it('PG103: CONCURRENTLY inside a transaction (no txmode none header), reported at Pos 0', () => {
    const r = lintAfter(base, 'SELECT 1;\nCREATE INDEX CONCURRENTLY users_id ON users (id);');
    assert.deepEqual(lines(r, PG), [`PG103: ${PG103_TEXT}`]);
    assert.equal(r.reports.find((x) => x.Text === 'concurrent index violations detected')?.Diagnostics[0].Pos, 0);
    // A txmode directive that is not in the header (no blank line after it) does not count.
    assert.deepEqual(codes(lintAfter(base, '-- atlas:txmode none\nCREATE INDEX CONCURRENTLY users_id ON users (id);'), PG), ['PG103']);
  });

  it('state-aware across two files: an index created in the previous file is known', () => {
    const r = lintAfter('CREATE TABLE a (x int);\nCREATE INDEX a_x ON a (x);', 'DROP INDEX a_x;');
    assert.deepEqual(lines(r, PG), ['PG102: Dropping index "a_x" non-concurrently causes write locks on the "a" table']);
  });

  it('honours nolint by code and analyzer', () => {
    assert.deepEqual(codes(lintAfter(base, '-- atlas:nolint PG101\nCREATE INDEX users_id ON users (id);'), PG), []);
    assert.deepEqual(codes(lintAfter(base, '-- atlas:nolint concurrent_index\n\nCREATE INDEX users_id ON users (id);\nDROP INDEX users_email;'), PG), []);
  });
});
