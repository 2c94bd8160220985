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
const results = { loaded: 0, skipped: [] as string[], ours: 0, migra: 0 };

async function withDatabase<T>(sql: string, fn: (db: Database) => Promise<T>): Promise<T | 'skip'> {
  const name = await scratchDatabase('migra');
  const db = await connect(urlFor(name));
  try {
    try { if (sql.trim()) await db.exec(sql); } catch { return 'skip'; }
    return await fn(db);
  } finally {
    await db.close();
    await dropDatabase(name);
  }
}

async function applyAll(db: Database, statements: string[]): Promise<void> {
  for (const s of statements) {
    try { await db.exec(s); } catch (e) { throw new Error(`${(e as Error).message}\n  in: ${s}`); }
  }
}

describe('schema diff on the migra corpus (PostgreSQL 15)', function () {
  this.timeout(120000);
  before(async () => {
    const admin = await connect(databaseUrl());
    await admin.exec(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schemainspect_test_role') THEN CREATE ROLE schemainspect_test_role; END IF; END $$`);
    await admin.close();
  });

  for (const dir of fixtures) {
    const name = path.basename(dir);
    it(`${name}: our plan turns a into b and a second diff is empty`, async function () {
      const a = fs.readFileSync(path.join(dir, 'a.sql'), 'utf8');
      const b = fs.readFileSync(path.join(dir, 'b.sql'), 'utf8');
      const target = await withDatabase(b, (db) => inspect(db));
      if (target === 'skip') { results.skipped.push(name); this.skip(); }
      const outcome = await withDatabase(a, async (db) => {
        const changes = diff(await inspect(db), target);
        await applyAll(db, planStatements(changes));
        const after = await inspect(db);
        return { after, second: diff(after, target) };
      });
      if (outcome === 'skip') { results.skipped.push(name); this.skip(); }
      results.loaded++;
      const migraOk = await withDatabase(a, async (db) => {
        try { await db.exec(fs.readFileSync(path.join(dir, 'expected.sql'), 'utf8')); } catch { return false; }
        return JSON.stringify(canonicalRealm(await inspect(db))) === JSON.stringify(canonicalRealm(target));
      });
      if (migraOk === true) results.migra++;
      assert.deepEqual(canonicalRealm(outcome.after), canonicalRealm(target));
      assert.deepEqual(outcome.second.map((c) => c.cmd), []);
      results.ours++;
    });
  }

  after(() => {
    console.log(`    migra corpus: ${fixtures.length} fixtures, ${results.loaded} load on PostgreSQL 15, skipped ${results.skipped.length} (${results.skipped.join(', ') || 'none'}); ` +
      `ours pass ${results.ours}, migra expected.sql passes ${results.migra}`);
  });

  it('does at least as well as migra (run last)', function () {
    if (results.loaded === 0) this.skip();
    assert.ok(results.ours >= results.migra, `ours ${results.ours} < migra ${results.migra}`);
  });
});
