# Seed 002: the desired schema comes from a program (an ORM model loader) that prints DDL on stdout.
# Here the loader is a small Node script; in the seed it is `uv run python load_models.py`.
data "external_schema" "app" {
  program = ["node", "load_schema.js"]
}

env "local" {
  src = data.external_schema.app.url
  url = getenv("DATABASE_URL")
  dev = "pglite://memory"
  migration {
    dir = "file://migrations"
  }
}
