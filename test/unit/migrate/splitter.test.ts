// The PostgreSQL statement splitter against Atlas's own golden files, byte positions, errors and quirks.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../../support/corpus';
import { pgScannerOptions, splitStatements, SplitError, type ScannerOptions } from '../../../server/src/migrate/splitter';
import { partialHashes } from '../../../server/src/migrate/sum';

const LEX = corpusPath('atlas-testdata/sql/migrate/testdata/lex');
const texts = (input: string | Uint8Array, o?: ScannerOptions) => splitStatements(input, o).map((s) => s.text);
const golden = (f: string) => fs.readFileSync(path.join(LEX, `${f}.golden`), 'utf8');
const lexFiles = fs.existsSync(LEX)
  ? fs
      .readdirSync(LEX)
      .filter((f) => f.endsWith('.sql'))
      .sort()
  : [];

describe('migrate/splitter', () => {
  it('finds Atlas lex fixtures in the corpus', () => assert.ok(lexFiles.length >= 8));

  describe('Atlas golden files (TestLocalFile_Stmts options)', () => {
    // `_ms` files need the T-SQL `GO` command option, which the PostgreSQL scanner never enables: skipped.
    for (const f of lexFiles.filter((n) => !n.includes('_ms'))) {
      it(f, () => {
        const opts: ScannerOptions = {
          matchBegin: true,
          matchBeginAtomic: true,
          matchDollarQuote: true,
          backslashEscapes: true,
          escapedStringExt: true,
          hashComments: !f.includes('_pg'),
        };
        assert.equal(texts(fs.readFileSync(path.join(LEX, f)), opts).join('\n-- end --\n'), golden(f));
      });
    }
  });

  describe('golden files that map 1:1 to the PostgreSQL driver options', () => {
    // 15_dollar_quote uses `#` comments (not comments for PostgreSQL); the `_ms` files need `GO`.
    for (const f of lexFiles.filter((n) => !n.includes('_ms') && n !== '15_dollar_quote.sql')) {
      it(f, () => assert.equal(texts(fs.readFileSync(path.join(LEX, f)), pgScannerOptions).join('\n-- end --\n'), golden(f)));
    }
  });

  it('gives byte offsets: pos/start at the statement, end after its delimiter, with multi-byte text before', () => {
    const src = "-- héllo\nSELECT 'ü';\n\n  CREATE TABLE t (a int);";
    const bytes = Buffer.from(src);
    const st = splitStatements(src);
    assert.equal(st.length, 2);
    assert.equal(st[0].pos, bytes.indexOf('SELECT'));
    assert.equal(bytes.subarray(st[0].start, st[0].end).toString(), "SELECT 'ü';");
    assert.deepEqual(st[0].comments, ['-- héllo\n']);
    assert.equal(st[1].pos, bytes.indexOf('CREATE'));
    assert.equal(st[1].end, bytes.length);
    assert.equal(st[1].text, 'CREATE TABLE t (a int);');
  });

  it('keeps dollar-quoted bodies, BEGIN ATOMIC bodies and BEGIN…END blocks whole; BEGIN; … COMMIT; still splits', () => {
    assert.deepEqual(texts('CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql;\nDO $$ BEGIN PERFORM 1; END $$;'), [
      'CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql;',
      'DO $$ BEGIN PERFORM 1; END $$;',
    ]);
    assert.deepEqual(texts('CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\nSELECT 3;'), [
      'CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;',
      'SELECT 3;',
    ]);
    assert.deepEqual(texts('BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;'), ['BEGIN;', 'CREATE TABLE a (id int);', 'COMMIT;']);
    assert.deepEqual(texts('CREATE TRIGGER x BEGIN\n  UPDATE t SET a = 1;\n  IF a THEN b; END IF;\nEND;\nSELECT 1;'), [
      'CREATE TRIGGER x BEGIN\n  UPDATE t SET a = 1;\n  IF a THEN b; END IF;\nEND;',
      'SELECT 1;',
    ]);
  });

  it('never ends a statement inside a comment or a quoted string; `#` is not a comment', () => {
    assert.deepEqual(texts('SELECT 1 /* ; */ + 2; -- x;\nSELECT \';\', "a;b";'), ['SELECT 1 /* ; */ + 2;', 'SELECT \';\', "a;b";']);
    assert.deepEqual(texts('# not a comment;\nSELECT 1;'), ['# not a comment;', 'SELECT 1;']);
  });

  it('detaches a comment group followed by a blank line', () => {
    const st = splitStatements('-- about a\nCREATE TABLE a();\n-- loose\n\nCREATE TABLE b();');
    assert.deepEqual(
      st.map((s) => s.comments),
      [['-- about a\n'], []],
    );
  });

  it('honours `-- atlas:delimiter` on the first line: delimiter stripped, positions counted from line 2 (as Atlas)', () => {
    const src = '-- atlas:delimiter -- end\nCREATE FUNCTION f() AS $$ x; $$\n-- end\nSELECT 1\n-- end\n';
    const st = splitStatements(src);
    assert.deepEqual(
      st.map((s) => s.text),
      ['CREATE FUNCTION f() AS $$ x; $$', 'SELECT 1'],
    );
    const header = src.indexOf('\n') + 1;
    assert.equal(st[0].pos, 0);
    assert.equal(st[0].start, header);
    assert.equal(st[1].start - st[1].pos, header);
    assert.deepEqual(texts('-- atlas:delimiter \\n\\n\nSELECT 1\n\nSELECT 2'), ['SELECT 1', 'SELECT 2']);
  });

  it('reports Atlas scan errors with line:col', () => {
    const err = (src: string) => {
      try {
        splitStatements(src);
      } catch (e) {
        assert.ok(e instanceof SplitError);
        return e.message;
      }
      return 'no error';
    };
    assert.equal(err("SELECT 1;\nSELECT 'abc;\n"), "2:8: unclosed quote '\\''");
    assert.equal(err('SELECT (1;'), "1:8: unclosed '('");
    assert.equal(err('SELECT 1);'), "1:9: unexpected ')'");
    assert.equal(err('-- atlas:delimiter //'), '1:0: no input found after delimiter "//"');
  });

  it('is bug-compatible on E strings: Atlas tests the quote itself for E, so \\ never escapes', () => {
    // lex.go skipQuote looks at s.input[s.pos-1] after consuming the quote, i.e. the quote, never the E.
    assert.deepEqual(texts("SELECT E'\\\\';\nSELECT 2;"), ["SELECT E'\\\\';", 'SELECT 2;']);
    assert.throws(() => splitStatements("SELECT E'it\\'s';"), /unclosed quote/);
  });

  it('gives the partial hashes of the PostgreSQL vector file', () => {
    const st = splitStatements('CREATE SCHEMA IF NOT EXISTS "bc_test";\nCREATE TABLE "bc_test"."bc_tbl" ("col" INTEGER NULL);');
    assert.deepEqual(partialHashes(st), ['h1:rjGZaABAD8zTyofaaEDbuhFH+Oo1YDWuXrrLnVgacxo=', 'h1:rwdVLdwYwoEGPdH8jUXbxb64U9V88nGmgdhBO86KUNI=']);
  });

  it('reads statement directives as Atlas (`-- atlas:nolint`, `/*atlas:x*/`)', () => {
    const st = splitStatements('-- atlas:nolint DS103 MF101\nALTER TABLE t DROP COLUMN c;\n/*atlas:nolint*/\nDROP TABLE t;');
    assert.deepEqual(st[0].directive('nolint'), ['DS103 MF101']);
    assert.deepEqual(st[1].directive('nolint'), ['']);
  });

  it('splits every .sql file of the corpus migration folders (real files: a split error is a failure)', () => {
    let n = 0;
    for (const d of fs.readdirSync(corpusPath('migrations'))) {
      for (const f of fs.readdirSync(corpusPath('migrations', d)).filter((x) => x.endsWith('.sql'))) {
        const bytes = fs.readFileSync(corpusPath('migrations', d, f));
        let stmts;
        try {
          stmts = splitStatements(bytes);
        } catch (e) {
          assert.fail(`${d}/${f}: ${(e as Error).message}`);
        }
        for (const s of stmts) {
          assert.ok(s.start >= 0 && s.end <= bytes.length && s.start <= s.end, `${d}/${f}: statement at ${s.start}..${s.end}`);
          n++;
        }
      }
    }
    assert.ok(n > 500, `only ${n} statements`);
  });

  it('splits files with many unmatched `BEGIN TRANSACTION` in polynomial time, and gives up clearly past a work budget', () => {
    // Atlas's scanner re-scans the rest of the file for each unmatched BEGIN, recursively (exponential);
    // block scans are memoised by offset here, which gives the same statements.
    const forty = 'BEGIN TRANSACTION;\nSELECT 1;\nCOMMIT;\n'.repeat(40);
    assert.deepEqual(texts(forty).slice(0, 3), ['BEGIN TRANSACTION;', 'SELECT 1;', 'COMMIT;']);
    assert.equal(texts(forty).length, 120);
    assert.throws(
      () => splitStatements('BEGIN TRANSACTION;\nSELECT 1;\nCOMMIT;\n'.repeat(3000)),
      (e: Error) => e instanceof SplitError && /gave up: too many BEGIN blocks without a matching END/.test(e.message),
    );
  });

  it('skips and trims Unicode white space as Go does (NBSP, em space) but not a BOM', () => {
    const st = splitStatements('\u00a0\u2003SELECT 1;\u3000\nSELECT 2;');
    assert.deepEqual(
      st.map((x) => x.text),
      ['SELECT 1;', 'SELECT 2;'],
    );
    assert.equal(st[0].pos, 5, 'NBSP (2 bytes) + EM SPACE (3 bytes)');
    assert.equal(splitStatements('\ufeffSELECT 1;')[0].text, '\ufeffSELECT 1;');
  });
});
