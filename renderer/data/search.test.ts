import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, distinctLabels, distinctLevels, filterAthletes, isFiltering, normalizeSearchText, sortAthletes } from './search';
import { sampleAthlete } from './testDb';

const G1 = '00000000-0000-4000-8000-0000000000a1';
const G2 = '00000000-0000-4000-8000-0000000000a2';
const roster = [
  sampleAthlete(1, { first_name: 'Zoë', last_name: 'Ångström', email: 'zoe@club.test', status: 'active', member_level: 'elite', labels: ['@marathon'], group_ids: [G1] }),
  sampleAthlete(2, { first_name: 'Ben', last_name: 'Okafor', display_name: 'Rocket', email: 'ben@club.test', status: 'suspended', labels: ['@injury-watch'] }),
  sampleAthlete(3, { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@other.test', status: 'inactive', member_level: 'club', labels: ['@marathon', '@track'], group_ids: [G1, G2] }),
];
const ids = (xs: { first_name: string }[]) => xs.map((a) => a.first_name);

describe('roster search and filters', () => {
  it('normalises case, accents and spaces', () => {
    expect(normalizeSearchText('  ZOË   Ångström ')).toBe('zoe angstrom');
  });

  it('matches first, last, display name and email, as typed, accent-insensitively', () => {
    expect(ids(filterAthletes(roster, { ...EMPTY_FILTER, q: 'zoe' }))).toEqual(['Zoë']);
    expect(ids(filterAthletes(roster, { ...EMPTY_FILTER, q: 'ANGSTR' }))).toEqual(['Zoë']);
    expect(ids(filterAthletes(roster, { ...EMPTY_FILTER, q: 'rocket' }))).toEqual(['Ben']);
    expect(ids(filterAthletes(roster, { ...EMPTY_FILTER, q: 'CLUB.TEST' }))).toEqual(['Zoë', 'Ben']);
    expect(ids(filterAthletes(roster, { ...EMPTY_FILTER, q: 'ada lovelace' }))).toEqual(['Ada']);
    expect(filterAthletes(roster, { ...EMPTY_FILTER, q: 'nobody' })).toEqual([]);
  });

  it('filters by status, member level and label, combined with the search', () => {
    expect(ids(filterAthletes(roster, { ...EMPTY_FILTER, status: 'suspended' }))).toEqual(['Ben']);
    expect(ids(filterAthletes(roster, { ...EMPTY_FILTER, level: 'club' }))).toEqual(['Ada']);
    expect(ids(filterAthletes(roster, { ...EMPTY_FILTER, label: '@marathon' }))).toEqual(['Zoë', 'Ada']);
    expect(ids(filterAthletes(roster, { ...EMPTY_FILTER, label: '@marathon', q: 'ada' }))).toEqual(['Ada']);
    expect(isFiltering(EMPTY_FILTER)).toBe(false);
    expect(isFiltering({ ...EMPTY_FILTER, group: G2 })).toBe(true);
    expect(isFiltering({ ...EMPTY_FILTER, q: ' x ' })).toBe(true);
  });

  it('filters by group, combined with the other filters', () => {
    expect(ids(filterAthletes(roster, { ...EMPTY_FILTER, group: G1 }))).toEqual(['Zoë', 'Ada']);
    expect(ids(filterAthletes(roster, { ...EMPTY_FILTER, group: G2 }))).toEqual(['Ada']);
    expect(ids(filterAthletes(roster, { ...EMPTY_FILTER, group: G1, status: 'active' }))).toEqual(['Zoë']);
    expect(filterAthletes(roster, { ...EMPTY_FILTER, group: '00000000-0000-4000-8000-00000000dead' })).toEqual([]);
  });

  it('sorts by last then first name and lists distinct levels and labels', () => {
    expect(ids(sortAthletes(roster))).toEqual(['Zoë', 'Ada', 'Ben']);
    expect(distinctLevels(roster)).toEqual(['club', 'elite']);
    expect(distinctLabels(roster)).toEqual(['@injury-watch', '@marathon', '@track']);
  });

  it('finds the right runners among 10,000 athletes (speed is measured by the benchmark, not here)', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => sampleAthlete(i + 10, { first_name: `Runner${i}`, last_name: `Family${i % 97}` }));
    expect(filterAthletes(big, { ...EMPTY_FILTER, q: 'runner1234' }).map((a) => a.first_name)).toEqual(['Runner1234']);
    expect(filterAthletes(big, { ...EMPTY_FILTER, q: 'RUNNER999' }).length).toBe(11); // 999 and 9990..9999
  });
});
