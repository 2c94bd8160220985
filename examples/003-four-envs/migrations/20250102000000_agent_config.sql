-- Modify "agents" table
ALTER TABLE "agents" ADD COLUMN "config" jsonb NOT NULL DEFAULT '{}';
