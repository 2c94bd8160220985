// `migrate hash` through the engine API: writes atlas.sum (the engine's entries) and warns on stderr, naming the
// file, for a file that is not SQL text; it is still hashed (as Atlas hashes raw bytes).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryIO } from '../../../server/src/cli/io';
import { runCli } from '../../../server/src/cli/main';
import { hash } from '../../../server/src/engine';
import { openDirPath } from '../../../server/src/migrate/dir';

describe('cli: migrate hash over the engine API', () => {
  it('warns for a non-text file, hashes it, and writes the entries the engine returns', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-hash-'));
    fs.writeFileSync(path.join(dir, '1_a.sql'), 'CREATE TABLE a (id int);\n');
    fs.writeFileSync(path.join(dir, '2_b.sql'), Buffer.from([0x43, 0x52, 0xff, 0xfe, 0x0a]));
    const io = memoryIO(dir);
    assert.equal(await runCli(['migrate', 'hash', '--dir', 'file://.'], io), 0, io.stderr);
    assert.equal(io.stdout, '');
    assert.match(io.stderr, /^Warning: 2_b\.sql: .*; it is hashed as raw bytes but is not a SQL text file\n$/);
    const written = fs.readFileSync(path.join(dir, 'atlas.sum'), 'utf8');
    assert.match(written, /\n1_a\.sql h1:.*\n2_b\.sql h1:/);
    const again = hash(openDirPath(dir));
    assert.deepEqual(
      again.nonText.map((f) => f.name),
      ['2_b.sql'],
    );
    assert.equal(fs.readFileSync(path.join(dir, 'atlas.sum'), 'utf8'), written, 'hashing twice writes the same atlas.sum');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
