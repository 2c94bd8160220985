-- The complete desired schema (source of truth). Edit it, then right-click → Generate Migration.
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

CREATE TYPE "runbook_state" AS ENUM ('draft', 'active', 'retired');

CREATE TABLE "runbooks" (
  "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
  "name" character varying(200) NOT NULL,
  "state" "runbook_state" NOT NULL DEFAULT 'draft',
  "created_at" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "runbooks_name_key" ON "runbooks" ("name");

CREATE TABLE "executions" (
  "id" bigserial NOT NULL,
  "runbook_id" uuid NOT NULL,
  "started_at" timestamptz NOT NULL DEFAULT now(),
  "finished_at" timestamptz NULL,
  "ok" boolean NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "executions_runbook_id_fkey" FOREIGN KEY ("runbook_id") REFERENCES "runbooks" ("id") ON UPDATE NO ACTION ON DELETE CASCADE
);
