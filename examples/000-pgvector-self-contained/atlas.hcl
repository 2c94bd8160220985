# Seed 000: self-contained migrations that create the extensions they need (pgvector included).
# The dev database is the embedded PGlite, which ships pgvector, so no docker image is needed.
env "local" {
  src = "file://schema.sql"
  url = getenv("DATABASE_URL")
  dev = "pglite://memory"
  migration {
    dir = "file://migrations"
  }
}

env "embedded" {
  src = "file://schema.sql"
  url = "pglite://.atlas-wb/embedded"
  dev = "pglite://memory"
  migration {
    dir = "file://migrations"
  }
}
