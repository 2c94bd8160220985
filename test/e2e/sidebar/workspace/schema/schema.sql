-- The desired schema (source of truth). Edit it, then right-click → Generate Migration.
CREATE TABLE "runbooks" (
  "id" bigserial NOT NULL,
  "name" text NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT now(),
  "owner" text NULL,
  PRIMARY KEY ("id")
);
CREATE TABLE "runbook_steps" (
  "id" bigserial NOT NULL,
  "runbook_id" bigint NOT NULL,
  "position" integer NOT NULL,
  "body" text NOT NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "runbook_steps_runbook_id_fkey" FOREIGN KEY ("runbook_id") REFERENCES "runbooks" ("id") ON DELETE CASCADE
);
