// `atlas-wb migrate diff --env X` with `diff { skip { drop_column = true } }` in atlas.hcl: the
// dropped column is left out of the new migration file, and a plan made only of skipped changes is "in sync".
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMigration, SYNCED_DIR } from '../../../server/src/migrate/diff';
import { openDirPath } from '../../../server/src/migrate/dir';
import { checkDir } from '../../../server/src/migrate/validate';
import { memoryIO } from '../../../server/src/cli/io';
import { run as migrateDiff } from '../../../server/src/cli/migrateDiff';
import { dropDatabase, scratchDatabase, urlFor } from './support';

const sqlFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();

describe('migrate diff --env with diff { skip { drop_column = true } }', function () {
  this.timeout(120000);
  let work: string;
  let dev: string;
  before(async () => {
    dev = await scratchDatabase('mdiffskip');
  });
  after(async () => {
    await dropDatabase(dev);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('keeps the dropped column out of the migration and reports sync when only skipped changes remain', async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-wb-mdiffskip-'));
    const devUrl = urlFor(dev, 'search_path=public');
    const hcl = (skip: string) =>
      `env "local" {\n  src = "file://schema.sql"\n  dev = "${devUrl}"\n  migration {\n    dir = "file://migrations"\n  }\n  diff {\n    skip {\n${skip}    }\n  }\n}\n`;
    fs.writeFileSync(path.join(work, 'atlas.hcl'), hcl('      drop_column = true\n      add_index = false\n'));
    fs.writeFileSync(path.join(work, 'schema.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, legacy text);\n');
    const migrations = path.join(work, 'migrations');
    // The first file gets a fixed old version so that the CLI's file (named after the clock) sorts after it.
    await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', name: 'init', devUrl, cwd: work, date: new Date(Date.UTC(2024, 0, 1)) });
    const first = sqlFiles(migrations);
    assert.equal(first.length, 1);

    fs.writeFileSync(path.join(work, 'schema.sql'), 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n');
    const io = memoryIO(work, {});
    assert.equal(await migrateDiff(['--env', 'local', 'email'], io), 0, io.stderr);
    const files = sqlFiles(migrations);
    assert.equal(files.length, 2);
    const added = files.filter((f) => !first.includes(f));
    assert.match(added[0], /^\d{14}_email\.sql$/);
    assert.equal(fs.readFileSync(path.join(migrations, added[0]), 'utf8'), '-- Modify "users" table\nALTER TABLE "users" ADD COLUMN "email" text NULL;\n');
    assert.equal(checkDir(openDirPath(migrations)), undefined, 'atlas.sum matches');

    // Only the skipped DROP COLUMN separates the directory from the desired state.
    const again = memoryIO(work, {});
    assert.equal(await migrateDiff(['--env', 'local'], again), 0);
    assert.equal(again.stdout, `${SYNCED_DIR}\n`);

    // Without the skip the same state plans the drop.
    await generateMigration({ dir: 'file://migrations', to: 'file://schema.sql', name: 'drop', devUrl, cwd: work, date: new Date(Date.UTC(2099, 0, 1)) });
    const last = sqlFiles(migrations).filter((f) => !files.includes(f));
    assert.equal(last.length, 1);
    assert.equal(fs.readFileSync(path.join(migrations, last[0]), 'utf8'), '-- Modify "users" table\nALTER TABLE "users" DROP COLUMN "legacy";\n');
  });
});
