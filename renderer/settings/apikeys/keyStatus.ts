/**
 * API key display rules: a key's status (revoked wins over expired), the expiry a date field
 * means (the key works through the chosen day, in the coach's time zone), and how dates read.
 * The server checks the same bounds (future, within 5 years); checking here too says so before
 * a round trip.
 */
import type { ApiKeyInfo } from '../teamApi';

export type KeyStatus = 'active' | 'expired' | 'revoked';

export const KEY_STATUS_LABELS: Record<KeyStatus, string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };
export const KEY_STATUS_COLORS: Record<KeyStatus, string> = { active: 'teal', expired: 'orange', revoked: 'gray' };

export function keyStatus(key: Pick<ApiKeyInfo, 'expires_at' | 'revoked_at'>, now: Date = new Date()): KeyStatus {
  if (key.revoked_at) return 'revoked';
  if (key.expires_at && Date.parse(key.expires_at) <= now.getTime()) return 'expired';
  return 'active';
}

const MAX_EXPIRY_DAYS = 5 * 366;
const DAY_MS = 86_400_000;

export type ExpiryResult = { ok: true; expiresAt: string | null } | { ok: false; error: string };

/**
 * "" means no expiry; "2027-01-31" means the key stops working at the end of that day, local time.
 */
export function expiryFromDate(date: string, now: Date = new Date()): ExpiryResult {
  if (date.trim() === '') return { ok: true, expiresAt: null };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return { ok: false, error: 'Enter a date such as 2027-01-31, or leave it empty for no expiry.' };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = new Date(y, mo - 1, d);
  if (start.getFullYear() !== y || start.getMonth() !== mo - 1 || start.getDate() !== d) return { ok: false, error: 'This date does not exist.' };
  const end = new Date(y, mo - 1, d + 1);
  if (end.getTime() <= now.getTime()) return { ok: false, error: 'The expiry date must be today or later.' };
  if (end.getTime() > now.getTime() + MAX_EXPIRY_DAYS * DAY_MS) return { ok: false, error: 'The expiry date must be within 5 years; leave it empty for a key without expiry.' };
  return { ok: true, expiresAt: end.toISOString() };
}

const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** "3 Mar 2026" (or with the time), "" for null. */
export function formatWhen(iso: string | null, withTime = false): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return (withTime ? dateTimeFormat : dateFormat).format(at);
}

/** An expiry as the coach chose it: the end of a day is shown as that day. */
export function formatExpiry(iso: string | null): string {
  if (!iso) return 'Never';
  const at = new Date(iso);
  const endOfDay = at.getHours() === 0 && at.getMinutes() === 0 && at.getSeconds() === 0;
  return endOfDay ? `End of ${formatWhen(new Date(at.getTime() - 1).toISOString())}` : formatWhen(iso, true);
}

/** The date field's bounds: today to 5 years on, as YYYY-MM-DD in local time. */
export function expiryBounds(now: Date = new Date()): { min: string; max: string } {
  const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { min: iso(now), max: iso(new Date(now.getTime() + (MAX_EXPIRY_DAYS - 1) * DAY_MS)) };
}
