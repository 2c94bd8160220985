// Mermaid ERD of a model: entities with typed columns and key marks, one relationship per foreign key.
import assert from 'node:assert/strict';
import { mermaidErd } from '../../../server/src/schema/erd';
import { inspectJson } from '../../../server/src/schema/json';
import { emptySchema, emptyTable, type Realm } from '../../../server/src/schema/model';

function model(): Realm {
  const s = emptySchema('public');
  s.tables.push({
    ...emptyTable('public', 'users'),
    columns: [
      { name: 'id', type: 'bigint', notNull: true },
      { name: 'email', type: 'character varying(255)', notNull: false },
    ],
    primaryKey: { name: 'users_pkey', columns: ['id'], deferrable: false, initiallyDeferred: false },
    uniques: [{ name: 'users_email_key', columns: ['email'], nullsNotDistinct: false, def: 'UNIQUE (email)', deferrable: false, initiallyDeferred: false }],
  });
  s.tables.push({
    ...emptyTable('public', 'posts'),
    columns: [
      { name: 'id', type: 'bigint', notNull: true },
      { name: 'user_id', type: 'bigint', notNull: true },
      { name: 'tags', type: 'text[]', notNull: false },
    ],
    primaryKey: { name: 'posts_pkey', columns: ['id'], deferrable: false, initiallyDeferred: false },
    foreignKeys: [
      {
        name: 'posts_user_fk',
        columns: ['user_id'],
        refSchema: 'public',
        refTable: 'users',
        refColumns: ['id'],
        onUpdate: 'NO ACTION',
        onDelete: 'CASCADE',
        match: 'SIMPLE',
        validated: true,
        deferrable: false,
        initiallyDeferred: false,
      },
    ],
  });
  return { schemas: [s], extensions: [], scope: 'public' };
}

describe('schema ERD (Mermaid) and JSON', () => {
  it('draws tables, key marks and a one-to-many relationship', () => {
    assert.equal(
      mermaidErd(model()),
      [
        'erDiagram',
        '    users {',
        '        bigint id PK',
        '        character_varying_255 email UK "null"',
        '    }',
        '    posts {',
        '        bigint id PK',
        '        bigint user_id FK',
        '        text_array tags "null"',
        '    }',
        '    users ||--o{ posts : "posts_user_fk"',
        '',
      ].join('\n'),
    );
  });

  it('qualifies entity names when several schemas hold tables', () => {
    const r = model();
    const other = emptySchema('audit');
    other.tables.push({ ...emptyTable('audit', 'log'), columns: [{ name: 'id', type: 'integer', notNull: true }] });
    r.schemas.push(other);
    assert.match(mermaidErd(r), /^ {4}public_users \{$/m);
    assert.match(mermaidErd(r), /^ {4}audit_log \{$/m);
  });

  it("JSON has Atlas's SchemaInspect shape", () => {
    const j = inspectJson(model());
    assert.deepEqual(j.schemas[0].tables![1], {
      name: 'posts',
      columns: [
        { name: 'id', type: 'bigint' },
        { name: 'user_id', type: 'bigint' },
        { name: 'tags', type: 'text[]', null: true },
      ],
      primary_key: { parts: [{ column: 'id' }] },
      foreign_keys: [{ name: 'posts_user_fk', columns: ['user_id'], references: { table: 'users', columns: ['id'] } }],
    });
  });
});
