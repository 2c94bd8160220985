// Atlas HCL schema files → SQL that the dev database runs (the desired state for migrate diff / schema diff).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { hclSchemaToSql } from '../../../server/src/schema/hclSchema';

const text = fs.readFileSync(path.join(__dirname, '../../fixtures/schema/schema.hcl'), 'utf8');

describe('HCL schema → SQL', () => {
  it('realm scope: schemas, enums, tables, keys, checks, indexes, foreign keys (qualified)', async () => {
    assert.equal(
      await hclSchemaToSql(text, 'schema.hcl'),
      [
        'CREATE SCHEMA IF NOT EXISTS "public";',
        `CREATE TYPE "public"."status" AS ENUM ('active', 'inactive');`,
        `CREATE TABLE "public"."users" ("id" bigint NOT NULL GENERATED ALWAYS AS IDENTITY, "name" varchar(255) NULL DEFAULT 'x', "st" "public"."status" NOT NULL DEFAULT 'active', "created" timestamp(4) NOT NULL DEFAULT CURRENT_TIMESTAMP(4), PRIMARY KEY ("id"), CONSTRAINT "c" CHECK (id > 0));`,
        'CREATE TABLE "public"."posts" ("uid" bigint NOT NULL);',
        'CREATE UNIQUE INDEX "users_name" ON "public"."users" ("name") WHERE name IS NOT NULL;',
        'ALTER TABLE "public"."posts" ADD CONSTRAINT "fk" FOREIGN KEY ("uid") REFERENCES "public"."users" ("id") ON DELETE CASCADE;',
        '',
      ].join('\n'),
    );
  });

  it('schema scope: a single-schema file is created unqualified in the connected schema', async () => {
    const sql = await hclSchemaToSql(text, 'schema.hcl', 'app');
    assert.doesNotMatch(sql, /"public"\./);
    assert.match(sql, /^CREATE TYPE "status" AS ENUM/);
  });

  it('reports blocks it does not support and syntax errors with the file and line', async () => {
    await assert.rejects(hclSchemaToSql('aggregate "v" {\n}\n', 'x.hcl'), /x\.hcl:1: "aggregate" blocks are not supported/);
    await assert.rejects(hclSchemaToSql('table "t" {\n  column "a" {\n', 'y.hcl'), /^Error: y\.hcl:\d+:\d+: /);
  });
});
