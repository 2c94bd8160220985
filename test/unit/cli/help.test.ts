// Every help form of every command and group prints usage on stdout and exits 0 (in process, and once through the
// built `dist/cli.js` as a real process); unknown commands are errors with the usage of the nearest group.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import { memoryIO } from '../../../server/src/cli/io';
import { allCommands as commands } from '../../../server/src/cli/allCommands';
import { groupVerbs } from '../../../server/src/cli/help';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIO(os.tmpdir(), {});
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const keys = Object.keys(commands);
const groups = [...new Set(keys.filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]))];

describe('cli: help for every command and group', () => {
  it('the command table has the groups the issue names', () => {
    assert.deepEqual(groups.sort(), ['devdb', 'migrate', 'schema']);
  });

  for (const form of [['--help'], ['-h'], ['help'], []]) {
    it(`root: atlas-wb ${form.join(' ')} lists every top-level command, exit 0`, async () => {
      const r = await cli(...form);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      for (const top of new Set(keys.map((k) => k.split(' ')[0]))) assert.match(r.stdout, new RegExp(`^  ${top} `, 'm'));
    });
  }

  for (const g of ['migrate', 'schema', 'devdb']) {
    for (const form of [[g, '--help'], [g, '-h'], [g, 'help'], [g], ['help', g]]) {
      it(`group: atlas-wb ${form.join(' ')} lists its commands, exit 0`, async () => {
        const r = await cli(...form);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stderr, '');
        assert.match(r.stdout, new RegExp(`Usage:\\n  atlas-wb ${g} <command>`));
        const verbs = groupVerbs(g);
        assert.ok(verbs.length > 0);
        for (const v of verbs) assert.match(r.stdout, new RegExp(`^  ${v} `, 'm'));
      });
    }
  }

  for (const key of keys) {
    const words = key.split(' ');
    for (const form of [
      [...words, '--help'],
      [...words, '-h'],
      ['help', ...words],
      [...words, '--env', 'x', '--help'],
    ]) {
      it(`command: atlas-wb ${form.join(' ')} prints its usage, exit 0`, async () => {
        const r = await cli(...form);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stderr, '');
        const usage = (await commands[key]()).usage;
        assert.ok(r.stdout.includes(`Usage:\n  ${usage}\n`), r.stdout);
      });
    }
  }

  it('unknown commands exit 1 with "unknown command" and the usage of the group they were looked up in', async () => {
    const inGroup = await cli('migrate', 'frobnicate', '--help');
    assert.equal(inGroup.code, 1);
    assert.match(inGroup.stderr, /^Error: unknown command "migrate frobnicate"\n/);
    assert.match(inGroup.stderr, /atlas-wb migrate <command>/);
    const top = await cli('frobnicate');
    assert.equal(top.code, 1);
    assert.match(top.stderr, /^Error: unknown command "frobnicate"\n/);
    const topic = await cli('help', 'migrate', 'frobnicate');
    assert.equal(topic.code, 1);
  });

  it('--help after -- is an argument, not a help request', async () => {
    const r = await cli('migrate', 'hash', '--dir', `file://${os.tmpdir()}/atlas-wb-help-missing-${process.pid}`, '--', '--help');
    assert.equal(r.stdout, '');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^Error: /);
  });

  it('the built CLI (a real process) exits 0 for atlas-wb migrate --help and schema -h', () => {
    const bin = path.join(__dirname, '../../../dist/cli.js');
    for (const argv of [['migrate', '--help'], ['schema', '-h'], ['migrate', 'apply', '--help'], ['--help']]) {
      const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${argv.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /Usage:/);
    }
  });
});
