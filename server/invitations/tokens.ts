/**
 * Join-link tokens (DESIGN.md, "Invite tokens"): 256 random bits from the CSPRNG, base64url (43
 * characters). The server stores only their SHA-256 (lower-case hex) in `invitation_tokens`, so a
 * copy of the database opens no invitation. A token names its organization and invitation through
 * that table; whether it still opens anything is the invitation document's state.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/db';

/** 'link' and 'email' open an athlete invitation (documents), 'coach' a coach invitation (table coach_invitations). */
export type TokenKind = 'link' | 'email' | 'coach';
export type TokenTarget = { orgId: string; invitationId: string; kind: TokenKind };

/** A new token: 32 bytes from the CSPRNG as base64url. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** What a token could look like: anything else is not looked up (and is "invalid" like any unknown token). */
export const plausibleToken = (token: string): boolean => /^[A-Za-z0-9_-]{22,200}$/.test(token);

/**
 * Registers a hash for an invitation; returns false when the hash already names another
 * invitation (re-registering the same one is fine: pushes are retried).
 */
export async function registerTokenHash(db: Db, tokenHash: string, target: TokenTarget): Promise<boolean> {
  const { rows } = await db.query<{ org_id: string; invitation_id: string }>(
    `INSERT INTO invitation_tokens (token_hash, org_id, invitation_id, kind) VALUES ($1, $2, $3, $4)
     ON CONFLICT (token_hash) DO UPDATE SET token_hash = EXCLUDED.token_hash
     RETURNING org_id, invitation_id`,
    [tokenHash, target.orgId, target.invitationId, target.kind],
  );
  const row = rows[0];
  return row !== undefined && row.org_id === target.orgId && row.invitation_id === target.invitationId;
}

/** The invitation a hash belongs to, elsewhere than `invitationId`, if any. */
export async function hashTakenElsewhere(db: Db, tokenHash: string, orgId: string, invitationId: string): Promise<boolean> {
  const { rows } = await db.query<{ org_id: string; invitation_id: string }>('SELECT org_id, invitation_id FROM invitation_tokens WHERE token_hash = $1', [tokenHash]);
  const row = rows[0];
  return row !== undefined && (row.org_id !== orgId || row.invitation_id !== invitationId);
}

/** The invitation a token opens (by its hash), or null. */
export async function findToken(db: Db, token: string): Promise<TokenTarget | null> {
  if (!plausibleToken(token)) return null;
  const { rows } = await db.query<{ org_id: string; invitation_id: string; kind: TokenKind }>(
    'SELECT org_id, invitation_id, kind FROM invitation_tokens WHERE token_hash = $1',
    [hashToken(token)],
  );
  const row = rows[0];
  return row ? { orgId: row.org_id, invitationId: row.invitation_id, kind: row.kind } : null;
}
