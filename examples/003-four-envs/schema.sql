CREATE TABLE "tenants" (
  "id" bigserial NOT NULL,
  "slug" text NOT NULL,
  PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants" ("slug");

CREATE TABLE "agents" (
  "id" bigserial NOT NULL,
  "tenant_id" bigint NOT NULL,
  "name" text NOT NULL,
  "config" jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY ("id"),
  CONSTRAINT "agents_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
);
