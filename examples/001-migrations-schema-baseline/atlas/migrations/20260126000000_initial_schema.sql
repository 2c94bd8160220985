-- Baseline: the schema as it was when the project adopted Atlas.
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
-- Create enum type "runbook_state"
CREATE TYPE "runbook_state" AS ENUM ('draft', 'active', 'retired');
-- Create "runbooks" table
CREATE TABLE "runbooks" (
  "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
  "name" character varying(200) NOT NULL,
  "state" "runbook_state" NOT NULL DEFAULT 'draft',
  "created_at" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("id")
);
-- Create index "runbooks_name_key" to table: "runbooks"
CREATE UNIQUE INDEX "runbooks_name_key" ON "runbooks" ("name");
