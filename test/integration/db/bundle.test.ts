// The esbuild bundle (dist/cli.js) loads PGlite, its WASM and the extension tarballs from dist/:
// a pglite:// target with pgvector and pg_trgm migrated through the bundled CLI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../support/corpus';
import { migrationDir } from '../apply/support';

describe('bundled CLI with the embedded database', function () {
  this.timeout(180_000);
  const cli = path.join(repoRoot, 'dist/cli.js');

  it('applies a folder using vector and pg_trgm to a pglite:// database from dist/', function () {
    assert.ok(fs.existsSync(cli), `${cli} is missing: run \`npm run build\` first (scripts/test.mjs builds it)`);
    const data = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-bundle-')), 'db');
    const dir = migrationDir({
      '1_ext.sql': 'CREATE EXTENSION IF NOT EXISTS vector;\nCREATE EXTENSION IF NOT EXISTS pg_trgm;\n',
      '2_items.sql':
        "CREATE TABLE items (id int PRIMARY KEY, name text, emb vector(3));\nCREATE INDEX items_name_trgm ON items USING gin (name gin_trgm_ops);\nINSERT INTO items VALUES (1, 'atlas', '[1,2,3]');\n",
    });
    const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: os.tmpdir() });
    const r = run(['migrate', 'apply', '--url', `pglite://${data}`, '--dir', `file://${dir}`]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /-- 2 migrations\n {2}-- 5 sql statements\n$/);
    const st = run(['migrate', 'status', '--url', `pglite://${data}`, '--dir', `file://${dir}`, '--format', '{{ json . }}']);
    assert.equal(JSON.parse(st.stdout).Status, 'OK');
  });
});
