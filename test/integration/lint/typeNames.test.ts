// Type names in lint texts (MF103's "%q column") are what PostgreSQL's format_type prints, as Atlas shows them
// after inspecting the dev database: checked column by column against the real server.
import assert from 'node:assert/strict';
import type { CreateStmt } from 'libpg-query';
import { initSqlParser, nodeAs, parseSql } from '../../../server/src/sql/parser';
import { columnType } from '../../../server/src/lint/types';
import { connect, dropDatabase, scratchDatabase, urlFor } from '../schema/support';

const types = [
  'int',
  'integer',
  'int4',
  'int8',
  'bigint',
  'smallint',
  'int2',
  'serial',
  'bigserial',
  'text',
  'varchar(20)',
  'varchar',
  'character varying(7)',
  'char(3)',
  'character(3)',
  'char',
  'boolean',
  'bool',
  'float8',
  'real',
  'double precision',
  'numeric(10,2)',
  'decimal(5)',
  'numeric',
  'timestamp',
  'timestamptz',
  'timestamp(3)',
  'timestamptz(3)',
  'timestamp with time zone',
  'time',
  'timetz',
  'time(2)',
  'date',
  'uuid',
  'jsonb',
  'json',
  'bytea',
  'int[]',
  'text[]',
  'varchar(5)[]',
  'interval',
  'inet',
  'bit(3)',
  'varbit(4)',
  'bit varying',
];

describe('lint: type names against format_type', function () {
  this.timeout(60000);
  it('prints every column type as PostgreSQL does', async () => {
    await initSqlParser();
    const name = await scratchDatabase('aw_lint_types');
    const db = await connect(urlFor(name));
    try {
      const sql = `CREATE TABLE ty (${types.map((t, i) => `c${i} ${t}`).join(', ')})`;
      await db.exec(sql);
      const real = await db.query<{ n: string; t: string }>(
        "SELECT attname AS n, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'ty'::regclass AND attnum > 0 ORDER BY attnum",
      );
      const parsed = parseSql(sql);
      assert.ok(parsed.ok);
      const create = nodeAs(parsed.stmts[0].node, 'CreateStmt') as CreateStmt;
      const ours = (create.tableElts ?? []).map((e) => columnType(nodeAs(e, 'ColumnDef')?.typeName).display);
      assert.deepEqual(
        ours.map((t, i) => `${types[i]} → ${t}`),
        real.rows.map((r, i) => `${types[i]} → ${r.t}`),
      );
    } finally {
      await db.close();
      await dropDatabase(name);
    }
  });
});
