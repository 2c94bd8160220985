// Atlas's own PostgreSQL integration testscripts (ariga/atlas internal/integration/testdata/postgres/*.txtar, read
// from the shared corpus, never copied) run on real PostgreSQL 15 through our runner: one test per script. Scripts
// that declare another server version (`only postgres14`) are skipped as Atlas's harness skips them.
import assert from 'node:assert/strict';
import path from 'node:path';
import { corpusEntries } from '../../support/corpus';
import { connect, dropDatabase, scratchDatabase, urlFor } from '../schema/support';
import { runScript, ScriptSkip } from './runner';

/** ATLAS_TXTAR=<name>[,<name>] runs only those scripts (while working on one). */
const only = process.env.ATLAS_TXTAR?.split(',');
const scripts = corpusEntries('atlas-testdata/internal/integration/testdata/postgres').filter(
  (f) => f.endsWith('.txtar') && (!only || only.includes(path.basename(f, '.txtar'))),
);

describe('Atlas PostgreSQL testscripts', function () {
  this.timeout(180_000);
  let name: string;
  let ran = 0;
  before(async () => {
    name = await scratchDatabase('txtar');
    const c = await connect(urlFor(name));
    await c.close();
  });
  after(async () => {
    await dropDatabase(name);
  });

  it('finds the scripts in the corpus', () => {
    assert.ok(only || scripts.length >= 21, `expected at least 21 scripts, found ${scripts.length}`);
  });

  for (const file of scripts)
    it(path.basename(file), async function () {
      try {
        await runScript(file, { dbUrl: urlFor(name) });
      } catch (e) {
        if (e instanceof ScriptSkip) this.skip();
        ran++;
        throw e;
      }
      ran++;
    });

  // Only index-operator-class.txtar declares another version (`only postgres14`); every other script runs.
  it('ran every script that PostgreSQL 15 runs', () => {
    assert.ok(only || ran >= 20, `only ${ran} scripts ran on PostgreSQL 15`);
  });
});
