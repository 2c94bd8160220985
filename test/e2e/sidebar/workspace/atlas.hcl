# Layout: versioned migrations in atlas/migrations, the desired schema in schema/schema.sql.
env "local" {
  url = getenv("DATABASE_URL")
  dev = "pglite://memory"
  src = "file://schema/schema.sql"
  migration {
    dir = "file://atlas/migrations"
  }
}

env "prod" {
  url = getenv("PROD_DATABASE_URL")
  dev = "pglite://memory"
  src = "file://schema/schema.sql"
  migration {
    dir = "file://atlas/migrations"
  }
}
