// Constraint and index names the state gives unnamed constraints (so CD101 and friends find them by name) are
// PostgreSQL's own: checked against pg_constraint / pg_indexes on the real server.
import assert from 'node:assert/strict';
import { initSqlParser } from '../../../server/src/sql/parser';
import { applyFile } from '../../../server/src/lint/engine';
import { prepareFile } from '../../../server/src/lint/prepare';
import { SchemaState } from '../../../server/src/lint/state';
import { connect, dropDatabase, scratchDatabase, urlFor } from '../schema/support';

const sql = `CREATE TABLE p (id int PRIMARY KEY, a int, b int, UNIQUE (a, b));
CREATE TABLE c (id int, p_id int REFERENCES p (id), code text UNIQUE, qty int CHECK (qty > 0), lo int, hi int, CHECK (hi > lo));
ALTER TABLE c ADD PRIMARY KEY (id);
ALTER TABLE c ADD FOREIGN KEY (lo) REFERENCES p (id);
ALTER TABLE c ADD UNIQUE (lo, hi);
CREATE INDEX ON c (hi);
CREATE INDEX ON c (lo, hi);`;

describe('lint: default constraint and index names', function () {
  this.timeout(60000);
  it('match PostgreSQL', async () => {
    await initSqlParser();
    const name = await scratchDatabase('aw_lint_names');
    const db = await connect(urlFor(name));
    try {
      await db.exec(sql);
      const real = await db.query<{ t: string; n: string }>(
        "SELECT conrelid::regclass::text AS t, conname AS n FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n' ORDER BY 1, 2",
      );
      const idx = await db.query<{ n: string }>("SELECT indexname AS n FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1");
      const state = new SchemaState();
      applyFile(state, prepareFile('1.sql', sql));
      const ours = [...state.tables.values()].flatMap((t) => [...t.constraints.keys()].map((n) => `${t.name}.${n}`)).sort();
      assert.deepEqual(ours, real.rows.map((r) => `${r.t}.${r.n}`).sort());
      assert.deepEqual([...state.indexes.keys()].map((k) => k.replace(/^public\./, '')).sort(), idx.rows.map((r) => r.n).sort());
    } finally {
      await db.close();
      await dropDatabase(name);
    }
  });
});
