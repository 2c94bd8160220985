-- Create "tenants" table
CREATE TABLE "tenants" (
  "id" bigserial NOT NULL,
  "slug" text NOT NULL,
  PRIMARY KEY ("id")
);
-- Create index "tenants_slug_key" to table: "tenants"
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants" ("slug");
-- Create "agents" table
CREATE TABLE "agents" (
  "id" bigserial NOT NULL,
  "tenant_id" bigint NOT NULL,
  "name" text NOT NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "agents_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
);
