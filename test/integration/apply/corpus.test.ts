// Every PostgreSQL migration folder of the corpus that `psql -1 -f` (file by file) can apply on
// PostgreSQL 15 must apply through us to the same catalog (pg_dump --schema-only of both, our
// revisions schema excluded), with one revision row per file whose hash matches atlas.sum, status OK,
// and a second apply printing `No migration files to execute`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { corpusIndex, corpusPath } from '../../support/corpus';
import { cli, dbUrl, dropDb, revisions, scratchDb } from './support';
import { openDirPath } from '../../../server/src/migrate/dir';

const PGBIN = process.env.PGBIN || '/usr/lib/postgresql/15/bin';
const folders = corpusIndex().filter((r) => r.kind === 'migrations' && r.dialect === 'postgres').map((r) => corpusPath(r.local_path));

function psqlApply(url: string, dir: string): string | undefined {
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) {
    // A file with `-- atlas:txmode none` (CREATE INDEX CONCURRENTLY) runs without a transaction, as Atlas runs it.
    const single = openDirPath(dir).file(f)?.txmode() === 'none' ? [] : ['-1'];
    const r = spawnSync(path.join(PGBIN, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...single, '-f', path.join(dir, f), url], { encoding: 'utf8' });
    if (r.status !== 0) return `${f}: ${r.stderr.trim().split('\n')[0]}`;
  }
  return undefined;
}

function schemaDump(url: string): string {
  const r = spawnSync(path.join(PGBIN, 'pg_dump'), ['--schema-only', '--no-owner', '-N', 'atlas_schema_revisions', url], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pg_dump: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => !l.startsWith('--') && !l.startsWith('\\restrict') && !l.startsWith('\\unrestrict')).join('\n');
}

describe('corpus: real PostgreSQL migration folders apply like psql', function () {
  this.timeout(600_000);
  const results: string[] = [];
  after(() => { console.log(`    corpus: ${results.join('; ')}`); });

  it('finds the PostgreSQL folders', () => {
    assert.ok(folders.length >= 20, `only ${folders.length} folders`);
  });

  let applied = 0;
  let skipped = 0;
  for (const dir of folders) {
    it(path.basename(dir), async () => {
      const twin = await scratchDb('corpus_psql');
      const ours = await scratchDb('corpus_ours');
      try {
        const psqlError = psqlApply(dbUrl(twin), dir);
        if (psqlError) { skipped++; results.push(`skip ${path.basename(dir)} (${psqlError})`); return; }
        const r = await cli(['migrate', 'apply', '--url', dbUrl(ours), '--dir', `file://${dir}`]);
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
        assert.equal(schemaDump(dbUrl(ours)), schemaDump(dbUrl(twin)));
        const sum = openDirPath(dir).checksum();
        const revs = await revisions(ours);
        assert.deepEqual(revs.map((x) => x.hash), sum.entries.map((e) => e.hash));
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

  it('applied most folders', () => {
    results.unshift(`${applied} applied, ${skipped} skipped (psql could not apply them)`);
    assert.ok(applied > skipped, `${applied} applied vs ${skipped} skipped`);
  });
});
