// The HCL inspect round trip on every real schema of the corpus that PostgreSQL 15 loads (the migration folders
// and the a.sql/b.sql states of the migra fixtures, each loaded by psql): `schema inspect` (HCL) of the database,
// then `schema diff --from <database> --to file://inspected.pg.hcl --dev-url <dev>` must plan nothing.
// Only schemas psql cannot load are skipped, with psql's reason; a minimum number of round trips is asserted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusEntries, corpusIndex, corpusPath } from '../../support/corpus';
import { inspectState } from '../../../server/src/engine/inspect';
import { schemaDiff } from '../../../server/src/engine/schemaDiff';
import { inspectHcl } from '../../../server/src/schema/hcl';
import { dropDatabase, psqlLoad, scratchDatabase, urlFor } from './support';

const sources = [
  ...corpusIndex()
    .filter((r) => r.kind === 'migrations' && r.dialect.startsWith('postgres'))
    .map((r) => corpusPath(r.local_path)),
  ...corpusEntries('diff/migra').flatMap((d) => ['a.sql', 'b.sql'].map((f) => path.join(d, f)).filter((f) => fs.existsSync(f))),
];
const label = (src: string) => (src.endsWith('.sql') ? `migra ${path.basename(path.dirname(src))}/${path.basename(src)}` : path.basename(src));
/** Schemas that must round-trip through HCL; fewer means a regression. */
const MIN_SYNCED = 60;
const tally = { loaded: 0, synced: 0, skipped: [] as string[] };

describe('schema inspect (HCL) → schema diff is empty on the corpus schemas (PostgreSQL 15)', function () {
  this.timeout(120000);
  after(() =>
    console.log(
      `    HCL round trip: ${sources.length} schemas, ${tally.loaded} load with psql on PostgreSQL 15, ${tally.synced} synced; skipped:\n${tally.skipped.map((s) => `      ${s}`).join('\n')}`,
    ),
  );
  for (const src of sources)
    it(label(src), async function () {
      const db = await scratchDatabase('hclrt');
      const dev = await scratchDatabase('hclrtdev');
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-hclrt-'));
      try {
        const refused = psqlLoad(urlFor(db), src);
        if (refused !== undefined) {
          tally.skipped.push(`${label(src)}: ${refused}`);
          this.skip();
        }
        tally.loaded++;
        const realm = await inspectState({ url: urlFor(db), cwd: work, environ: process.env });
        fs.writeFileSync(path.join(work, 'inspected.pg.hcl'), inspectHcl(realm));
        const plan = await schemaDiff({
          from: [urlFor(db)],
          to: ['file://inspected.pg.hcl'],
          devUrl: urlFor(dev),
          fromCwd: work,
          toCwd: work,
          environ: process.env,
        });
        assert.equal(plan.text, '', `${label(src)}: the diff against its own inspected HCL plans changes`);
        tally.synced++;
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
        await dropDatabase(db);
        await dropDatabase(dev);
      }
    });
  it(`round-trips at least ${MIN_SYNCED} schemas`, () => {
    assert.ok(tally.synced >= MIN_SYNCED, `only ${tally.synced} of ${tally.loaded} loaded schemas round-trip through HCL`);
  });
});
