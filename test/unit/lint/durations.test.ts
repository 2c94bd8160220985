// Per-file durations in the `migrate lint` text report are measured file by file (not the total divided by the
// file count): a folder with one heavy file and light ones gives different, non-zero times that sum to at most
// the total. No timing thresholds: only that each file has its own measurement.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryIO } from '../../../server/src/cli/io';
import { run } from '../../../server/src/cli/migrateLint';

/** Go duration text (as goDuration prints it) → milliseconds. */
export function parseGoDuration(s: string): number {
  const units: Record<string, number> = { ns: 1e-6, µs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(ns|µs|ms|s|m|h)/g;
  let m: RegExpExecArray | null;
  let seen = '';
  while ((m = re.exec(s))) {
    ms += Number(m[1]) * units[m[2]];
    seen += m[0];
  }
  assert.equal(seen, s, `not a Go duration: ${s}`);
  return ms;
}

/** Per-file `-- ok (…)` durations and the `-- <total>` line of a text report. */
export function reportDurations(out: string): { files: Array<[string, number]>; total: number } {
  const files: Array<[string, number]> = [];
  let version = '';
  for (const line of out.split('\n')) {
    const v = /^ {2}-- analyzing version (\S+)$/.exec(line);
    if (v) version = v[1];
    const ok = /^ {2}-- ok \((.+)\)$/.exec(line);
    if (ok) files.push([version, parseGoDuration(ok[1])]);
  }
  const total = /\n {2}-------------------------\n {2}-- (\S+)\n/.exec(out);
  assert.ok(total, out);
  return { files, total: parseGoDuration(total[1]) };
}

describe('lint: per-file durations are measured per file', () => {
  it('a heavy file and two light ones: durations differ, each > 0, their sum ≤ the total', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aw-lint-dur-'));
    const heavy = Array.from({ length: 1500 }, (_, i) => `CREATE TABLE t${i} (id int PRIMARY KEY, name text NOT NULL, n int CHECK (n > 0));\n`).join('');
    const files: Record<string, string> = {
      '1_base.sql': 'CREATE TABLE users (id int);\n',
      '2_light.sql': 'ALTER TABLE users ADD COLUMN a int;\n',
      '3_heavy.sql': heavy,
      '4_light.sql': 'ALTER TABLE users ADD COLUMN b int;\n',
    };
    for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
    try {
      const io = memoryIO(dir);
      await run(['--dir', 'file://.', '--latest', '3', '--static'], io);
      const { files: per, total } = reportDurations(io.stdout);
      assert.deepEqual(
        per.map(([v]) => v),
        ['2', '3', '4'],
      );
      for (const [v, ms] of per) assert.ok(ms > 0, `version ${v} has a measured duration`);
      assert.ok(new Set(per.map(([, ms]) => ms)).size > 1, `durations are not one value shared by all files: ${io.stdout}`);
      const sum = per.reduce((a, [, ms]) => a + ms, 0);
      assert.ok(sum <= total, `sum of per-file durations ${sum} ms ≤ total ${total} ms`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
