# Seed 001: versioned migrations in atlas/migrations, the complete desired schema in schema/schema.sql,
# and a baseline file that existing databases skip.
env "local" {
  url = getenv("DATABASE_URL")
  dev = "pglite://memory"
  src = "file://schema/schema.sql"
  migration {
    dir = "file://atlas/migrations"
  }
}

# Quick start: an embedded database, nothing to install.
env "embedded" {
  url = "pglite://.atlas-wb/embedded"
  dev = "pglite://memory"
  src = "file://schema/schema.sql"
  migration {
    dir = "file://atlas/migrations"
  }
}

# A database created before Atlas: the baseline is marked as applied instead of executed.
env "existing" {
  url = getenv("EXISTING_DATABASE_URL")
  dev = "pglite://memory"
  src = "file://schema/schema.sql"
  migration {
    dir      = "file://atlas/migrations"
    baseline = "20260126000000"
  }
}
