// Every example workspace (mirroring the seeds) has envs the config engine resolves and a valid atlas.sum (or, when
// declarative, src files that exist).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { listEnvs } from '../../../server/src/config/resolve';
import { editedFiles, readFolder } from '../../../server/src/lsp/workbenchFeature';
import { migrationDirPath } from '../../../server/src/migrate/dir';
import { compareSums, computeHashFile, readSum } from '../../../server/src/migrate/sum';
import { k8sExport } from '../../../server/src/migrate/k8sExport';

const examples = path.join(__dirname, '../../../examples');
const projects = fs
  .readdirSync(examples)
  .filter((d) => /^\d{3}-/.test(d))
  .map((d) => {
    const hcl = [path.join(examples, d, 'atlas.hcl'), path.join(examples, d, 'manifests/schemas/atlas.hcl')].find((f) => fs.existsSync(f))!;
    return { name: d, hcl };
  });

describe('examples (seeds 000–005)', () => {
  it('has one example per seed', () => {
    assert.deepEqual(
      projects.map((p) => p.name.slice(0, 3)),
      ['000', '001', '002', '003', '004', '005'],
    );
  });

  for (const p of projects) {
    it(`${p.name}: envs resolve and atlas.sum matches the folder`, async () => {
      const envs = await listEnvs(p.hcl, { environ: { DATABASE_URL: 'postgres://app:pw@127.0.0.1:5432/app' } });
      assert.ok(envs.length >= 1);
      const local = envs.find((e) => e.name === 'local')!;
      assert.equal(local.url, 'postgres://app:****@127.0.0.1:5432/app');
      if (!local.migrationDir) {
        // declarative (005): no folder, the desired state is the env's src files, which exist
        assert.ok(local.src.length >= 1);
        for (const s of local.src) assert.ok(fs.existsSync(path.resolve(path.dirname(p.hcl), s.replace(/^file:\/\//, ''))), s);
        return;
      }
      const dir = migrationDirPath(p.hcl, local.migrationDir)!;
      const files = readFolder(dir);
      assert.ok(files.length >= 1, `${dir} has migrations`);
      const stored = readSum(dir);
      assert.ok(stored, 'atlas.sum exists');
      assert.equal(compareSums(stored!, computeHashFile(files.map((f) => ({ name: f.name, bytes: Buffer.from(f.content) })))), undefined);
      assert.equal(editedFiles(dir, files).size, 0);
    });
  }

  it('003 has four envs, production among them', async () => {
    const envs = await listEnvs(path.join(examples, '003-four-envs/atlas.hcl'), { environ: {} });
    assert.deepEqual(
      envs.map((e) => e.name),
      ['local', 'docker', 'staging', 'production'],
    );
  });

  it('004 exports its folder for the Atlas Operator', () => {
    const dir = path.join(examples, '004-sql-only-k8s/manifests/migrations/mydatabase');
    const files = fs.readdirSync(dir).map((name) => ({ name, content: fs.readFileSync(path.join(dir, name), 'utf8') }));
    const out = k8sExport({ name: 'mydatabase', namespace: 'mydatabase-dev', files });
    assert.deepEqual(out.warnings, []);
    assert.match(out.yaml, /name: "mydatabase-migrations"/);
    assert.equal((out.yaml.match(/^  "[^"]+": /gm) ?? []).length, 4);
  });

  it('detects a checksum-edited file', () => {
    const dir = path.join(examples, '003-four-envs/migrations');
    const files = readFolder(dir);
    files[0] = { ...files[0], content: files[0].content + '-- edited\n' };
    assert.deepEqual([...editedFiles(dir, files)], ['20250101000000_initial.sql']);
  });
});
