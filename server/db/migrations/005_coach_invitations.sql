-- Coach invitations: the head coach invites someone who has no Astral account yet to join the
-- coaching staff. Server-side only (not a replicated collection): only the head coach reads them,
-- through the API. Accepting one writes a CoachMembership document through the DocumentStore.

CREATE TABLE coach_invitations (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(email)),
  first_name text,
  -- pending -> accepted | revoked; 'expired' is stored only when a new invitation replaces an expired one.
  status text NOT NULL CHECK (status IN ('pending', 'accepted', 'revoked', 'expired')),
  invited_by text NOT NULL,
  expires_at timestamptz NOT NULL,
  send_count integer NOT NULL DEFAULT 1 CHECK (send_count >= 1),
  email_status text NOT NULL CHECK (email_status IN ('queued', 'sent', 'failed')),
  email_error text,
  last_sent_at timestamptz,
  accepted_at timestamptz,
  accepted_coach_id text,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- One open invitation per email and organization (a second invite is a resend).
CREATE UNIQUE INDEX coach_invitations_one_pending_idx ON coach_invitations (org_id, email) WHERE status = 'pending';
CREATE INDEX coach_invitations_list_idx ON coach_invitations (org_id, created_at DESC, id DESC);

-- Their join-link tokens live with the athletes' ones (one lookup for /join/{token}); the kind
-- says which table the invitation is in.
ALTER TABLE invitation_tokens DROP CONSTRAINT invitation_tokens_kind_check;
ALTER TABLE invitation_tokens ADD CONSTRAINT invitation_tokens_kind_check CHECK (kind IN ('link', 'email', 'coach'));
