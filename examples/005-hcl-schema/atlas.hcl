# Seed 005: the desired schema kept only in Atlas's HCL (no SQL, no migration folder): `schema apply` brings a
# database to it; `schema inspect` (HCL by default) starts such a schema from an existing database.
env "local" {
  url = getenv("DATABASE_URL")
  dev = "pglite://memory"
  src = ["file://schema/app.pg.hcl", "file://schema/audit.hcl"]
}

# Quick start: an embedded database, nothing to install.
env "embedded" {
  url = "pglite://.atlas-wb/embedded"
  dev = "pglite://memory"
  src = ["file://schema/app.pg.hcl", "file://schema/audit.hcl"]
}
