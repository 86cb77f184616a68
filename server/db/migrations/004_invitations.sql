-- Invitations: the hashes of join-link tokens (never the tokens) and a log of acceptances.
-- The invitation itself is a replicated document (collection 'invitations' in `documents`).

-- One row per token that opens an invitation: the link tokens apps make (kind 'link', their hash
-- arrives in the document's link_token_hash) and the tokens of the emails the server sends
-- (kind 'email'). A token stays valid as long as its invitation is usable.
CREATE TABLE invitation_tokens (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  org_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  invitation_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('link', 'email')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invitation_tokens_invitation_idx ON invitation_tokens (org_id, invitation_id);

-- Who joined through which invitation ("how many joined", and who, for a multi-use link).
CREATE TABLE invitation_acceptances (
  org_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  invitation_id text NOT NULL,
  user_id uuid NOT NULL,
  athlete_id text NOT NULL,
  accepted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, invitation_id, athlete_id)
);
