// The embedded dev database (PostgreSQL 18) standing in for `docker://postgres/15/dev` refuses what PostgreSQL 15
// refuses and 18 accepts: built-in functions added in 16–18 (uuidv7()), virtual generated columns and newer syntax (IS JSON). Each folder is
// replayed on the real PostgreSQL 15 too, so the test shows both agree; docker://postgres/18/dev accepts them.
import assert from 'node:assert/strict';
import { stopEmbeddedServer } from '../../../server/src/db/dev';
import { openDirPath } from '../../../server/src/migrate/dir';
import { replayDir } from '../../../server/src/migrate/diffSource';
import { cli, dbUrl, dropDb, migrationDir, scratchDb } from '../apply/support';
import { connect } from '../schema/support';

/** Replays the folder on a fresh PostgreSQL 15 database: undefined when it loads, else the error text. */
async function onPg15(dir: string): Promise<string | undefined> {
  const name = await scratchDb('older');
  const db = await connect(dbUrl(name));
  try {
    await replayDir(db, openDirPath(dir));
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await db.close();
    await dropDb(name);
  }
}

const validate = (dir: string, dev: string) => cli(['migrate', 'validate', '--dir', `file://${dir}`, '--dev-url', dev]);

describe('embedded dev database standing in for an older PostgreSQL', function () {
  this.timeout(180_000);
  after(() => stopEmbeddedServer());

  it('uuidv7() (PostgreSQL 18) fails for docker://postgres/15/dev as on PostgreSQL 15, and passes for /18/', async () => {
    const dir = migrationDir({ '1_t.sql': 'CREATE TABLE t (id uuid NOT NULL DEFAULT uuidv7(), note text);\n' });
    assert.match((await onPg15(dir))!, /function uuidv7\(\) does not exist/);
    const r15 = await validate(dir, 'docker://postgres/15/dev');
    assert.equal(r15.code, 1);
    assert.match(
      r15.stderr,
      /Error: replaying the migration directory: sql\/migrate: executing statement ".*" from version "1": function uuidv7\(\) does not exist on PostgreSQL 15 \(added in PostgreSQL 18/,
    );
    const r18 = await validate(dir, 'docker://postgres/18/dev');
    assert.equal(r18.code, 0, r18.stderr);
  });

  it('a folder defining its own uuidv7() passes on both', async () => {
    const dir = migrationDir({
      '1_fn.sql': `CREATE FUNCTION uuidv7() RETURNS uuid LANGUAGE sql AS 'SELECT gen_random_uuid()';\nCOMMENT ON FUNCTION uuidv7() IS 'until PostgreSQL 18: uuidv7()';\n`,
      '2_t.sql': 'CREATE TABLE t (id uuid NOT NULL DEFAULT uuidv7());\n',
    });
    assert.equal(await onPg15(dir), undefined);
    const r = await validate(dir, 'docker://postgres/15/dev');
    assert.equal(r.code, 0, r.stderr);
  });

  it('a virtual generated column fails for docker://postgres/16/dev as on PostgreSQL 15; STORED passes', async () => {
    const virtual = migrationDir({ '1_t.sql': 'CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * (2 + a)));\n' });
    assert.match((await onPg15(virtual))!, /syntax error/);
    const r = await validate(virtual, 'docker://postgres/16/dev');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /virtual generated columns need PostgreSQL 18; PostgreSQL 16 requires GENERATED ALWAYS AS \(…\) STORED/);
    const stored = migrationDir({ '1_t.sql': 'CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * (2 + a)) STORED);\n' });
    assert.equal(await onPg15(stored), undefined);
    assert.equal((await validate(stored, 'docker://postgres/16/dev')).code, 0);
  });

  it('IS JSON in a CHECK (PostgreSQL 16) fails for docker://postgres/15/dev as on PostgreSQL 15, and passes for /16/', async () => {
    const dir = migrationDir({ '1_t.sql': 'CREATE TABLE events (payload text CHECK (payload IS JSON OBJECT));\n' });
    assert.match((await onPg15(dir))!, /syntax error/);
    const r15 = await validate(dir, 'docker://postgres/15/dev');
    assert.equal(r15.code, 1);
    assert.match(r15.stderr, /IS JSON needs PostgreSQL 16; the target is PostgreSQL 15/);
    assert.equal((await validate(dir, 'docker://postgres/16/dev')).code, 0);
  });
});
