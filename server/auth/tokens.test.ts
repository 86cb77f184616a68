import { describe, expect, it } from 'vitest';
import { hashToken, looksLikeToken, newToken } from './tokens';

describe('session tokens', () => {
  it('are 256-bit base64url strings, unique, and hashed deterministically', () => {
    const a = newToken();
    const b = newToken();
    expect(a).not.toBe(b);
    expect(looksLikeToken(a)).toBe(true);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(hashToken(a)).toBe(hashToken(a));
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).not.toBe(hashToken(b));
  });

  it('rejects strings that cannot be tokens', () => {
    for (const bad of ['', 'abc', `${newToken()}=`, 'x'.repeat(43).replace('x', '+'), 'a'.repeat(44)]) {
      expect(looksLikeToken(bad)).toBe(false);
    }
  });
});
