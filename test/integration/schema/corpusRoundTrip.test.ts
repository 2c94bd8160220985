// Real-world schemas: every PostgreSQL migration folder of the corpus that replays on PostgreSQL 15 is
// inspected, re-created from the model's own CREATE statements in an empty database, and must come back
// equal (and diff to nothing). Folders that need what the server lacks (e.g. pgvector) are counted as skipped.
import assert from 'node:assert/strict';
import path from 'node:path';
import { corpusIndex, corpusPath } from '../../support/corpus';
import { inspect } from '../../../server/src/schema/inspect';
import { diff } from '../../../server/src/schema/diff';
import { planStatements } from '../../../server/src/schema/plan';
import { canonicalRealm } from '../../../server/src/schema/compare';
import { openDirPath } from '../../../server/src/migrate/dir';
import { replayDir } from '../../../server/src/migrate/diffSource';
import { connect, dropDatabase, scratchDatabase, urlFor } from './support';

const folders = corpusIndex().filter((r) => r.kind === 'migrations' && r.dialect.startsWith('postgres')).map((r) => r.local_path);
const tally = { replayed: 0, skipped: 0, passed: 0 };

describe('schema round trip on the corpus migration folders (PostgreSQL 15)', function () {
  this.timeout(120000);
  after(() => console.log(`    corpus folders: ${folders.length} PostgreSQL, ${tally.replayed} replay on PostgreSQL 15 (${tally.skipped} skipped), ${tally.passed} round-trip equal`));
  for (const folder of folders) {
    it(path.basename(folder), async function () {
      const src = await scratchDatabase('corpus');
      const dst = await scratchDatabase('corpusre');
      const a = await connect(urlFor(src));
      const b = await connect(urlFor(dst));
      try {
        try { await replayDir(a, openDirPath(corpusPath(folder))); } catch { tally.skipped++; this.skip(); }
        tally.replayed++;
        const model = await inspect(a);
        for (const s of planStatements(diff(await inspect(b), model))) {
          try { await b.exec(s); } catch (e) { assert.fail(`${(e as Error).message}\n  in: ${s}`); }
        }
        const rebuilt = await inspect(b);
        assert.deepEqual(canonicalRealm(rebuilt), canonicalRealm(model));
        assert.deepEqual(diff(rebuilt, model).map((c) => c.cmd), []);
        tally.passed++;
      } finally {
        await a.close(); await b.close();
        await dropDatabase(src); await dropDatabase(dst);
      }
    });
  }
});
