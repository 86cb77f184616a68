/**
 * Session tokens: 32 bytes from the CSPRNG, base64url, given to the client once. The database only
 * keeps their SHA-256, so a leaked table does not leak usable tokens.
 */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_DAYS = 30;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before any database work: 43 base64url characters. */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
