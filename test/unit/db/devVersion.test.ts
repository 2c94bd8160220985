// Which PostgreSQL major a dev URL asks for, the notice when the embedded database (18) differs, and the text
// scanning the older-target checks rely on (constraint names, code outside literals and bodies).
import assert from 'node:assert/strict';
import { devVersionNotice, embeddedNoticeFor, majorOf, requestedMajor } from '../../../server/src/db/devVersion';
import { checkNewerSyntax, codeOnly, OlderTargetError } from '../../../server/src/db/newerFeatures';
import { constraintNamesIn } from '../../../server/src/db/notNullNames';

describe('dev database version', () => {
  it('reads the major from docker:// tags', () => {
    const cases: Array<[string | undefined, number | undefined]> = [
      ['docker://postgres/15/dev', 15],
      ['docker://postgres/16-alpine/dev?search_path=public', 16],
      ['docker://postgres/15.4/dev', 15],
      ['docker://pgvector/pgvector:pg16/dev', 16],
      ['docker://postgis/postgis:17-3.5/dev', 17],
      ['docker://postgres/latest/dev', undefined],
      ['docker://postgres', undefined],
      ['postgres://u:p@h:5432/dev', undefined],
      [undefined, undefined],
      ['pglite://memory', undefined],
    ];
    for (const [url, major] of cases) assert.equal(requestedMajor(url), major, String(url));
    assert.equal(majorOf('150004'), 15);
    assert.equal(majorOf(180001), 18);
  });

  it('the notice is data: both majors and a message naming the way to a real dev database', () => {
    const n = embeddedNoticeFor('docker://postgres/15/dev')!;
    assert.equal(n.devMajor, 18);
    assert.equal(n.targetMajor, 15);
    assert.match(
      n.message,
      /^the embedded dev database \(PGlite 0\.5\.14\) is PostgreSQL 18 but the requested docker:\/\/postgres\/15\/dev is PostgreSQL 15; /,
    );
    assert.match(n.message, /--dev-url "postgres:\/\/[^"]+"/);
    assert.equal(embeddedNoticeFor('docker://postgres/18/dev'), undefined);
    assert.equal(embeddedNoticeFor(undefined), undefined);
    assert.match(devVersionNotice(18, 19)!.message, /features newer than the dev database fail to replay/);
  });

  it('constraint names as PostgreSQL reads them', () => {
    assert.deepEqual(constraintNamesIn('ALTER TABLE t ADD CONSTRAINT "A_b" CHECK (x), DROP CONSTRAINT IF EXISTS Foo_NOT_NULL'), ['A_b', 'foo_not_null']);
    assert.deepEqual(constraintNamesIn("COMMENT ON CONSTRAINT users_x_not_null ON users IS 'x'"), ['users_x_not_null']);
    assert.deepEqual(constraintNamesIn('CREATE TABLE t (a int NOT NULL)'), []);
  });

  it('code outside comments, literals and dollar-quoted bodies', () => {
    assert.equal(codeOnly(`SELECT 'uuidv7()' -- uuidv7()\n, $f$ uuidv7() $f$, $$x$$, /* uuidv7() */ 1`).includes('uuidv7'), false);
    assert.throws(() => checkNewerSyntax('CREATE TABLE t (a int, b int GENERATED ALWAYS AS ((a + 1) * 2), c int)', 15), OlderTargetError);
    assert.doesNotThrow(() => checkNewerSyntax('CREATE TABLE t (a int, b int GENERATED ALWAYS AS ((a + 1) * 2) STORED)', 15));
    assert.doesNotThrow(() => checkNewerSyntax('CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a) VIRTUAL)', 18));
    assert.doesNotThrow(() => checkNewerSyntax("COMMENT ON TABLE t IS 'GENERATED ALWAYS AS (x)'", 15));
    assert.throws(
      () => checkNewerSyntax('CREATE TABLE d (doc text CHECK (doc IS JSON OBJECT))', 15),
      /IS JSON needs PostgreSQL 16; the target is PostgreSQL 15/,
    );
    assert.doesNotThrow(() => checkNewerSyntax('CREATE TABLE d (doc text CHECK (doc IS JSON OBJECT))', 16));
    assert.throws(() => checkNewerSyntax('ALTER TABLE t ALTER COLUMN b SET EXPRESSION AS (a * 3)', 16), /needs PostgreSQL 17/);
    assert.throws(() => checkNewerSyntax('ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT ENFORCED', 17), /NOT ENFORCED constraints needs PostgreSQL 18/);
    assert.throws(() => checkNewerSyntax('CREATE TABLE r (id int, p tstzrange, PRIMARY KEY (id, p WITHOUT OVERLAPS))', 17), /WITHOUT OVERLAPS/);
  });
});
