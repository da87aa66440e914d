// Workbooks (tenants), their tokens, revisions of synced snapshots and the audit trail.
export default `
CREATE TABLE workbooks (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  current_revision integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tokens (
  id text PRIMARY KEY,
  workbook_id integer NOT NULL REFERENCES workbooks(id),
  hash text NOT NULL,
  label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX tokens_workbook ON tokens (workbook_id);

CREATE TABLE revisions (
  workbook_id integer NOT NULL REFERENCES workbooks(id),
  revision integer NOT NULL,
  content_hash text NOT NULL,
  settings jsonb NOT NULL,
  counts jsonb NOT NULL,
  issue_count integer NOT NULL,
  token_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workbook_id, revision)
);

-- A revision's rows, in chunks of a few thousand per sheet: a 100k-case snapshot is a few dozen
-- inserts, and no single message grows the embedded engine's memory by the whole snapshot.
-- Chunks are stored once per workbook by their hash: a registry that mostly grows at the end
-- shares its unchanged chunks with the revision before, so hourly syncs do not multiply storage.
-- json (checked, stored as text) rather than jsonb: rows are read back whole, never queried inside,
-- and json is markedly cheaper to write.
CREATE TABLE chunks (
  workbook_id integer NOT NULL REFERENCES workbooks(id),
  hash text NOT NULL,
  rows json NOT NULL,
  PRIMARY KEY (workbook_id, hash)
);

CREATE TABLE revision_chunks (
  workbook_id integer NOT NULL,
  revision integer NOT NULL,
  sheet text NOT NULL,
  chunk integer NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (workbook_id, revision, sheet, chunk),
  FOREIGN KEY (workbook_id, revision) REFERENCES revisions(workbook_id, revision),
  FOREIGN KEY (workbook_id, hash) REFERENCES chunks(workbook_id, hash)
);

CREATE TABLE audit (
  id bigserial PRIMARY KEY,
  workbook_id integer REFERENCES workbooks(id),
  token_id text,
  actor text NOT NULL,
  action text NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  revision integer,
  row_counts jsonb,
  request_id text
);
CREATE INDEX audit_workbook ON audit (workbook_id, id);

-- Append-only: the trail cannot be edited or erased through SQL by the application.
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit is append-only';
END
$$;
CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
`;
