// Hard plans on real PostgreSQL 15 (test/fixtures/schema/pairs/<name>.{a,b}.sql): applying our plan to `a`
// gives a database equal to `b` (inspected models compared), and a second diff is empty.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { inspect } from '../../../server/src/schema/inspect';
import { diff } from '../../../server/src/schema/diff';
import { planStatements } from '../../../server/src/schema/plan';
import { canonicalRealm } from '../../../server/src/schema/compare';
import { connect, dropDatabase, scratchDatabase, urlFor } from './support';

const dir = path.join(__dirname, '../../fixtures/schema/pairs');
const pairs = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.a.sql'))
  .map((f) => f.slice(0, -'.a.sql'.length))
  .sort();

async function load(sql: string) {
  const name = await scratchDatabase('pair');
  const db = await connect(urlFor(name));
  await db.exec(sql);
  return { db, name };
}

describe('schema diff on hard pairs (PostgreSQL 15)', function () {
  this.timeout(60000);
  for (const pair of pairs) {
    it(pair, async () => {
      const a = await load(fs.readFileSync(path.join(dir, `${pair}.a.sql`), 'utf8'));
      const b = await load(fs.readFileSync(path.join(dir, `${pair}.b.sql`), 'utf8'));
      try {
        const target = await inspect(b.db);
        for (const s of planStatements(diff(await inspect(a.db), target))) {
          try {
            await a.db.exec(s);
          } catch (e) {
            assert.fail(`${(e as Error).message}\n  in: ${s}`);
          }
        }
        const after = await inspect(a.db);
        assert.deepEqual(canonicalRealm(after), canonicalRealm(target));
        assert.deepEqual(
          diff(after, target).map((c) => c.cmd),
          [],
        );
      } finally {
        await a.db.close();
        await b.db.close();
        await dropDatabase(a.name);
        await dropDatabase(b.name);
      }
    });
  }
});
