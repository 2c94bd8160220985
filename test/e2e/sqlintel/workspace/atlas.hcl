# Migration authoring with schema-aware SQL: completion, hover, definition and reference checks in migrations.
env "local" {
  url = getenv("DATABASE_URL")
  dev = "pglite://memory"
  src = "file://schema.sql"
  migration {
    dir = "file://migrations"
  }
}
