// The editor's lint model caches the state of the earlier files: a keystroke re-prepares only the edited file,
// and a change to an earlier file (open document or disk) is picked up for the files after it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LintModel } from '../../../server/src/lsp/lintModel';
import { codes, ready } from './helpers';

describe('lsp: lint model cache', () => {
  before(ready);
  let dir: string;
  const docs = new Map<string, string>();
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lint-model-'));
    for (let i = 1; i <= 30; i++) fs.writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}.sql`), `CREATE TABLE t${i} (id int);\n`);
    docs.clear();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('re-prepares only the edited file once the folder state is cached', () => {
    const model = new LintModel((p) => docs.get(p));
    const target = path.join(dir, '030.sql');
    docs.set(target, 'DROP TABLE t1;\n');
    const first = model.lintDocument(dir, '030.sql')!;
    assert.equal(first.reprepared, 29, 'cold: every earlier file prepared once');
    assert.deepEqual(codes(first.result, /^DS/), ['DS102']);
    for (let i = 2; i <= 5; i++) {
      docs.set(target, `DROP TABLE t${i};\n`);
      const r = model.lintDocument(dir, '030.sql')!;
      assert.equal(r.reprepared, 0, 'warm: no earlier file re-prepared');
      assert.equal(r.result.findings[0].text, `Dropping table "t${i}"`);
    }
  });

  it('sees an edit of an earlier file (open document, then disk) in the state of later files', () => {
    const model = new LintModel((p) => docs.get(p));
    docs.set(path.join(dir, '030.sql'), 'DROP TABLE t10;\n');
    assert.deepEqual(codes(model.lintDocument(dir, '030.sql')!.result, /^DS/), ['DS102']);
    docs.set(path.join(dir, '020.sql'), 'CREATE TABLE t20 (id int);\nDROP TABLE t10;\n');
    const r = model.lintDocument(dir, '030.sql')!;
    assert.equal(r.reprepared, 1);
    assert.deepEqual(codes(r.result, /^DS/), [], 't10 no longer exists');
    docs.delete(path.join(dir, '020.sql'));
    fs.writeFileSync(path.join(dir, '015.sql'), 'DROP TABLE t10;\n');
    fs.utimesSync(path.join(dir, '015.sql'), new Date(), new Date(Date.now() + 5000));
    assert.deepEqual(codes(model.lintDocument(dir, '030.sql')!.result, /^DS/), []);
  });

  it('lints an unsaved new file that is not on disk yet', () => {
    const model = new LintModel((p) => docs.get(p));
    docs.set(path.join(dir, '031.sql'), 'ALTER TABLE t3 DROP COLUMN id;\n');
    assert.deepEqual(codes(model.lintDocument(dir, '031.sql')!.result, /^DS/), ['DS103']);
  });
});
