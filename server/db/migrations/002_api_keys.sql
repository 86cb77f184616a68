-- Organization API keys for integrations (X-API-Key). The key itself is shown once at creation;
-- only its SHA-256 is stored. A key acts with coach rights on its own organization's /api/v1 routes.

CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  name text NOT NULL,
  -- sha256 hex of the whole key ("ak_" + 43 base64url characters, 256 random bits).
  key_hash text NOT NULL UNIQUE,
  -- The first characters of the key ("ak_" + 8), so a coach can tell keys apart; not enough to use it.
  key_prefix text NOT NULL,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_keys_org_idx ON api_keys (org_id, created_at);
