# SQL-first layout: SQL files are the source of truth; lint on type; Kubernetes export.
env "local" {
  url = getenv("DATABASE_URL")
  dev = "pglite://memory"
  migration {
    dir = "file://../migrations/mydatabase"
  }
}

env "production" {
  url = getenv("DATABASE_URL")
  dev = "pglite://memory"
  migration {
    dir = "file://../migrations/mydatabase"
  }
}
