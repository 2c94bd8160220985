// The ERD of an HCL schema drawn from the files (no database): the model built from them, rendered by the engine's
// Mermaid renderer (user types by name: mermaid rejects quoted, qualified type names — found by the e2e ERD step).
import assert from 'node:assert/strict';
import { modelErd } from '../../../server/src/engine/inspect';
import { realmOf } from '../../../server/src/lsp/schemaHclRealm';
import { load } from './helpers';

describe('schemaHcl/realm', () => {
  it('tables, enum-typed columns by name, keys and the cross-file foreign key', async () => {
    const { model } = await load('multi', 'users.pg.hcl', true);
    const erd = modelErd(realmOf(model));
    assert.match(erd, /^erDiagram\n/);
    assert.match(erd, /\n {8}role role\n/, erd);
    assert.match(erd, /\n {8}bigint id PK\n/);
    assert.match(erd, /\n {8}numeric_10-2 price "null"\n/);
    assert.match(erd, /users \|\|--o\{ posts : "posts_author_fk"/);
    assert.doesNotMatch(erd, /"app"\."role"/);
  });
});
