// Every PostgreSQL schema of the corpus (the migration folders, and the a.sql/b.sql states of the migra diff
// fixtures), as the desired state of `migrate diff` on a PostgreSQL 15 dev database: (1) replayed from a
// migration folder and diffed against itself: in sync; (2) from an empty folder, the generated file applies on
// the clean dev database (the next diff replays it) and that diff is in sync (replay → diff → apply → diff → empty).
// Whether PostgreSQL 15 can load a schema is decided by psql (its own statement splitting, not ours): only
// schemas psql cannot load are skipped; a schema psql loads must pass here. The CHECKs, defaults, index
// expressions and predicates, generated columns and views covered are counted, with minimums.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusEntries, corpusIndex, corpusPath } from '../../support/corpus';
import { generateMigration } from '../../../server/src/migrate/diff';
import { inspect } from '../../../server/src/schema/inspect';
import { stopEmbeddedServer } from '../../../server/src/db/dev';
import type { Realm } from '../../../server/src/schema/model';
import { connect, databaseUrl, dropDatabase, psqlLoad, scratchDatabase, urlFor } from './support';

/**
 * The `.sql` sections of Atlas's PostgreSQL integration scripts that hold CHECKs, defaults, generated columns,
 * views, partial or expression indexes, written to a temporary folder (sections with `$` placeholders need
 * the script's variables and are left out).
 */
function txtarSections(): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-cfp-txtar-'));
  const out: string[] = [];
  for (const f of corpusEntries('atlas-testdata/internal/integration/testdata/postgres').filter((x) => x.endsWith('.txtar'))) {
    const parts = fs.readFileSync(f, 'utf8').split(/^-- (.+) --$/m);
    for (let i = 1; i < parts.length; i += 2) {
      const [name, body] = [parts[i], parts[i + 1]];
      if (!name.endsWith('.sql') || body.includes('$') || !/CHECK|GENERATED|VIEW|WHERE|\(\(|DEFAULT/i.test(body)) continue;
      // Expected `\d`-style outputs of the scripts are not SQL.
      if (
        !/^(CREATE|ALTER|DROP|COMMENT|SET|INSERT|BEGIN|DO)\b/i.test(
          body
            .split('\n')
            .find((l) => l.trim() && !l.trim().startsWith('--'))
            ?.trim() ?? '',
        )
      )
        continue;
      const file = path.join(dir, `${path.basename(f, '.txtar')}__${name.replace(/\//g, '__')}`);
      fs.writeFileSync(file, body);
      out.push(file);
    }
  }
  return out;
}

/** Migration folders (replayed as Atlas does) and single SQL files (the migra fixtures' states, Atlas's scripts). */
const txtar = txtarSections();
const sources = [
  ...corpusIndex()
    .filter((r) => r.kind === 'migrations' && r.dialect.startsWith('postgres'))
    .map((r) => corpusPath(r.local_path)),
  ...corpusEntries('diff/migra').flatMap((d) => ['a.sql', 'b.sql'].map((f) => path.join(d, f)).filter((f) => fs.existsSync(f))),
  ...txtar,
];
const label = (src: string) =>
  txtar.includes(src)
    ? `atlas ${path.basename(src)}`
    : src.endsWith('.sql')
      ? `migra ${path.basename(path.dirname(src))}/${path.basename(src)}`
      : path.basename(src);
const covered = { folders: 0, skipped: 0, checks: 0, defaults: 0, indexExprs: 0, predicates: 0, generated: 0, views: 0 };

/** Adds the model's expressions to the tally; true when it has any besides column defaults. */
function count(r: Realm): boolean {
  const before = covered.checks + covered.generated + covered.indexExprs + covered.predicates + covered.views;
  for (const s of r.schemas) {
    for (const t of s.tables) {
      covered.checks += t.checks.length;
      covered.defaults += t.columns.filter((c) => c.default !== undefined && !c.serial).length;
      covered.generated += t.columns.filter((c) => c.generated !== undefined).length;
      covered.indexExprs += t.indexes.reduce((n, i) => n + i.parts.filter((p) => p.expr !== undefined).length, 0);
      covered.predicates += t.indexes.filter((i) => i.where !== undefined).length;
    }
    covered.views += s.views.length;
  }
  return covered.checks + covered.generated + covered.indexExprs + covered.predicates + covered.views > before;
}

/** replay → diff → apply (the second diff replays the file on the dev database) → diff again: in sync. */
async function diffTwice(source: string, devUrl: string | undefined): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-cfp-'));
  try {
    const to = source.endsWith('.sql') ? 'file://src.sql' : 'file://src';
    fs.cpSync(source, path.join(work, source.endsWith('.sql') ? 'src.sql' : 'src'), { recursive: true });
    fs.mkdirSync(path.join(work, 'out'));
    await generateMigration({ dir: 'file://out', to, devUrl, cwd: work, name: 'all' });
    const again = await generateMigration({ dir: 'file://out', to, devUrl, cwd: work });
    assert.equal(again.synced, true, `${label(source)}: second diff after applying the generated file:\n${again.content}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Schemas PostgreSQL 15 loads that hold CHECKs, generated columns, index expressions or predicates, or views. */
const withExpressions: string[] = [];

describe('migrate diff is a fixed point on the corpus migration folders (PostgreSQL 15 dev database)', function () {
  this.timeout(300000);
  const dbs: string[] = [];
  let devUrl: string;
  before(async () => {
    const dev = await scratchDatabase('cfpdev');
    dbs.push(dev);
    devUrl = urlFor(dev);
    // The migra rls fixture grants to this role (roles are server-wide, as in migraCorpus.test.ts).
    const admin = await connect(databaseUrl());
    await admin.exec(
      `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schemainspect_test_role') THEN CREATE ROLE schemainspect_test_role; END IF; END $$`,
    );
    await admin.close();
  });
  after(async () => {
    console.log(`    corpus fixed point: ${JSON.stringify(covered)}; on PGlite: ${withExpressions.length} schemas with expressions`);
    for (const d of dbs) await dropDatabase(d);
    if (txtar.length) fs.rmSync(path.dirname(txtar[0]), { recursive: true, force: true });
  });

  for (const source of sources) {
    it(label(source), async function () {
      const probe = await scratchDatabase('cfpprobe');
      dbs.push(probe);
      const cannot = psqlLoad(urlFor(probe), source);
      if (cannot) {
        covered.skipped++;
        console.log(`      skipped, PostgreSQL 15 cannot load it: ${cannot}`);
        this.skip();
      }
      const probeDb = await connect(urlFor(probe));
      let expressive = false;
      try {
        expressive = count(await inspect(probeDb));
      } finally {
        await probeDb.close();
      }
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-cfp-'));
      try {
        const file = source.endsWith('.sql');
        const to = file ? 'file://src.sql' : 'file://src';
        fs.cpSync(source, path.join(work, file ? 'src.sql' : 'src'), { recursive: true });
        fs.mkdirSync(path.join(work, 'out'));
        // (1) a migration folder replayed, diffed against itself. (A single file as a one-file folder would be replayed
        // by the same code that loads it as the desired state in step (2): nothing more to learn, half the time.)
        if (!file) {
          const self = await generateMigration({ dir: 'file://src', to, devUrl, cwd: work });
          assert.equal(self.synced, true, `diff against itself:\n${self.content}`);
        }
        // (2) replay → diff → apply → diff again: the second diff replays the generated file on the clean dev
        // database (a failing statement fails the replay), then diffs it with the desired state.
        await generateMigration({ dir: 'file://out', to, devUrl, cwd: work, name: 'all' });
        const again = await generateMigration({ dir: 'file://out', to, devUrl, cwd: work });
        assert.equal(again.synced, true, `second diff after applying the generated file:\n${again.content}`);
        covered.folders++;
        if (expressive) withExpressions.push(source);
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    });
  }

  it('the same on the embedded PGlite dev database, for every schema above that holds expressions', async () => {
    assert.ok(withExpressions.length >= 10, `only ${withExpressions.length} schemas with expressions`);
    try {
      for (const source of withExpressions) await diffTwice(source, undefined);
    } finally {
      await stopEmbeddedServer();
    }
  });

  it('covers enough objects (minimum counts over the schemas PostgreSQL 15 loads)', () => {
    // Measured on the development corpus: 73 schemas, 41 CHECKs, 206 defaults, 19 index predicates,
    // 6 generated columns, 8 views (no expression index: those are covered by diffFixedPoint.test.ts).
    const min = { folders: 70, checks: 40, defaults: 200, predicates: 19, generated: 6, views: 8 };
    for (const [k, v] of Object.entries(min))
      assert.ok(covered[k as keyof typeof covered] >= v, `${k}: ${covered[k as keyof typeof covered]} < ${v} (${JSON.stringify(covered)})`);
  });
});
