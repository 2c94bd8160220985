// Inspect on real PostgreSQL 15: every kind of object in the fixture is read into the model, and the
// model's own CREATE statements rebuild an equal schema in an empty database (and diff back to nothing).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { inspect } from '../../../server/src/schema/inspect';
import { diff } from '../../../server/src/schema/diff';
import { planStatements } from '../../../server/src/schema/plan';
import { canonicalRealm } from '../../../server/src/schema/compare';
import { modelSql } from '../../../server/src/cli/schemaInspect';
import type { Realm } from '../../../server/src/schema/model';
import { connect, dropDatabase, scratchDatabase, urlFor } from './support';

const fixture = fs.readFileSync(path.join(__dirname, '../../fixtures/schema/objects.sql'), 'utf8');

describe('schema inspect round trip (PostgreSQL 15)', function () {
  this.timeout(60000);
  const dbs: string[] = [];
  let model: Realm;
  before(async () => {
    const name = await scratchDatabase('inspect');
    dbs.push(name);
    const db = await connect(urlFor(name));
    await db.exec('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await db.exec(fixture);
    await db.exec(`CREATE SCHEMA atlas_schema_revisions; CREATE TABLE atlas_schema_revisions.atlas_schema_revisions (version text PRIMARY KEY)`);
    model = await inspect(db);
    await db.close();
  });
  after(async () => {
    for (const d of dbs) await dropDatabase(d);
  });

  it('reads every kind of object', () => {
    const pub = model.schemas.find((s) => s.name === 'public')!;
    const billing = model.schemas.find((s) => s.name === 'billing')!;
    assert.deepEqual(
      model.schemas.map((s) => s.name),
      ['billing', 'public'],
      'revisions schema excluded',
    );
    assert.equal(billing.comment, 'money things');
    assert.deepEqual(model.extensions.map((e) => e.name).sort(), ['btree_gist', 'citext', 'pg_trgm']);
    assert.deepEqual(pub.enums[0].values, ['sad', 'ok', 'happy']);
    assert.deepEqual(pub.domains[0], {
      schema: 'public',
      name: 'posint',
      type: 'integer',
      notNull: true,
      default: '1',
      checks: [{ name: 'posint_check', expr: '(VALUE > 0)' }],
      comment: 'positive',
    });
    assert.deepEqual(pub.composites[0].fields, [
      { name: 'a', type: 'integer' },
      { name: 'b', type: 'text' },
    ]);
    const seq = billing.sequences.find((s) => s.name === 'invoice_no')!;
    assert.deepEqual([seq.start, seq.increment, seq.cache], ['100', '5', '10']);
    const users = pub.tables.find((t) => t.name === 'users')!;
    const c = (n: string) => users.columns.find((x) => x.name === n)!;
    assert.deepEqual(c('id').identity, { always: false, start: '10', increment: '2' });
    assert.equal(c('email').typeRef, undefined);
    assert.equal(c('email').comment, 'login');
    assert.equal(c('name').collation, 'C');
    assert.deepEqual(c('feeling').typeRef, { schema: 'public', name: 'mood', array: 0 });
    assert.equal(c('tags').type, 'text[]');
    assert.equal(c('created_at').type, 'timestamptz(3)');
    assert.equal(c('full_name').generated, 'lower(name)');
    assert.equal(users.comment, 'people');
    assert.deepEqual(users.rls, { enabled: true, forced: false });
    assert.equal(users.policies[0].command, 'SELECT');
    assert.equal(users.triggers[0].name, 'users_touch');
    assert.deepEqual(
      users.uniques.map((u) => u.name),
      ['users_email_key'],
    );
    assert.deepEqual(
      users.checks.map((x) => x.name),
      ['users_name_check'],
    );
    const trgm = users.indexes.find((i) => i.name === 'users_name_trgm')!;
    assert.deepEqual([trgm.method, trgm.parts[0].opclass], ['gin', 'gin_trgm_ops']);
    const lower = users.indexes.find((i) => i.name === 'users_lower_email')!;
    assert.ok(lower.unique && lower.where && lower.include[0] === 'id' && lower.parts[0].expr);
    assert.deepEqual(users.indexes.find((i) => i.name === 'users_created_desc')!.parts[0], { column: 'created_at', desc: true, nullsFirst: false });
    const inv = billing.tables.find((t) => t.name === 'invoices')!;
    assert.equal(inv.columns[0].serial, 'serial');
    assert.deepEqual([inv.foreignKeys[0].onDelete, inv.foreignKeys[0].initiallyDeferred], ['CASCADE', true]);
    assert.equal(inv.exclusions.length, 1);
    const events = pub.tables.find((t) => t.name === 'events')!;
    assert.equal(events.partitionBy, 'RANGE (at)');
    const part = pub.tables.find((t) => t.name === 'events_2024')!;
    assert.equal(part.partitionOf?.table, 'events');
    assert.equal(part.indexes.length, 0, 'partition indexes come from the parent');
    assert.deepEqual(
      pub.views.map((v) => [v.name, v.materialized]),
      [
        ['active_users', false],
        ['user_totals', true],
      ],
    );
    assert.ok(pub.views[1].deps.includes('billing.invoices'));
    assert.deepEqual(
      pub.functions.map((f) => [f.name, f.kind, f.language]),
      [
        ['add', 'function', 'sql'],
        ['noop', 'procedure', 'sql'],
        ['touch', 'function', 'plpgsql'],
      ],
    );
  });

  it("the model's CREATE statements rebuild an equal schema", async () => {
    const name = await scratchDatabase('rebuild');
    dbs.push(name);
    const db = await connect(urlFor(name));
    const sql = modelSql(model);
    for (const s of planStatements(diff({ schemas: [], extensions: [] }, model))) {
      try {
        await db.exec(s);
      } catch (e) {
        assert.fail(`${(e as Error).message} in ${s}`);
      }
    }
    const rebuilt = await inspect(db);
    await db.close();
    assert.match(sql, /^-- Add new schema named "billing"\nCREATE SCHEMA "billing";/);
    assert.deepEqual(canonicalRealm(rebuilt), canonicalRealm(model));
    assert.deepEqual(diff(rebuilt, model), []);
  });

  it('schema scope sees one schema and diffs with unqualified names', async () => {
    const db = await connect(urlFor(dbs[0]), 'billing');
    const billing = await inspect(db, { schema: 'billing' });
    await db.close();
    assert.deepEqual(
      billing.schemas.map((s) => s.name),
      ['billing'],
    );
    const text = planStatements(
      diff({ schemas: [{ ...billing.schemas[0], tables: [], sequences: [] }], extensions: [], scope: 'billing' }, billing, { schemaScope: true }),
    );
    assert.ok(
      text.some((s) => s.startsWith('CREATE TABLE "invoices" (')),
      text.join('\n'),
    );
  });
});
