import assert from 'node:assert/strict';
import { OffsetMap, positionAt } from '../../../server/src/sql/offsets';
import { initSqlParser, nodeKind, parseSql } from '../../../server/src/sql/parser';
import { prepareFile } from '../../../server/src/lint/prepare';

describe('sql: libpg-query wrapper and offsets', () => {
  before(() => initSqlParser());

  it('fills the protobuf zero fields: first statement location 0, last length to the end', () => {
    const text = 'SELECT 1; -- café\nCREATE TABLE t (a int)';
    const r = parseSql(text);
    assert.ok(r.ok);
    assert.deepEqual(
      r.stmts.map((s) => [nodeKind(s.node), s.byteStart]),
      [
        ['SelectStmt', 0],
        ['CreateStmt', Buffer.byteLength(text.slice(0, text.indexOf('CREATE')))],
      ],
    );
    const bytes = Buffer.from(text);
    assert.equal(bytes.subarray(r.stmts[1].byteStart, r.stmts[1].byteStart + r.stmts[1].byteLength).toString(), 'CREATE TABLE t (a int)');
  });

  it('returns syntax errors with a UTF-16 index and a byte offset instead of throwing', () => {
    const text = "SELECT 'é😀'; SELEC x";
    const r = parseSql(text);
    assert.ok(!r.ok);
    assert.equal(r.error.message, 'syntax error at or near "SELEC"');
    assert.equal(text.slice(r.error.index, r.error.index + 5), 'SELEC');
    assert.equal(
      Buffer.from(text)
        .subarray(r.error.byte, r.error.byte + 5)
        .toString(),
      'SELEC',
    );
  });

  it('maps bytes and UTF-16 both ways across multi-byte characters', () => {
    const m = new OffsetMap('a€😀b');
    assert.equal(m.byteLength, 1 + 3 + 4 + 1);
    assert.deepEqual(
      [0, 1, 2, 4, 5].map((i) => m.toByte(i)),
      [0, 1, 4, 8, 9],
    );
    assert.deepEqual(
      [0, 1, 4, 8, 9, 2].map((b) => m.toUtf16(b)),
      [0, 1, 2, 4, 5, 1],
    );
    assert.deepEqual(positionAt('ab\ncd', 4), { line: 1, character: 1 });
  });

  it('prepares files with bad content without crashing', () => {
    const bin = prepareFile('1.sql', new Uint8Array([0x43, 0x00, 0x01]));
    assert.match(bin.problems[0].message, /binary content/);
    const utf = prepareFile('2.sql', new Uint8Array([0x2d, 0x2d, 0x20, 0xff, 0xfe, 0x0a]));
    assert.match(utf.problems[0].message, /invalid UTF-8/);
    const quote = prepareFile('3.sql', "SELECT 'abc;");
    assert.equal(quote.problems[0].kind, 'split');
    const syntax = prepareFile('4.sql', 'CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN;\n');
    assert.equal(syntax.problems[0].kind, 'syntax');
    assert.equal(syntax.text.slice(syntax.problems[0].index, syntax.problems[0].index + 1), ';');
    assert.equal(syntax.stmts.filter((s) => s.node).length, 1, 'the valid statement is still analysed');
  });

  it('keeps Atlas positions for statements after a delimiter line', () => {
    const f = prepareFile('5.sql', '-- atlas:delimiter \\n\\n\n\nCREATE TABLE a (id int)\n\nDROP TABLE a\n');
    assert.equal(f.stmts.length, 2);
    assert.equal(f.text.slice(f.stmts[1].index, f.stmts[1].index + 12), 'DROP TABLE a');
  });
});
