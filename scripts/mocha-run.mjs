// Runs mocha on the given globs in this process (loaded with `--import tsx`) and writes its stats.
import Mocha from 'mocha';
import fs from 'node:fs';
import path from 'node:path';

// Minimal glob: `**` any folders, `*` any name part. Enough for test/<layer>/**/*.test.ts.
function globSync(pattern) {
  const base =
    pattern
      .split('/')
      .filter((p, i, a) => !/[*?]/.test(a.slice(0, i + 1).join('/')))
      .join('/') || '.';
  const re = new RegExp(
    '^' +
      pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\//g, '(?:.*/)?')
        .replace(/\*/g, '[^/]*') +
      '$',
  );
  if (!fs.existsSync(base)) return [];
  return fs
    .readdirSync(base, { recursive: true })
    .map((f) => path.join(base, String(f)).split(path.sep).join('/'))
    .filter((f) => re.test(f) && !f.includes('/workspace/'));
}

// `!glob` arguments leave files out (the integration layer's shards).
const filesOf = (p) => (fs.existsSync(p) && fs.statSync(p).isFile() ? [p] : globSync(p));
const patterns = process.argv.slice(2).filter((p) => !p.startsWith('!'));
const excluded = new Set(
  process.argv
    .slice(2)
    .filter((p) => p.startsWith('!'))
    .flatMap((p) => filesOf(p.slice(1))),
);
const mocha = new Mocha({ timeout: 120000, reporter: 'spec', color: false });
const files = [...new Set(patterns.flatMap(filesOf))].filter((f) => !excluded.has(f)).sort();
if (process.env.MOCHA_LIST_ONLY) {
  console.log(files.join('\n'));
  process.exit(0);
}
for (const f of files) mocha.addFile(path.resolve(f));
await mocha.loadFilesAsync();
// Wall time per test file, printed at the end (slowest first): what to look at when the run grows.
const fileTimes = new Map();
const runner = mocha.run((failures) => {
  if (process.env.MOCHA_FILE_TIMES !== '0' && fileTimes.size > 1) {
    const rows = [...fileTimes].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(`\n  slowest files:\n${rows.map(([f, ms]) => `    ${(ms / 1000).toFixed(1).padStart(7)} s  ${f}`).join('\n')}`);
  }
  fs.mkdirSync('out', { recursive: true });
  fs.writeFileSync(process.env.MOCHA_STATS_FILE || 'out/mocha-stats.json', JSON.stringify(runner.stats));
  process.exitCode = failures ? 1 : 0;
  // Engines (PGlite, pg pools) may keep handles open; the run is over.
  setTimeout(() => process.exit(process.exitCode), 200).unref();
});
runner.on('suite', (suite) => {
  if (suite.file && suite.parent?.root) suite.startedAt = Date.now();
});
runner.on('suite end', (suite) => {
  if (suite.startedAt === undefined) return;
  const f = path.relative(process.cwd(), suite.file);
  fileTimes.set(f, (fileTimes.get(f) ?? 0) + Date.now() - suite.startedAt);
});
