import { describe, expect, it } from 'vitest';
import { expiryBounds, expiryFromDate, formatExpiry, keyStatus } from './keyStatus';

const now = new Date(2026, 2, 10, 15, 30); // 10 Mar 2026, 15:30 local

describe('API key status', () => {
  it('revoked wins over expired; a key expiring now is expired', () => {
    expect(keyStatus({ expires_at: null, revoked_at: null }, now)).toBe('active');
    expect(keyStatus({ expires_at: new Date(now.getTime() + 1000).toISOString(), revoked_at: null }, now)).toBe('active');
    expect(keyStatus({ expires_at: now.toISOString(), revoked_at: null }, now)).toBe('expired');
    expect(keyStatus({ expires_at: new Date(2020, 0, 1).toISOString(), revoked_at: '2019-01-01T00:00:00Z' }, now)).toBe('revoked');
  });
});

describe('expiry from a date field', () => {
  it('empty means never; a date means the end of that local day', () => {
    expect(expiryFromDate('', now)).toEqual({ ok: true, expiresAt: null });
    expect(expiryFromDate('  ', now)).toEqual({ ok: true, expiresAt: null });
    expect(expiryFromDate('2026-03-10', now)).toEqual({ ok: true, expiresAt: new Date(2026, 2, 11).toISOString() });
    expect(expiryFromDate('2027-01-31', now)).toEqual({ ok: true, expiresAt: new Date(2027, 1, 1).toISOString() });
  });

  it('refuses past days, impossible dates, other formats and more than 5 years', () => {
    for (const bad of ['2026-03-09', '2026-02-30', '31/01/2027', '2027-1-31', 'tomorrow', '2032-03-10']) {
      const r = expiryFromDate(bad, now);
      expect(r.ok, bad).toBe(false);
    }
  });

  it('the field bounds are accepted at both ends', () => {
    const { min, max } = expiryBounds(now);
    expect(min).toBe('2026-03-10');
    expect(expiryFromDate(min, now).ok).toBe(true);
    expect(expiryFromDate(max, now).ok).toBe(true);
  });

  it('shows an end-of-day expiry as that day', () => {
    expect(formatExpiry(null)).toBe('Never');
    const shown = formatExpiry(new Date(2027, 1, 1).toISOString());
    expect(shown).toMatch(/^End of /);
    expect(shown).toMatch(/31/);
    expect(shown).toMatch(/2027/);
  });
});
