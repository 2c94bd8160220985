-- Create required extensions (self-contained: the dev database starts empty every time)
CREATE EXTENSION IF NOT EXISTS "pgcrypto";
CREATE EXTENSION IF NOT EXISTS "vector";
CREATE EXTENSION IF NOT EXISTS "pg_trgm";
-- Create "documents" table
CREATE TABLE "documents" (
  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
  "title" text NOT NULL,
  "body" text NOT NULL,
  "embedding" vector(3) NULL,
  "created_at" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("id")
);
-- Create index "documents_title_trgm" to table: "documents"
CREATE INDEX "documents_title_trgm" ON "documents" USING gin ("title" gin_trgm_ops);
