// File and statement directives exactly as Atlas reads them (header block, blank-line rule, CRLF quirk, txmode errors).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { corpusEntries } from '../../support/corpus';
import { addFileDirective, directive, fileComments, fileDirective, fileDirectives, txmodeFor } from '../../../server/src/migrate/directives';

describe('migrate/directives', () => {
  it('matches the directive regex on the first line only, any printable prefix', () => {
    assert.equal(directive('-- atlas:sum ignore\nSELECT 1;', 'sum'), 'ignore');
    assert.equal(directive('#atlas:sum ignore', 'sum'), 'ignore');
    assert.equal(directive('SELECT 1;\n-- atlas:sum ignore', 'sum'), undefined);
    assert.equal(directive('-- atlas:delimiter //', 'delimiter', '-- '), '//');
    assert.equal(directive('--atlas:delimiter //', 'delimiter', '-- '), undefined);
    assert.equal(directive('-- atlas:nolint', 'nolint'), '');
  });

  it('takes file directives from a header block followed by a blank line or EOF', () => {
    const text = '-- atlas:txmode none\n-- atlas:nolint DS103\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n';
    assert.deepEqual(fileDirective(text, 'txmode'), ['none']);
    assert.deepEqual(fileDirectives(text).nolint, ['DS103']);
    assert.deepEqual(fileDirective('-- atlas:txmode none\nCREATE INDEX i ON t (a);\n', 'txmode'), [], 'no blank line: the comment belongs to the statement');
    assert.deepEqual(fileDirective('-- atlas:txmode none\n  \t\nSELECT 1;', 'txmode'), ['none'], 'blank line may hold spaces/tabs');
    assert.deepEqual(fileDirective('-- atlas:checkpoint v1\n', 'checkpoint'), ['v1']);
    assert.deepEqual(fileComments('-- only a comment, no newline'), [], 'Atlas quirk: a comment-only file without final newline has no header');
  });

  it('does not see header directives in CRLF files (the blank line is \\r\\n)', () => {
    assert.deepEqual(fileDirective('-- atlas:txmode none\r\n\r\nSELECT 1;\r\n', 'txmode'), []);
  });

  it('gives txmode with Atlas error texts', () => {
    const h = (v: string) => `-- atlas:txmode ${v}\n\nSELECT 1;`;
    assert.equal(txmodeFor('1.sql', h('none')), 'none');
    assert.equal(txmodeFor('1.sql', 'SELECT 1;'), '');
    assert.throws(() => txmodeFor('1.sql', h('all')), { message: 'txmode "all" is not allowed in file directive "1.sql". Use "file" instead' });
    assert.throws(() => txmodeFor('1.sql', h('nope')), { message: 'unknown txmode "nope" found in file directive "1.sql"' });
    assert.throws(() => txmodeFor('1.sql', '-- atlas:txmode none\n-- atlas:txmode file\n\nSELECT 1;'), {
      message: 'multiple txmode values found in file "1.sql": ["none" "file"]',
    });
  });

  it('adds a directive as LocalFile.AddDirective (extra blank line only when there was no header)', () => {
    assert.equal(addFileDirective('SELECT 1;\n', 'checkpoint', 'v2'), '-- atlas:checkpoint v2\n\nSELECT 1;\n');
    assert.equal(addFileDirective('-- atlas:txmode none\n\nSELECT 1;\n', 'checkpoint'), '-- atlas:checkpoint\n-- atlas:txmode none\n\nSELECT 1;\n');
  });

  it('reads the directives used in the corpus folders', () => {
    const seen = new Set<string>();
    for (const d of corpusEntries('migrations')) {
      for (const f of fs.readdirSync(d).filter((n) => n.endsWith('.sql'))) {
        for (const x of fileDirectives(fs.readFileSync(`${d}/${f}`, 'utf8')).all) seen.add(x.name);
      }
    }
    assert.ok(seen.size >= 2, `directives seen: ${[...seen].join(', ')}`);
  });
});
