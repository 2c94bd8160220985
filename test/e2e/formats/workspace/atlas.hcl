# A goose migration folder read as goose: Up parts only, down parts never run.
env "local" {
  url = getenv("DATABASE_URL")
  dev = "pglite://memory"
  migration {
    dir    = "file://migrations"
    format = goose
  }
}
