-- Create "runbook_steps" table
CREATE TABLE "runbook_steps" (
  "id" bigserial NOT NULL,
  "runbook_id" bigint NOT NULL,
  "position" integer NOT NULL,
  "body" text NOT NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "runbook_steps_runbook_id_fkey" FOREIGN KEY ("runbook_id") REFERENCES "runbooks" ("id") ON DELETE CASCADE
);
