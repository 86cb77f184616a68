-- Accounts, organizations, sessions, and the one replicated table.

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  first_name text NOT NULL,
  last_name text NOT NULL,
  -- scrypt$N$r$p$salt$hash; NULL for accounts that never set a password (athletes before joining).
  password_hash text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organizations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  time_zone text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The per-organization sync sequence: the last seq given to one of its documents.
  seq bigint NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Every replicated document (collections athletes, coaches, groups). `data` is exactly the shared
-- zod shape; deletes are tombstones (deleted = true), never removed rows.
CREATE TABLE documents (
  org_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  collection text NOT NULL,
  id text NOT NULL,
  data jsonb NOT NULL,
  seq bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  PRIMARY KEY (org_id, collection, id)
);
CREATE INDEX documents_pull_idx ON documents (org_id, collection, seq);

-- One user is at most one athlete and at most one coach membership per organization.
CREATE UNIQUE INDEX documents_one_membership_idx ON documents (org_id, collection, (data->>'user_id'))
  WHERE NOT deleted AND collection IN ('athletes', 'coaches');

-- "Which organizations does this user coach?" (sign-in, /me).
CREATE INDEX documents_coach_user_idx ON documents ((data->>'user_id'))
  WHERE collection = 'coaches' AND NOT deleted;
