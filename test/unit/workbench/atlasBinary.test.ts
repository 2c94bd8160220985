// The `atlas` binary engine's mapping of Atlas's JSON reports onto the engine's result types
// (server/src/engine/atlasBinary.ts), on Atlas-shaped reports (test/fixtures/atlasBinary/README.md says where the
// shapes come from), and what happens when the configured executable cannot be run (a real spawn).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  atlasErrorKind,
  atlasFailure,
  atlasStatus,
  lintFromAtlas,
  lintSummaryText,
  statusFromAtlas,
  unsupported,
} from '../../../server/src/engine/atlasBinary';
import { EngineError } from '../../../server/src/engine/errors';
import { mergeStatus } from '../../../server/src/lsp/workbenchStatus';

const fixture = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/atlasBinary', name), 'utf8'));
const file = (name: string) => ({
  name,
  path: `/m/${name}`,
  content: name.includes('users') ? 'CREATE TABLE u (id int);\nALTER TABLE missing ADD COLUMN x int;\n' : 'SELECT 1;\n',
});

describe('atlas binary engine: Atlas JSON → engine results', () => {
  it('migrate status: applied, partial (failing statement) and pending files, as the built-in engine reports them', () => {
    const s = statusFromAtlas(fixture('status-partial.json'));
    assert.equal(s.Status, 'PENDING');
    const merged = mergeStatus([file('20240101000000_init.sql'), file('20240102000000_users.sql'), file('20240103000000_posts.sql')], s);
    assert.deepEqual(
      merged.map((f) => [f.name, f.state, f.applied, f.total]),
      [
        ['20240101000000_init.sql', 'applied', 1, 1],
        ['20240102000000_users.sql', 'partial', 1, 2],
        ['20240103000000_posts.sql', 'pending', undefined, undefined],
      ],
    );
    assert.equal(merged[1].errorStmt, 'ALTER TABLE missing ADD COLUMN x int;');
    assert.equal(merged[1].errorLine, 1);
    assert.equal(statusFromAtlas(fixture('status-ok.json')).Status, 'OK');
    assert.throws(
      () => statusFromAtlas([]),
      (e: unknown) => e instanceof EngineError && /not an object/.test(e.message),
    );
  });

  it('migrate lint: the summary as data, failed when a file has an error, findings as text', () => {
    const bad = lintFromAtlas(fixture('lint-findings.json'), 1);
    assert.equal(bad.failed, true);
    assert.deepEqual(
      bad.summary.Files.map((f) => f.Name),
      ['20240102000000_drop.sql'],
    );
    assert.equal(
      lintSummaryText(bad.summary),
      '20240102000000_drop.sql:\n  destructive changes detected:\n    - Dropping table "pets" (DS102)\n  Error: destructive changes detected\n',
    );
    const ok = lintFromAtlas(fixture('lint-clean.json'), 0);
    assert.equal(ok.failed, false);
    assert.equal(ok.summary.Steps.length, 4);
    // Steps and Files are omitempty in Atlas's SummaryReport.
    assert.deepEqual(lintFromAtlas({ Env: { Driver: 'postgres' } }, 0), { summary: { Steps: [], Files: [] }, failed: false });
    assert.throws(() => lintFromAtlas({ Files: 'x' }, 0), /not a SummaryReport/);
  });

  it("error kinds from Atlas's messages; the text before `Error:` is the preamble", () => {
    assert.equal(atlasErrorKind('pq: password authentication failed for user "app"'), 'authFailed');
    assert.equal(atlasErrorKind('dial tcp 127.0.0.1:5432: connect: connection refused'), 'connectionRefused');
    assert.equal(atlasErrorKind('checksum mismatch'), 'checksumMismatch');
    assert.equal(atlasErrorKind('something else'), 'other');
    const e = atlasFailure(
      {
        code: 1,
        stdout:
          "You have a checksum error in your migration directory.\n\nPlease check your migration files and run 'atlas migrate hash' to re-hash the contents\n\n",
        stderr: 'Error: checksum mismatch\n',
      },
      'migrate validate',
    );
    assert.equal(e.kind, 'checksumMismatch');
    assert.equal(e.message, 'checksum mismatch');
    assert.match(e.detail.preamble ?? '', /^You have a checksum error/);
    assert.equal(unsupported('atlas migrate apply').kind, 'unsupported');
    assert.match(unsupported('atlas migrate apply').message, /^atlas migrate apply is not available with the atlas binary engine/);
  });

  it('an executable that cannot be run is a notFound failure naming it and the setting', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-atlas-binary');
    await assert.rejects(
      atlasStatus({ path: missing, cwd: os.tmpdir(), environ: {} }, 'local'),
      (e: unknown) => e instanceof EngineError && e.kind === 'notFound' && e.message.includes(missing) && e.message.includes('atlasWorkbench.atlasPath'),
    );
  });
});
