-- +goose Up
CREATE TABLE a (id int, b int);

-- +goose Down
DROP TABLE a;
