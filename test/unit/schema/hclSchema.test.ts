// Atlas HCL schema files → SQL that the dev database runs (the desired state for migrate diff / schema diff).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { hclSchemaStatements, hclSchemaToSql } from '../../../server/src/schema/hclSchema';

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

  it('variables, locals and for_each (instances named by `name`), across several files', async () => {
    const a = `variable "tenants" {\n  type    = list(string)\n  default = ["a", "b"]\n}\nlocals {\n  id_type = "bigint"\n}\nschema "app" {}\n`;
    const b = `table "log" {\n  for_each = toset(var.tenants)\n  name     = "log_\${each.value}"\n  schema   = schema.app\n  column "id" {\n    type = sql(local.id_type)\n  }\n}\n`;
    assert.deepEqual(
      await hclSchemaStatements([
        { file: 'a.hcl', text: a },
        { file: 'b.hcl', text: b },
      ]),
      ['CREATE SCHEMA IF NOT EXISTS "app"', 'CREATE TABLE "app"."log_a" ("id" bigint NOT NULL)', 'CREATE TABLE "app"."log_b" ("id" bigint NOT NULL)'],
    );
  });

  it('every object kind: types as Atlas spells them, unique constraints, partitions, index parts, views, functions, triggers, policies', async () => {
    const text = `schema "s" {}
extension "pg_trgm" {
  schema  = schema.s
  version = "1.6"
}
domain "posint" {
  schema = schema.s
  type   = integer
  null   = false
  check "pos" {
    expr = "VALUE > 0"
  }
}
composite "pair" {
  schema = schema.s
  field "a" {
    type = int
  }
}
sequence "seq" {
  schema    = schema.s
  type      = bigint
  start     = 10
  increment = 2
  max_value = "9223372036854775806"
}
function "touch" {
  schema = schema.s
  lang   = plpgsql
  return = trigger
  as     = "BEGIN RETURN NEW; END"
}
table "m" {
  schema = schema.s
  column "id" {
    type = serial
  }
  column "d" {
    type = day_to_second(4)
    null = true
  }
  column "t" {
    type = timetz(6)
  }
  column "p" {
    type = domain.posint
  }
  primary_key {
    columns = [column.id]
    include = [column.p]
  }
  unique "m_p_key" {
    columns        = [column.p]
    nulls_distinct = false
  }
  index "m_t" {
    type = BRIN
    on {
      column = column.t
      desc   = true
    }
    on {
      expr = "p + 1"
      ops  = int4_ops
    }
    where = "p > 1"
  }
  partition {
    type = RANGE
    by {
      column = column.id
    }
  }
  row_security {
    enabled  = true
    enforced = true
  }
}
view "v" {
  schema = schema.s
  as     = "SELECT id FROM s.m"
}
trigger "m_touch" {
  on = table.m
  before {
    insert = true
  }
  execute {
    function = function.touch
  }
}
policy "own" {
  on    = table.m
  for   = SELECT
  to    = [PUBLIC]
  using = "true"
}
`;
    assert.deepEqual(await hclSchemaStatements([{ file: 's.hcl', text }]), [
      'CREATE SCHEMA IF NOT EXISTS "s"',
      `CREATE EXTENSION IF NOT EXISTS "pg_trgm" SCHEMA "s" VERSION '1.6'`,
      'CREATE DOMAIN "s"."posint" AS integer NOT NULL CONSTRAINT "pos" CHECK (VALUE > 0)',
      'CREATE TYPE "s"."pair" AS ("a" int)',
      'CREATE SEQUENCE "s"."seq" AS bigint INCREMENT BY 2 MAXVALUE 9223372036854775806 START WITH 10',
      'CREATE FUNCTION "s"."touch"() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$',
      'CREATE TABLE "s"."m" ("id" serial NOT NULL, "d" interval day to second(4) NULL, "t" timetz NOT NULL, "p" "s"."posint" NOT NULL, PRIMARY KEY ("id") INCLUDE ("p"), CONSTRAINT "m_p_key" UNIQUE NULLS NOT DISTINCT ("p")) PARTITION BY RANGE ("id")',
      'CREATE INDEX "m_t" ON "s"."m" USING brin ("t" DESC, (p + 1) int4_ops) WHERE p > 1',
      'ALTER TABLE "s"."m" ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE "s"."m" FORCE ROW LEVEL SECURITY',
      'CREATE VIEW "s"."v" AS SELECT id FROM s.m',
      'CREATE TRIGGER "m_touch" BEFORE INSERT ON "s"."m" FOR EACH ROW EXECUTE FUNCTION "s"."touch"()',
      'CREATE POLICY "own" ON "s"."m" AS PERMISSIVE FOR SELECT TO PUBLIC USING (true)',
    ]);
  });
});
