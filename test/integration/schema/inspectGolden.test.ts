// `schema inspect` against Atlas's own goldens (corpus atlas-testdata cli-inspect*.txtar): HCL output,
// --exclude on tables and columns, and the `{{ sql . }}` format of a file loaded on the dev database.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusPath } from '../../support/corpus';
import { memoryIO } from '../../../server/src/cli/io';
import { run as schemaInspect } from '../../../server/src/cli/schemaInspect';
import { connect, dropDatabase, scratchDatabase, urlFor } from './support';

/** Sections of a txtar archive by name. */
function txtar(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  let name: string | undefined;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^-- (.+) --$/.exec(line);
    if (m) { name = m[1]; out[name] = ''; continue; }
    if (name) out[name] += `${line}\n`;
  }
  return out;
}
const golden = (f: string) => path.join(corpusPath('atlas-testdata/internal/integration/testdata/postgres'), f);

describe('schema inspect vs Atlas goldens (PostgreSQL 15)', function () {
  this.timeout(60000);
  let db: string;
  before(async () => {
    db = await scratchDatabase('golden');
    const c = await connect(urlFor(db));
    await c.exec(`CREATE SCHEMA script_cli_inspect; CREATE TABLE script_cli_inspect.users (id int NOT NULL, a int NOT NULL, b int NOT NULL, ab int NOT NULL, ac int4 NOT NULL);
      CREATE SCHEMA script_cli_inspect_file`);
    await c.close();
  });
  after(async () => { await dropDatabase(db); });

  const inspectOut = async (...args: string[]) => {
    const io = memoryIO(os.tmpdir(), {});
    assert.equal(await schemaInspect(args, io), 0);
    return io.stdout;
  };

  it('cli-inspect.txtar: HCL and --exclude', async function () {
    const file = golden('cli-inspect.txtar');
    if (!fs.existsSync(file)) this.skip();
    const g = txtar(file);
    const url = urlFor(db, 'search_path=script_cli_inspect');
    assert.equal(await inspectOut('-u', url), g['script_cli_inspect.hcl'].replace(/\n+$/, '\n'));
    assert.equal(await inspectOut('-u', url, '--exclude', 'users'), g['notable.hcl'].replace(/\n+$/, '\n'));
    assert.equal(await inspectOut('-u', url, '--exclude', '*.[ab]*'), g['id.hcl'].replace(/\n+$/, '\n'));
    assert.equal(await inspectOut('-u', url, '--exclude', '*.*'), g['nocolumn.hcl'].replace(/\n+$/, '\n'));
  });

  it('cli-inspect-file.txtar: a SQL file on the dev database, as HCL and as SQL', async function () {
    const file = golden('cli-inspect-file.txtar');
    if (!fs.existsSync(file)) this.skip();
    const g = txtar(file);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-golden-'));
    try {
      fs.writeFileSync(path.join(work, 'a.sql'), g['a.sql']);
      const dev = urlFor(db, 'search_path=script_cli_inspect_file');
      const run = async (...extra: string[]) => {
        const io = memoryIO(work, {});
        assert.equal(await schemaInspect(['-u', 'file://a.sql', '--dev-url', dev, ...extra], io), 0);
        return io.stdout;
      };
      assert.equal(await run(), g['script_cli_inspect.hcl'].replace(/\n+$/, '\n'));
      assert.equal(await run('--format', '{{ sql . }}'), g['script_cli_inspect.sql'].replace(/\n+$/, '\n'));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
