/**
 * Organization API keys (table `api_keys`, migration 002). A key is `ak_` + 32 CSPRNG bytes in
 * base64url (256 bits), returned once by `createApiKey`; the database keeps only its SHA-256 and
 * a short prefix to tell keys apart. A key is valid until it is revoked or its expiry passes;
 * every request looks it up again, so revoking takes effect on the next request.
 */
import type { ApiKey } from '../../shared/domain/api-key';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/db';

export const API_KEY_PREFIX = 'ak_';
/** At most this many keys that are neither revoked nor expired per organization. */
export const MAX_ACTIVE_KEYS = 50;
/** `last_used_at` is refreshed at most this often per key, so a busy integration does not write on every call. */
const LAST_USED_RESOLUTION_S = 60;

/** A key as the API shows it (shared/domain/api-key.ts). */
export type ApiKeyInfo = ApiKey;

export type ActiveApiKey = { id: string; orgId: string; keyHash: string };

export function newApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Cheap shape check before any database work. */
export function looksLikeApiKey(key: string): boolean {
  return /^ak_[A-Za-z0-9_-]{43}$/.test(key);
}

type KeyRow = Omit<ApiKeyInfo, 'created_at' | 'expires_at' | 'revoked_at' | 'last_used_at'> & {
  created_at: Date | string;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
};

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());
const toInfo = (r: KeyRow): ApiKeyInfo => ({
  id: r.id,
  name: r.name,
  key_prefix: r.key_prefix,
  created_by: r.created_by,
  created_at: iso(r.created_at) as string,
  expires_at: iso(r.expires_at),
  revoked_at: iso(r.revoked_at),
  last_used_at: iso(r.last_used_at),
});

const COLUMNS = 'id, name, key_prefix, created_by, created_at, expires_at, revoked_at, last_used_at';

export async function countActiveKeys(db: Db, orgId: string): Promise<number> {
  const { rows } = await db.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM api_keys WHERE org_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())',
    [orgId],
  );
  return Number(rows[0]?.n ?? 0);
}

export type NewApiKey = { orgId: string; name: string; createdBy: string; expiresAt: string | null };

/** Stores a new key; the returned `key` is the only time anyone sees it. */
export async function createApiKey(db: Db, input: NewApiKey): Promise<{ key: string; info: ApiKeyInfo }> {
  const key = newApiKey();
  const { rows } = await db.query<KeyRow>(
    `INSERT INTO api_keys (id, org_id, name, key_hash, key_prefix, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [randomUUID(), input.orgId, input.name, hashApiKey(key), key.slice(0, API_KEY_PREFIX.length + 8), input.createdBy, input.expiresAt],
  );
  return { key, info: toInfo(rows[0] as KeyRow) };
}

/** Every key of the organization, revoked and expired ones included, newest first. */
export async function listApiKeys(db: Db, orgId: string): Promise<ApiKeyInfo[]> {
  const { rows } = await db.query<KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE org_id = $1 ORDER BY created_at DESC, id`, [orgId]);
  return rows.map(toInfo);
}

/** Revokes a key of the organization (revoking twice keeps the first time). Null when there is no such key. */
export async function revokeApiKey(db: Db, orgId: string, id: string): Promise<ApiKeyInfo | null> {
  const { rows } = await db.query<KeyRow>(
    `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [orgId, id],
  );
  return rows[0] ? toInfo(rows[0]) : null;
}

/** The key if it exists, is not revoked and has not expired; notes its use. */
export async function findActiveApiKey(db: Db, key: string): Promise<ActiveApiKey | null> {
  if (!looksLikeApiKey(key)) return null;
  const keyHash = hashApiKey(key);
  const { rows } = await db.query<{ id: string; org_id: string }>(
    `SELECT id, org_id FROM api_keys
      WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
    [keyHash],
  );
  const row = rows[0];
  if (!row) return null;
  await db.query(
    `UPDATE api_keys SET last_used_at = now()
      WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
    [row.id, LAST_USED_RESOLUTION_S],
  );
  return { id: row.id, orgId: row.org_id, keyHash };
}

/** Whether the key is still usable now (a long request re-checks before writing). */
export async function apiKeyActive(db: Db, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM api_keys WHERE id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())', [id]);
  return rows.length > 0;
}
