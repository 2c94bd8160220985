schema "public" {
  comment = "standard public schema"
}

enum "role" {
  schema = schema.public
  values = ["admin", "member", "guest"]
}

table "users" {
  schema = schema.public
  column "id" {
    null = false
    type = bigint
    identity {
      generated = ALWAYS
    }
  }
  column "email" {
    null = false
    type = varchar(255)
  }
  column "role" {
    null    = false
    type    = enum.role
    default = "member"
  }
  column "created_at" {
    null    = false
    type    = timestamptz
    default = sql("now()")
  }
  primary_key {
    columns = [column.id]
  }
  index "users_email_key" {
    unique  = true
    columns = [column.email]
  }
}

table "posts" {
  schema = schema.public
  column "id" {
    null = false
    type = bigint
    identity {
      generated = BY_DEFAULT
    }
  }
  column "author_id" {
    null = false
    type = bigint
  }
  column "title" {
    null = false
    type = text
  }
  column "price" {
    null = true
    type = numeric(10, 2)
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "posts_author_fk" {
    columns     = [column.author_id]
    ref_columns = [table.users.column.id]
    on_update   = NO_ACTION
    on_delete   = CASCADE
  }
  index "posts_author_idx" {
    columns = [column.author_id]
  }
  check "title_not_empty" {
    expr = "title <> ''"
  }
}
