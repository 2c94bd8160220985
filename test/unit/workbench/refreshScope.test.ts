// Refresh discipline: a save reads only the envs of the saved file's project and never a production-like env;
// an explicit refresh reads every env with a folder or URL; pending scopes merge (explicit wins).
import assert from 'node:assert/strict';
import { envsToRead, mergeScopes } from '../../../client/src/refreshScope';
import { isProductionName, DEFAULT_PRODUCTION_PATTERN } from '../../../client/src/productionPattern';

const envs = [
  { name: 'local', projectDir: '/w/app', readable: true },
  { name: 'prod', projectDir: '/w/app', readable: true },
  { name: 'local', projectDir: '/w/app2', readable: true },
  { name: 'nothing', projectDir: '/w/app', readable: false },
];
const prod = (e: { name: string }) => isProductionName(e.name, DEFAULT_PRODUCTION_PATTERN);
const read = (scope: Parameters<typeof envsToRead>[1]) => envsToRead(envs, scope, prod).map((e) => `${e.projectDir}#${e.name}`);

describe('client: refresh scope', () => {
  it('a save in one project reads only that project, without its production env', () => {
    assert.deepEqual(read(new Set(['/w/app/migrations/2_x.sql'])), ['/w/app#local']);
    assert.deepEqual(read(new Set(['/w/app2/atlas.hcl'])), ['/w/app2#local'], '/w/app is not a prefix match of /w/app2');
    assert.deepEqual(read(new Set(['/elsewhere/x.sql'])), []);
  });

  it('an explicit refresh reads every env that has a folder or a URL, production included', () => {
    assert.deepEqual(read('all'), ['/w/app#local', '/w/app#prod', '/w/app2#local']);
  });

  it('pending scopes merge; an explicit one wins', () => {
    const m = mergeScopes(new Set(['/a']), new Set(['/b']));
    assert.deepEqual(m === 'all' ? m : [...m], ['/a', '/b']);
    assert.equal(mergeScopes(new Set(['/a']), 'all'), 'all');
    assert.equal(mergeScopes(undefined, 'all'), 'all');
  });
});
