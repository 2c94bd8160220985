# A schema file without the .pg.hcl suffix: the editor gives it the PostgreSQL HCL language because atlas.hcl's
# env "local" names it in `src`.
table "audit_log" {
  schema = schema.public
  column "id" {
    null = false
    type = bigint
  }
  column "user_id" {
    null = true
    type = bigint
  }
  column "action" {
    null = false
    type = text
  }
  column "at" {
    null    = false
    type    = timestamptz
    default = sql("now()")
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "audit_user_fk" {
    columns     = [column.user_id]
    ref_columns = [table.user.column.id]
    on_delete   = SET_NULL
  }
}
