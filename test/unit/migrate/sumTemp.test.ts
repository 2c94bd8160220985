// A `migrate hash` killed between writing its temp file and renaming it leaves `.atlas.sum.<pid>.<rand>.tmp`
// behind; the next write removes such files of ours (pattern + dead pid) and nothing counts them as migrations.
// The window is made observable with the ATLAS_WB_TEST_HOLD_BEFORE_RENAME hook: the writer announces it is holding
// on stderr and blocks reading a FIFO; the test waits for that line and SIGKILLs the real process.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanTemp, cli, folderWith, tempDir } from './helpers';
import { repoRoot } from '../../support/corpus';
import { openDirPath } from '../../../server/src/migrate/dir';
import { ourTempFile, removeStaleTemps } from '../../../server/src/migrate/sum';
import { readFolder } from '../../../server/src/lsp/workbenchFeature';
import { run as lint } from '../../../server/src/cli/migrateLint';
import { memoryIO } from '../../../server/src/cli/io';

const FILES = { '1_init.sql': 'CREATE TABLE a (id int);\n', '2_more.sql': 'CREATE TABLE b (id int);\n' };
const temps = (dir: string) => fs.readdirSync(dir).filter((n) => ourTempFile(n));

/** Runs `migrate hash` as a real process, holds it between temp write and rename, and SIGKILLs it there. */
async function killMidWrite(dir: string): Promise<void> {
  const fifo = path.join(tempDir('atlas-wb-fifo-'), 'hold');
  execFileSync('mkfifo', [fifo]);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/src/cli/main.ts'), 'migrate', 'hash', '--dir', `file://${dir}`], {
    cwd: repoRoot,
    env: { ...process.env, ATLAS_WB_TEST_HOLD_BEFORE_RENAME: fifo },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('holding')) resolve();
    });
    child.on('close', () => reject(new Error(`migrate hash ended before holding: ${err}`)));
  });
  child.kill('SIGKILL');
  assert.equal(await closed, 'SIGKILL');
}

describe('migrate hash: temp files left by a killed writer', function () {
  this.timeout(60_000);
  after(cleanTemp);

  it('a real process killed mid-write leaves a temp file; the next migrate hash removes it and writes a correct atlas.sum', async () => {
    const dir = folderWith(FILES);
    await killMidWrite(dir);
    const left = temps(dir);
    assert.equal(left.length, 1, 'the kill happened in the window: the temp file is there');
    assert.match(left[0], /^\.atlas\.sum\.\d+\.[0-9a-z]+\.tmp$/);
    assert.ok(!fs.existsSync(path.join(dir, 'atlas.sum')), 'the rename never happened');
    // never counted as a migration file: folder listing, the sidebar's listing, lint
    assert.deepEqual(
      openDirPath(dir)
        .names()
        .map((n) => n.name),
      ['1_init.sql', '2_more.sql'],
    );
    assert.deepEqual(
      readFolder(dir).map((f) => f.name),
      ['1_init.sql', '2_more.sql'],
    );
    const io = memoryIO(dir);
    await lint(['--dir', 'file://.', '--latest', '5', '--static', '--format', '{{ json . }}'], io);
    assert.deepEqual(
      JSON.parse(io.stdout).Files.map((f: { Name: string }) => f.Name),
      ['1_init.sql', '2_more.sql'],
    );

    const r = await cli(dir, 'migrate', 'hash', '--dir', 'file://.');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(temps(dir), []);
    assert.equal(fs.readFileSync(path.join(dir, 'atlas.sum'), 'utf8'), openDirPath(dir).checksum().marshal());
    assert.equal((await cli(dir, 'migrate', 'validate', '--dir', 'file://.')).code, 0);
  });

  it('removes only temp files of ours whose writer is gone', () => {
    const dir = folderWith(FILES);
    const mine = `.atlas.sum.${process.pid}.abc123.tmp`; // this process: a write in progress
    const liveOther = '.atlas.sum.4242.zz9.tmp';
    const dead = ['.atlas.sum.999999.k3j.tmp', '.1_init.sql.999998.q1.tmp'];
    const foreign = ['.atlas.sum.swp', 'notes.tmp', '.atlas.sum.12.ABC.tmp', 'atlas.sum.999999.k3j.tmp'];
    for (const n of [mine, liveOther, ...dead, ...foreign]) fs.writeFileSync(path.join(dir, n), 'x');
    const removed = removeStaleTemps(dir, (pid) => pid === 4242);
    assert.deepEqual(removed.sort(), [...dead].sort());
    for (const n of [mine, liveOther, ...foreign]) assert.ok(fs.existsSync(path.join(dir, n)), `${n} is kept`);
    assert.deepEqual(ourTempFile('.atlas.sum.123.k9.tmp'), { target: 'atlas.sum', pid: 123 });
    assert.equal(ourTempFile('.atlas.sum.swp'), undefined);
  });
});
