# Seed 004: SQL migration files are the single source of truth (no schema file); lint guards the folder and
# the folder ships to Kubernetes as a ConfigMap for the Atlas Operator (right-click the folder →
# "Export Kubernetes ConfigMap").
env "local" {
  url = getenv("DATABASE_URL")
  dev = "pglite://memory"
  migration {
    dir = "file://../migrations/mydatabase"
  }
}

lint {
  destructive {
    error = true
  }
  data_depend {
    error = true
  }
}
