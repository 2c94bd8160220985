# Two branches each added a migration; the rebase left atlas.sum with git conflict markers (the UI test copies
# fixtures/atlas.sum.conflict into migrations/atlas.sum).
env "local" {
  url = getenv("DATABASE_URL")
  dev = "pglite://memory"
  migration {
    dir = "file://migrations"
  }
}
