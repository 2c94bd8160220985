CREATE TYPE plan AS ENUM ('free', 'pro');
CREATE TABLE orgs (
  id bigint PRIMARY KEY,
  name text NOT NULL,
  plan plan NOT NULL DEFAULT 'free'
);
CREATE TABLE users (
  id bigint PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES orgs (id),
  email text NOT NULL,
  legacy_login text
);
CREATE INDEX users_org_idx ON users (org_id);
