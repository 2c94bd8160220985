-- Create "executions" table
CREATE TABLE "executions" (
  "id" bigserial NOT NULL,
  "runbook_id" uuid NOT NULL,
  "started_at" timestamptz NOT NULL DEFAULT now(),
  "finished_at" timestamptz NULL,
  "ok" boolean NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "executions_runbook_id_fkey" FOREIGN KEY ("runbook_id") REFERENCES "runbooks" ("id") ON UPDATE NO ACTION ON DELETE CASCADE
);
