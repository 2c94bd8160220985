-- Baseline: the schema as it was when the project adopted Atlas.
CREATE TABLE "runbooks" (
  "id" bigserial NOT NULL,
  "name" text NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("id")
);
