// Which edits start the embedded dev database ahead of use: desired-state files of a workspace with an atlas.hcl,
// not migration files, not atlas.hcl itself, not when every dev database is a real server (files on disk).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { wantsEmbeddedDev } from '../../../server/src/lsp/devWarm';

describe('lsp: pre-warming the embedded dev database', () => {
  let root: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-warm-'));
    write('atlas.hcl', 'env "local" {\n  src = "file://schema.sql"\n  dev = "docker://postgres/15/dev"\n  migration { dir = "file://migrations" }\n}\n');
    write('schema.sql', 'CREATE TABLE t (id int);\n');
    write('schema/users.hcl', 'table "users" {}\n');
    write('migrations/20240101000000_a.sql', 'CREATE TABLE t (id int);\n');
    write('migrations/atlas.sum', 'h1:x\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const wants = (rel: string, setting = '') => wantsEmbeddedDev(path.join(root, rel), [root], setting);

  it('starts for a desired-state .sql or .hcl file of a project with an embedded dev database', () => {
    assert.equal(wants('schema.sql'), true);
    assert.equal(wants('schema/users.hcl'), true);
  });

  it('does not start for migration files, atlas.hcl, other files or files outside the workspace', () => {
    assert.equal(wants('migrations/20240101000000_a.sql'), false);
    assert.equal(wants('atlas.hcl'), false);
    assert.equal(wants('README.md'), false);
    assert.equal(wantsEmbeddedDev(path.join(os.tmpdir(), 'elsewhere.sql'), [root], ''), false);
  });

  it('does not start when no env uses the embedded server, or the workspace has no atlas.hcl', () => {
    write('atlas.hcl', 'env "local" {\n  src = "file://schema.sql"\n}\n');
    assert.equal(wants('schema.sql'), true, 'no dev URL: the embedded server');
    assert.equal(wants('schema.sql', 'postgres://dev@localhost:5432/dev'), false, 'no dev URL: the setting names a real server');
    write('atlas.hcl', 'env "local" {\n  dev = "pglite://memory"\n}\n');
    assert.equal(wants('schema.sql'), false, 'pglite:// is a process of its own');
    write('atlas.hcl', 'env "local" {\n  dev = "postgres://localhost:5432/dev"\n}\nenv "ci" {\n  dev = "postgresql://ci/dev"\n}\n');
    assert.equal(wants('schema.sql'), false);
    write('atlas.hcl', 'env "local" {\n  dev = "postgres://localhost:5432/dev"\n}\nenv "ci" {\n  dev = "docker://postgres/16/dev"\n}\n');
    assert.equal(wants('schema.sql'), true);
    fs.rmSync(path.join(root, 'atlas.hcl'));
    assert.equal(wants('schema.sql'), false);
  });
});
