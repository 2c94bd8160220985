# Seed 003: one schema.sql, one migration folder, four environments including production.
# Envs whose name matches atlasWorkbench.productionEnvPattern need the env name typed to confirm Apply.
env "local" {
  src = "file://schema.sql"
  url = getenv("DATABASE_URL")
  dev = "pglite://memory"
  migration {
    dir = "file://migrations"
  }
}

env "docker" {
  src = "file://schema.sql"
  url = "postgresql://dana_user:${getenv("DANA_DB_PASSWORD")}@postgres:5432/dana?sslmode=disable"
  dev = "pglite://memory"
  migration {
    dir = "file://migrations"
  }
}

env "staging" {
  src = "file://schema.sql"
  url = getenv("STAGING_DATABASE_URL")
  dev = "pglite://memory"
  migration {
    dir = "file://migrations"
  }
}

env "production" {
  src = "file://schema.sql"
  url = getenv("PRODUCTION_DATABASE_URL")
  dev = "pglite://memory"
  migration {
    dir = "file://migrations"
  }
  lint {
    destructive {
      error = true
    }
  }
}
