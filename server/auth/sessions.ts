/** Sign-in sessions (table `sessions`): only the token's SHA-256 is stored; 30 days of validity. */
import type { Db } from '../db/db';
import { SESSION_DAYS, hashToken, looksLikeToken, newToken } from './tokens';

export async function createSession(db: Db, userId: string): Promise<string> {
  const token = newToken();
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(days => $3::int))`,
    [hashToken(token), userId, SESSION_DAYS],
  );
  return token;
}

export type Session = { userId: string; tokenHash: string };

export async function findSession(db: Db, token: string): Promise<Session | null> {
  if (!looksLikeToken(token)) return null;
  const tokenHash = hashToken(token);
  const { rows } = await db.query<{ user_id: string }>('SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > now()', [tokenHash]);
  const row = rows[0];
  return row ? { userId: row.user_id, tokenHash } : null;
}

/** Whether the session of this token hash still exists and has not expired (the live stream re-checks it). */
export async function sessionActive(db: Db, tokenHash: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM sessions WHERE token_hash = $1 AND expires_at > now()', [tokenHash]);
  return rows.length > 0;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Housekeeping: expired sessions are dropped at start-up. */
export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at <= now()');
}
