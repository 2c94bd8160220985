// The corpus folders that psql cannot apply on PostgreSQL 15 because they need PostgreSQL 18 or an
// extension PG15 lacks apply through us to a fresh `pglite://<dir>` target (embedded PostgreSQL 18 with
// vector, pg_trgm, …): one revision row per file whose hash matches atlas.sum, status OK, a second
// apply printing `No migration files to execute`, and every table and index the files create present
// in the PGlite catalog. Each folder gets its own data directory; the CLI opens it once per command.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusPath } from '../../support/corpus';
import { cli, dbUrl, dropDb, scratchDb } from './support';
import { psqlApply } from './corpusSupport';
import { openDirPath } from '../../../server/src/migrate/dir';
import { openDatabase } from '../../../server/src/db/connect';

/** Folder → what PG15 lacks (the psql error must mention it) and a catalog query proving PG18 ran it. */
const PG18_FOLDERS: Array<{ folder: string; lacks: RegExp; check: { sql: string; expect: Record<string, unknown>[] } }> = [
  {
    folder: 'Kaikei-e__moka-1__db__migrations',
    lacks: /extension "vector" is not available/,
    check: {
      sql: `SELECT extname FROM pg_extension WHERE extname IN ('vector', 'pg_trgm') ORDER BY extname`,
      expect: [{ extname: 'pg_trgm' }, { extname: 'vector' }],
    },
  },
  {
    folder: 'mkrepo-dev__mkrepo__sql__migrations',
    lacks: /function uuidv7\(\) does not exist/,
    check: {
      sql: `SELECT c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid) AS def FROM pg_attrdef d
            JOIN pg_class c ON c.oid = d.adrelid JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
            WHERE pg_get_expr(d.adbin, d.adrelid) LIKE '%uuidv7%' ORDER BY 1, 2`,
      expect: [{ relname: 'template_version', attname: 'id', def: 'uuidv7()' }],
    },
  },
];

const ident = String.raw`(?:"?public"?\.)?"?([A-Za-z_][A-Za-z0-9_]*)"?`;

/** Tables and indexes the folder's files leave behind (created and not dropped), read from the SQL. */
function expectedObjects(dir: string): { tables: string[]; indexes: string[] } {
  const sql = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort()
    .map((n) => fs.readFileSync(path.join(dir, n), 'utf8'))
    .join('\n');
  const names = (re: RegExp) => [...sql.matchAll(re)].map((m) => m[1]);
  const minus = (a: string[], b: string[]) => [...new Set(a)].filter((x) => !b.includes(x)).sort();
  return {
    tables: minus(
      names(new RegExp(String.raw`CREATE TABLE (?:IF NOT EXISTS )?${ident}`, 'gi')),
      names(new RegExp(String.raw`DROP TABLE (?:IF EXISTS )?${ident}`, 'gi')),
    ),
    indexes: minus(
      names(new RegExp(String.raw`CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?${ident}`, 'gi')),
      names(new RegExp(String.raw`DROP INDEX (?:CONCURRENTLY )?(?:IF EXISTS )?${ident}`, 'gi')),
    ),
  };
}

interface InspectJson {
  schemas: Array<{ name: string; tables?: Array<{ name: string; indexes?: Array<{ name: string }> }> }>;
}

describe('corpus: folders PostgreSQL 15 cannot apply go to a pglite:// target (PostgreSQL 18)', function () {
  this.timeout(300_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-corpus-pglite-'));
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const { folder, lacks, check } of PG18_FOLDERS) {
    it(folder, async () => {
      const dir = corpusPath('migrations', folder);
      // PG15 really cannot: otherwise the folder belongs to corpus.test.ts, not here.
      const twin = await scratchDb('corpus_pg15');
      try {
        assert.match(psqlApply(dbUrl(twin), dir) ?? 'psql applied it', lacks);
      } finally {
        await dropDb(twin);
      }

      const url = `pglite://${path.join(tmp, folder)}`;
      const flags = ['--url', url, '--dir', `file://${dir}`];
      const first = await cli(['migrate', 'apply', ...flags]);
      assert.equal(first.code, 0, `${first.stdout}\n${first.stderr}`);
      const sum = openDirPath(dir).checksum();
      assert.match(first.stdout, new RegExp(`-- ${sum.entries.length} migrations?\\n`));
      assert.equal((await cli(['migrate', 'apply', ...flags])).stdout, 'No migration files to execute\n');
      const status = await cli(['migrate', 'status', ...flags]);
      assert.match(status.stdout, /^Migration Status: OK\n/, status.stderr);

      const inspect = await cli(['schema', 'inspect', '--url', url, '--format', '{{ json . }}']);
      assert.equal(inspect.code, 0, inspect.stderr);
      const tables = (JSON.parse(inspect.stdout) as InspectJson).schemas.find((s) => s.name === 'public')?.tables ?? [];
      const want = expectedObjects(dir);
      assert.ok(want.tables.length > 0 && want.indexes.length > 0, `no objects read from ${folder}`);
      assert.deepEqual(tables.map((t) => t.name).sort(), want.tables);
      const indexes = new Set(tables.flatMap((t) => (t.indexes ?? []).map((i) => i.name)));
      assert.deepEqual(
        want.indexes.filter((i) => !indexes.has(i)),
        [],
        'indexes missing from the catalog',
      );

      const db = await openDatabase(url);
      try {
        const revs = (
          await db.query<{ version: string; hash: string; applied: number; total: number; error: string }>(
            'SELECT version, hash, applied, total, error FROM atlas_schema_revisions.atlas_schema_revisions ORDER BY version',
          )
        ).rows;
        assert.deepEqual(
          revs.map((r) => r.hash),
          sum.entries.map((e) => e.hash),
        );
        assert.deepEqual(
          revs.map((r) => r.version),
          sum.entries.map((e) => e.name.split('_')[0].replace(/\.sql$/, '')),
        );
        assert.ok(
          revs.every((r) => Number(r.applied) === Number(r.total) && r.error === ''),
          JSON.stringify(revs),
        );
        assert.deepEqual((await db.query(check.sql)).rows, check.expect);
      } finally {
        await db.close();
      }
    });
  }
});
