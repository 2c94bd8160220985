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
    model.diskChanged(); // the watched-file event of that write
    assert.deepEqual(codes(model.lintDocument(dir, '030.sql')!.result, /^DS/), []);
  });

  it('stats the files on disk once per recheck window, and at once after a watched-file event', () => {
    const model = new LintModel((p) => docs.get(p), undefined, 60_000);
    const target = path.join(dir, '030.sql');
    docs.set(target, 'DROP TABLE t10;\n');
    assert.deepEqual(codes(model.lintDocument(dir, '030.sql')!.result, /^DS/), ['DS102']);
    fs.writeFileSync(path.join(dir, '015.sql'), 'DROP TABLE t10;\n');
    fs.utimesSync(path.join(dir, '015.sql'), new Date(), new Date(Date.now() + 5000));
    const inWindow = model.lintDocument(dir, '030.sql')!;
    assert.equal(inWindow.reprepared, 0, 'a keystroke inside the window stats and re-reads no earlier file');
    assert.deepEqual(codes(inWindow.result, /^DS/), ['DS102'], 'the disk write is not seen before its event');
    model.diskChanged();
    const after = model.lintDocument(dir, '030.sql')!;
    assert.equal(after.reprepared, 1, 'after the event, exactly the written file is re-prepared');
    assert.deepEqual(codes(after.result, /^DS/), [], 't10 was dropped by 015.sql');
    // with no window (0 ms) every call stats: the next disk write is seen without an event
    const eager = new LintModel((p) => docs.get(p), undefined, 0);
    eager.lintDocument(dir, '030.sql');
    fs.writeFileSync(path.join(dir, '015.sql'), 'CREATE TABLE t15 (id int);\n');
    fs.utimesSync(path.join(dir, '015.sql'), new Date(), new Date(Date.now() + 10000));
    assert.deepEqual(codes(eager.lintDocument(dir, '030.sql')!.result, /^DS/), ['DS102']);
  });

  it('lints an unsaved new file that is not on disk yet', () => {
    const model = new LintModel((p) => docs.get(p));
    docs.set(path.join(dir, '031.sql'), 'ALTER TABLE t3 DROP COLUMN id;\n');
    assert.deepEqual(codes(model.lintDocument(dir, '031.sql')!.result, /^DS/), ['DS103']);
  });
});
