// tx-mode none keeps a file's own transaction blocks intact: which statements open or close one.
import assert from 'node:assert/strict';
import { txControl } from '../../../server/src/migrate/executor';

describe("txControl (a file's own transaction statements)", () => {
  it('classifies opening, closing and neutral transaction statements', () => {
    const cases: Array<[string, ReturnType<typeof txControl>]> = [
      ['BEGIN;', 'begin'],
      ['begin transaction isolation level serializable;', 'begin'],
      ['START TRANSACTION;', 'begin'],
      ['COMMIT;', 'end'],
      ['END;', 'end'],
      ['ROLLBACK;', 'end'],
      ['abort;', 'end'],
      ["PREPARE TRANSACTION 'x';", 'end'],
      ['COMMIT AND CHAIN;', 'begin'],
      ['COMMIT AND NO CHAIN;', 'end'],
      ['SAVEPOINT a;', 'other'],
      ['RELEASE SAVEPOINT a;', 'other'],
      ['ROLLBACK TO SAVEPOINT a;', 'other'],
      ['ROLLBACK WORK TO a;', 'other'],
      ["COMMIT PREPARED 'x';", 'other'],
      ["ROLLBACK PREPARED 'x';", 'other'],
      ['CREATE TABLE begin_log (x int);', undefined],
      ['INSERT INTO t VALUES (1);', undefined],
      ['DO $$BEGIN PERFORM 1; END$$;', undefined],
      ['CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;', undefined],
      ['BEGINNING;', undefined],
    ];
    assert.deepEqual(
      cases.map(([t]) => [t, txControl(t)]),
      cases,
    );
  });
});
