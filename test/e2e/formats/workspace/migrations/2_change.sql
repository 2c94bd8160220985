-- Drops column b; a function and an index come with it.
-- (lines before the Up annotation are not part of the migration)

-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION one() RETURNS int AS $$
BEGIN
  RETURN 1;   
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
ALTER TABLE a DROP COLUMN b;
CREATE INDEX a_id ON a (id);

-- +goose Down
DROP INDEX a_id;
ALTER TABLE a ADD COLUMN b int;
DROP TABLE a;
