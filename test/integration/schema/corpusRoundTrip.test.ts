// Real-world schemas: every PostgreSQL migration folder of the corpus is first loaded by psql on
// PostgreSQL 15 (the same referee as the apply corpus test). A folder psql cannot load (e.g. pgvector missing, PostgreSQL 16+ syntax) is skipped,
// with psql's reason. Every other folder must replay with our engine, be inspected, re-created from the
// model's own CREATE statements in an empty database, and come back equal (and diff to nothing): any
// failure there is ours and fails the test. A minimum number of covered folders is asserted.
import assert from 'node:assert/strict';
import path from 'node:path';
import { corpusIndex, corpusPath } from '../../support/corpus';
import { psqlApply } from '../apply/corpusSupport';
import { inspect } from '../../../server/src/schema/inspect';
import { diff } from '../../../server/src/schema/diff';
import { planStatements } from '../../../server/src/schema/plan';
import { canonicalRealm } from '../../../server/src/schema/compare';
import { openDirPath } from '../../../server/src/migrate/dir';
import { replayDir } from '../../../server/src/migrate/diffSource';
import { connect, dropDatabase, scratchDatabase, urlFor } from './support';

const folders = corpusIndex()
  .filter((r) => r.kind === 'migrations' && r.dialect.startsWith('postgres'))
  .map((r) => r.local_path);
/** Folders that PostgreSQL 15 loads and that must round-trip; fewer means the corpus or the rule regressed. */
const MIN_COVERED = 33;
/** Known failures of ours, by folder, with the reason; a listed folder that passes fails the test. */
const KNOWN_FAILURES: Record<string, string> = {};
const tally = { loaded: 0, passed: 0, skipped: [] as string[] };

/** The round trip proper; throws on any failure of ours. */
async function roundTrip(folder: string): Promise<void> {
  const src = await scratchDatabase('corpus');
  const dst = await scratchDatabase('corpusre');
  const a = await connect(urlFor(src));
  const b = await connect(urlFor(dst));
  try {
    await replayDir(a, openDirPath(corpusPath(folder)));
    const model = await inspect(a);
    for (const s of planStatements(diff(await inspect(b), model))) {
      try {
        await b.exec(s);
      } catch (e) {
        throw new Error(`${(e as Error).message}\n  in: ${s}`);
      }
    }
    const rebuilt = await inspect(b);
    assert.deepEqual(canonicalRealm(rebuilt), canonicalRealm(model));
    assert.deepEqual(
      diff(rebuilt, model).map((c) => c.cmd),
      [],
    );
  } finally {
    await a.close();
    await b.close();
    await dropDatabase(src);
    await dropDatabase(dst);
  }
}

/** psql's verdict (each file with `psql -1 -f`, in order) on a fresh database: its first error, or undefined. */
async function psqlVerdict(folder: string): Promise<string | undefined> {
  const db = await scratchDatabase('corpuspsql');
  try {
    return psqlApply(urlFor(db), corpusPath(folder));
  } finally {
    await dropDatabase(db);
  }
}

describe('schema round trip on the corpus migration folders (PostgreSQL 15)', function () {
  this.timeout(120000);
  after(() =>
    console.log(
      `    corpus folders: ${folders.length} PostgreSQL, ${tally.loaded} load with psql on PostgreSQL 15, ${tally.passed} round-trip equal; skipped:\n${tally.skipped.map((s) => `      ${s}`).join('\n')}`,
    ),
  );
  for (const folder of folders) {
    const name = path.basename(folder);
    it(name, async function () {
      const refused = await psqlVerdict(folder);
      if (refused !== undefined) {
        tally.skipped.push(`${name}: ${refused}`);
        this.skip();
      }
      tally.loaded++;
      const known = KNOWN_FAILURES[name];
      if (known === undefined) {
        await roundTrip(folder);
        tally.passed++;
        return;
      }
      const err = await roundTrip(folder).then(
        () => undefined,
        (e: Error) => e,
      );
      assert.ok(err, `${name} is listed as a known failure (${known}) but now passes: remove it from KNOWN_FAILURES`);
    });
  }
  it(`covers at least ${MIN_COVERED} folders`, () => {
    assert.ok(
      tally.passed >= MIN_COVERED,
      `only ${tally.passed} corpus folders round-tripped (of ${tally.loaded} psql loads); expected at least ${MIN_COVERED}`,
    );
  });
});
