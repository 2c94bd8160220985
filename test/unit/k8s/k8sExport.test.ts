// The Kubernetes export must round-trip every migration file byte for byte through a real YAML parser.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { k8sExport, k8sName, blockScalar } from '../../../server/src/migrate/k8sExport';

const yaml = createRequire(__filename)('js-yaml') as { loadAll(text: string): unknown[] };

interface Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
  spec?: Record<string, unknown>;
}

describe('k8sExport (Atlas Operator ConfigMap + AtlasMigration)', () => {
  const files = [
    { name: '20240204000002_seed_data.sql', content: "INSERT INTO users (name) VALUES ('a: b # not a comment');\n" },
    { name: '20240204000001_initial.sql', content: 'CREATE TABLE users (\n\tid serial PRIMARY KEY,\n  name text\n);\n\n\n' },
    { name: 'atlas.sum', content: 'h1:abc=\n20240204000001_initial.sql h1:def=\n' },
    { name: '20240205000001_no_newline.sql', content: '   -- leading spaces\nSELECT 1;' },
    { name: '20240205000002_empty.sql', content: '' },
  ];

  it('emits a ConfigMap holding every file exactly and an AtlasMigration pointing at it', () => {
    const out = k8sExport({ name: 'My Database', namespace: 'mydatabase-dev', files });
    const docs = yaml.loadAll(out.yaml) as Obj[];
    assert.equal(docs.length, 2);
    const [cm, am] = docs;
    assert.equal(cm.kind, 'ConfigMap');
    assert.equal(cm.metadata.name, 'my-database-migrations');
    assert.equal(cm.metadata.namespace, 'mydatabase-dev');
    for (const f of files) assert.equal(cm.data![f.name], f.content, f.name);
    assert.deepEqual(Object.keys(cm.data!), files.map((f) => f.name).sort());
    assert.equal(am.kind, 'AtlasMigration');
    assert.equal(am.apiVersion, 'db.atlasgo.io/v1alpha1');
    assert.deepEqual(am.spec, {
      urlFrom: { secretKeyRef: { name: 'my-database-db-app', key: 'uri' } },
      dir: { configMapRef: { name: 'my-database-migrations' } },
    });
    assert.deepEqual(out.warnings, []);
  });

  it('warns when atlas.sum is missing and skips invalid keys', () => {
    const out = k8sExport({ name: 'x', files: [{ name: 'bad name.sql', content: 'SELECT 1;\n' }] });
    assert.equal(out.warnings.length, 2);
    assert.match(out.warnings[0], /atlas\.sum/);
    assert.match(out.warnings[1], /bad name\.sql/);
    const [cm] = yaml.loadAll(out.yaml) as Obj[];
    assert.deepEqual(cm.data, {});
  });

  it('quotes content a block scalar cannot carry', () => {
    const content = 'SELECT 1;\r\nSELECT 2;\r\n';
    assert.equal(blockScalar(content, 4), JSON.stringify(content));
    const [cm] = yaml.loadAll(k8sExport({ name: 'crlf', files: [{ name: 'a.sql', content }] }).yaml) as Obj[];
    assert.equal(cm.data!['a.sql'], content);
  });

  it('derives RFC 1123 names', () => {
    assert.equal(k8sName('Dana_DB  prod'), 'dana-db-prod');
    assert.equal(k8sName('***'), 'atlas');
  });
});
