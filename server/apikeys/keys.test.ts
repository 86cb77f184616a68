import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashApiKey, looksLikeApiKey, newApiKey } from './keys';

describe('API keys', () => {
  it('are ak_ + 256 random bits in base64url, different every time', () => {
    const keys = new Set(Array.from({ length: 200 }, newApiKey));
    expect(keys.size).toBe(200);
    for (const key of keys) {
      expect(key).toMatch(/^ak_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(key.slice(3), 'base64url')).toHaveLength(32);
      expect(looksLikeApiKey(key)).toBe(true);
    }
  });

  it('are stored as their SHA-256 in hex', () => {
    const key = newApiKey();
    expect(hashApiKey(key)).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashApiKey(key)).not.toContain(key.slice(3, 12));
  });

  it('refuses anything of another shape before any lookup', () => {
    const key = newApiKey();
    for (const bad of ['', 'ak_', key.slice(0, -1), `${key}x`, key.replace('ak_', 'sk_'), ` ${key}`, `ak_${'+'.repeat(43)}`, 'A'.repeat(43)]) {
      expect(looksLikeApiKey(bad), bad).toBe(false);
    }
  });
});
