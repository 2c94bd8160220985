// An atlas.sum merge conflict through a real language server (in-process, over streams): the conflict diagnostics
// and the `atlas/sumConflict` notification when the conflicted atlas.sum lands on disk, then `atlas/planRebase` /
// `atlas/applyRebase` rename the other branch's file, re-hash, and the diagnostics clear.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { startLspSession, type LspSession } from '../../support/lspSession';
import { URI } from '../../../server/src/lsp/uri';
import { openDirPath } from '../../../server/src/migrate/dir';
import { checkDir } from '../../../server/src/migrate/validate';
import type { ApplyRebaseResult, PlanRebaseResult, SumConflictParams } from '../../../server/src/protocol';
import { cleanTemp, tempDir } from './helpers';

const fixtures = path.resolve(__dirname, '../../fixtures/migrate/sum-conflict');
const conflictDiags = (d: Diagnostic[]) => d.filter((x) => x.source === 'atlas.sum' && (x.data as { reason?: string })?.reason === 'conflict');

describe('lsp/sum conflict and rebase (real server)', function () {
  this.timeout(60000);
  let root: string, dir: string, client: LspSession;
  const notified: SumConflictParams[] = [];
  let onNotified: (() => void) | undefined;

  before(async () => {
    root = tempDir();
    fs.writeFileSync(path.join(root, 'atlas.hcl'), 'env "local" {\n  migration {\n    dir = "file://migrations"\n  }\n}\n');
    dir = path.join(root, 'migrations');
    fs.mkdirSync(dir);
    for (const n of ['20240101000000_a.sql', '20240102000000_b.sql', '20240103000000_c.sql']) fs.copyFileSync(path.join(fixtures, n), path.join(dir, n));
    openDirPath(dir).writeSum();
    client = await startLspSession(root);
    client.rpc.onNotification('atlas/sumConflict', (p: SumConflictParams) => {
      notified.push(p);
      onNotified?.();
    });
  });
  after(() => {
    client?.close();
    cleanTemp();
  });

  it('flags the markers and notifies once when a conflicted atlas.sum is written', async () => {
    const sumUri = URI.fromPath(path.join(dir, 'atlas.sum'));
    const gotNotice = new Promise<void>((r) => (onNotified = r));
    fs.copyFileSync(path.join(fixtures, 'atlas.sum.conflict'), path.join(dir, 'atlas.sum'));
    client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: sumUri, type: 2 }] });
    const d = await client.waitFor(sumUri, (x) => conflictDiags(x).length === 3);
    assert.deepEqual(
      conflictDiags(d).map((x) => x.range.start.line),
      [0, 4, 8],
    );
    await gotNotice;
    assert.deepEqual(notified, [{ dir, sumPath: path.join(dir, 'atlas.sum') }]);
  });

  it('plans and applies the rebase through the typed requests; the conflict diagnostics clear', async () => {
    const planned = (await client.rpc.sendRequest('atlas/planRebase', { dir })) as PlanRebaseResult;
    assert.equal(planned.error, undefined);
    assert.deepEqual(planned.plan?.conflict?.suggested, ['20240102000000_b.sql']);
    assert.deepEqual(planned.files, ['20240101000000_a.sql', '20240102000000_b.sql', '20240103000000_c.sql']);
    const [r] = planned.plan!.renames;
    assert.equal(r.from, '20240102000000_b.sql');
    assert.match(r.to, /^\d{14}_b\.sql$/);
    const applied = (await client.rpc.sendRequest('atlas/applyRebase', { plan: planned.plan })) as ApplyRebaseResult;
    assert.deepEqual(applied, { renamed: [r] });
    assert.ok(fs.existsSync(path.join(dir, r.to)));
    assert.equal(checkDir(openDirPath(dir)), undefined);
    await client.waitFor(URI.fromPath(path.join(dir, 'atlas.sum')), (x) => conflictDiags(x).length === 0);
    const missing = (await client.rpc.sendRequest('atlas/planRebase', { dir, versions: ['1999'] })) as PlanRebaseResult;
    assert.deepEqual(missing.error, { kind: 'notFound', message: 'sql/migrate: migration with version "1999" not found' });
  });
});
