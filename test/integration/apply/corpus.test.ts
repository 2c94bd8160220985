// Every PostgreSQL migration folder of the corpus that `psql -1 -f` (file by file) can apply on
// PostgreSQL 15 must apply through us to the same catalog (pg_dump --schema-only of both, our
// revisions schema excluded), with one revision row per file whose hash matches atlas.sum, status OK,
// and a second apply printing `No migration files to execute`.
import assert from 'node:assert/strict';
import path from 'node:path';
import { cli, dbUrl, dropDb, revisions, scratchDb } from './support';
import { postgresCorpusFolders, psqlApply, schemaDump } from './corpusSupport';
import { openDirPath } from '../../../server/src/migrate/dir';

const folders = postgresCorpusFolders();
/** Folders psql applies on PostgreSQL 15 and we must apply alike; fewer means the corpus or the referee regressed. */
const MIN_APPLIED = 33;

describe('corpus: real PostgreSQL migration folders apply like psql', function () {
  this.timeout(600_000);
  const results: string[] = [];
  after(() => {
    console.log(`    corpus: ${results.join('; ')}`);
  });

  it('finds the PostgreSQL folders', () => {
    assert.ok(folders.length >= 20, `only ${folders.length} folders`);
  });

  let applied = 0;
  let skipped = 0;
  for (const dir of folders) {
    it(path.basename(dir), async function () {
      const twin = await scratchDb('corpus_psql');
      const ours = await scratchDb('corpus_ours');
      try {
        const psqlError = psqlApply(dbUrl(twin), dir);
        if (psqlError) {
          skipped++;
          results.push(`skip ${path.basename(dir)} (${psqlError})`);
          this.skip();
        }
        const r = await cli(['migrate', 'apply', '--url', dbUrl(ours), '--dir', `file://${dir}`]);
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
        assert.equal(schemaDump(dbUrl(ours)), schemaDump(dbUrl(twin)));
        const sum = openDirPath(dir).checksum();
        const revs = await revisions(ours);
        assert.deepEqual(
          revs.map((x) => x.hash),
          sum.entries.map((e) => e.hash),
        );
        assert.ok(revs.every((x) => x.applied === x.total && x.error === ''));
        assert.equal((await cli(['migrate', 'apply', '--url', dbUrl(ours), '--dir', `file://${dir}`])).stdout, 'No migration files to execute\n');
        assert.match((await cli(['migrate', 'status', '--url', dbUrl(ours), '--dir', `file://${dir}`])).stdout, /^Migration Status: OK\n/);
        applied++;
      } finally {
        await dropDb(twin);
        await dropDb(ours);
      }
    });
  }

  it(`applied at least ${MIN_APPLIED} folders`, () => {
    results.unshift(`${applied} applied, ${skipped} skipped (psql could not apply them)`);
    assert.ok(applied >= MIN_APPLIED, `${applied} applied (${skipped} skipped); expected at least ${MIN_APPLIED}`);
  });
});
