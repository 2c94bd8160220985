// Correctness bar: for every migra fixture whose a.sql and b.sql load on PostgreSQL 15, applying our
// schema diff to database `a` makes it equal to `b` (inspected models compared, not text), and a second
// diff is empty. migra's own expected.sql is put through the same check and the two counts are printed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { corpusEntries } from '../../support/corpus';
import { inspect } from '../../../server/src/schema/inspect';
import { diff } from '../../../server/src/schema/diff';
import { planStatements } from '../../../server/src/schema/plan';
import { canonicalRealm } from '../../../server/src/schema/compare';
import type { Database } from '../../../server/src/db/types';
import { connect, dropDatabase, scratchDatabase, urlFor, databaseUrl } from './support';

const fixtures = corpusEntries('diff/migra').filter((d) => fs.existsSync(path.join(d, 'a.sql')));
/** Fixtures whose a.sql and b.sql PostgreSQL 15 loads; fewer means the corpus or the loading regressed. */
const MIN_LOADED = 15;
const results = { loaded: 0, skipped: [] as string[], ours: 0, migra: 0 };

/** Loads a fixture file straight into a fresh database (the server itself, not our code), then runs `fn`. */
async function withDatabase<T>(sql: string, fn: (db: Database) => Promise<T>): Promise<T | { refused: string }> {
  const name = await scratchDatabase('migra');
  const db = await connect(urlFor(name));
  try {
    try {
      if (sql.trim()) await db.exec(sql);
    } catch (e) {
      return { refused: (e as Error).message };
    }
    return await fn(db);
  } finally {
    await db.close();
    await dropDatabase(name);
  }
}

async function applyAll(db: Database, statements: string[]): Promise<void> {
  for (const s of statements) {
    try {
      await db.exec(s);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n  in: ${s}`);
    }
  }
}

describe('schema diff on the migra corpus (PostgreSQL 15)', function () {
  this.timeout(120000);
  before(async () => {
    const admin = await connect(databaseUrl());
    await admin.exec(
      `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schemainspect_test_role') THEN CREATE ROLE schemainspect_test_role; END IF; END $$`,
    );
    await admin.close();
  });

  for (const dir of fixtures) {
    const name = path.basename(dir);
    it(`${name}: our plan turns a into b and a second diff is empty`, async function () {
      const a = fs.readFileSync(path.join(dir, 'a.sql'), 'utf8');
      const b = fs.readFileSync(path.join(dir, 'b.sql'), 'utf8');
      const target = await withDatabase(b, (db) => inspect(db));
      if ('refused' in target) {
        results.skipped.push(`${name} (b.sql: ${target.refused})`);
        this.skip();
      }
      const outcome = await withDatabase(a, async (db) => {
        const changes = diff(await inspect(db), target);
        await applyAll(db, planStatements(changes));
        const after = await inspect(db);
        return { after, second: diff(after, target) };
      });
      if ('refused' in outcome) {
        results.skipped.push(`${name} (a.sql: ${outcome.refused})`);
        this.skip();
      }
      results.loaded++;
      const migraOk = await withDatabase(a, async (db) => {
        try {
          await db.exec(fs.readFileSync(path.join(dir, 'expected.sql'), 'utf8'));
        } catch {
          return false;
        }
        return JSON.stringify(canonicalRealm(await inspect(db))) === JSON.stringify(canonicalRealm(target));
      });
      if (migraOk === true) results.migra++;
      assert.deepEqual(canonicalRealm(outcome.after), canonicalRealm(target));
      assert.deepEqual(
        outcome.second.map((c) => c.cmd),
        [],
      );
      results.ours++;
    });
  }

  after(() => {
    console.log(
      `    migra corpus: ${fixtures.length} fixtures, ${results.loaded} load on PostgreSQL 15, skipped ${results.skipped.length} (${results.skipped.join(', ') || 'none'}); ` +
        `ours pass ${results.ours}, migra expected.sql passes ${results.migra}`,
    );
  });

  it(`covers at least ${MIN_LOADED} fixtures and does at least as well as migra (run last)`, function () {
    assert.ok(results.loaded >= MIN_LOADED, `only ${results.loaded} migra fixtures load on PostgreSQL 15; expected at least ${MIN_LOADED}`);
    assert.ok(results.ours >= results.migra, `ours ${results.ours} < migra ${results.migra}`);
  });
});
