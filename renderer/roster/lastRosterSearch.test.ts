import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A Map-backed localStorage for the module under test. */
function stubStorage(seed: Record<string, string> = {}) {
  const map = new Map(Object.entries(seed));
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  });
  return map;
}

beforeEach(() => vi.resetModules());
afterEach(() => vi.unstubAllGlobals());

describe('last roster search', () => {
  it('keeps one view per organization database and restores each once', async () => {
    const map = stubStorage({ 'astral.roster.search:db-a': '?status=injured' });
    const m = await import('./lastRosterSearch');
    m.setRosterScope('db-a');
    expect(m.rosterHref()).toBe('/?status=injured');
    expect(m.searchToRestore('')).toBe('?status=injured');
    expect(m.searchToRestore('')).toBeNull();

    m.setRosterScope('db-b');
    expect(m.rosterHref()).toBe('/');
    m.rememberRosterSearch('?q=ana');
    expect(map.get('astral.roster.search:db-b')).toBe('?q=ana');
    expect(map.get('astral.roster.search:db-a')).toBe('?status=injured');

    m.setRosterScope('db-a');
    expect(m.searchToRestore('')).toBe('?status=injured');
  });

  it('a linked view wins over the stored one', async () => {
    stubStorage({ 'astral.roster.search:db-a': '?status=injured' });
    const m = await import('./lastRosterSearch');
    m.setRosterScope('db-a');
    expect(m.searchToRestore('?q=bo')).toBeNull();
  });

  it('works for this run when storage throws', async () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    });
    const m = await import('./lastRosterSearch');
    m.setRosterScope('db-a');
    m.rememberRosterSearch('?q=x');
    expect(m.rosterHref()).toBe('/?q=x');
  });
});
