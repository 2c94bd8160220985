// Which envs name a file as their desired state: `file://` sources, files and folders, relative to atlas.hcl.
import assert from 'node:assert/strict';
import path from 'node:path';
import { isSchemaFile, namesFile, srcPaths } from '../../../client/src/desiredState';

const project = path.resolve('/work/app');

describe('client: desired-state files of an env', () => {
  it('resolves file:// sources against the project folder and skips other forms', () => {
    assert.deepEqual(srcPaths(['file://schema/app.pg.hcl', 'file://./sql/', 'env://url', 'data.external_schema.x.url', 'file://a%20b.sql?x=1'], project), [
      path.join(project, 'schema/app.pg.hcl'),
      path.join(project, 'sql'),
      path.join(project, 'a b.sql'),
    ]);
  });

  it('a file is named when it is a src file or inside a src folder, not when a name only starts the same', () => {
    const env = { name: 'local', src: ['file://schema.sql', 'file://hcl'] };
    assert.equal(namesFile(env, project, path.join(project, 'schema.sql')), true);
    assert.equal(namesFile(env, project, path.join(project, 'hcl', 'users.pg.hcl')), true);
    assert.equal(namesFile(env, project, path.join(project, 'hcl2', 'users.pg.hcl')), false);
    assert.equal(namesFile(env, project, path.join(project, 'schema.sql.bak')), false);
    assert.equal(namesFile({ name: 'none' }, project, path.join(project, 'schema.sql')), false);
  });

  it('schema files are .hcl and .sql, never atlas.hcl', () => {
    assert.deepEqual(['a.pg.hcl', 'schema.sql', 'atlas.hcl', 'ci.atlas.hcl', 'notes.md'].map(isSchemaFile), [true, true, false, false, false]);
  });
});
