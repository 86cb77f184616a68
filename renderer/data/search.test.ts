import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, distinctLabels, distinctLevels, facetCounts, filterAthletes, isFiltering, narrowingFilter, narrows, normalizeSearchText, sortAthletes, sortRoster, type RosterFilter } from './search';
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

  it('filters by coach: a coach, me, or unassigned', () => {
    const C1 = '00000000-0000-4000-8000-0000000000c1';
    const C2 = '00000000-0000-4000-8000-0000000000c2';
    const staffed = [{ ...roster[0]!, coach_ids: [C1] }, { ...roster[1]!, coach_ids: [C1, C2] }, roster[2]!];
    expect(ids(filterAthletes(staffed, { ...EMPTY_FILTER, coach: C1 }))).toEqual(['Zoë', 'Ben']);
    expect(ids(filterAthletes(staffed, { ...EMPTY_FILTER, coach: C2 }))).toEqual(['Ben']);
    expect(ids(filterAthletes(staffed, { ...EMPTY_FILTER, coach: 'none' }))).toEqual(['Ada']);
    expect(ids(filterAthletes(staffed, { ...EMPTY_FILTER, coach: 'me' }, C2))).toEqual(['Ben']);
    expect(filterAthletes(staffed, { ...EMPTY_FILTER, coach: 'me' }, null)).toEqual([]);
    expect(isFiltering({ ...EMPTY_FILTER, coach: 'none' })).toBe(true);
  });

  it('counts what each filter choice would leave given the other filters, in one pass', () => {
    const C1 = '00000000-0000-4000-8000-0000000000c1';
    const staffed = [{ ...roster[0]!, coach_ids: [C1] }, roster[1]!, roster[2]!];
    const none = facetCounts(staffed, EMPTY_FILTER, C1);
    expect(Object.fromEntries(none.status)).toEqual({ active: 1, suspended: 1, inactive: 1 });
    expect(Object.fromEntries(none.label)).toEqual({ '@marathon': 2, '@injury-watch': 1, '@track': 1 });
    expect(Object.fromEntries(none.coach)).toEqual({ [C1]: 1, me: 1, none: 2 });
    expect(Object.fromEntries(none.group)).toEqual({ [G1]: 2, [G2]: 1 });
    // With label=@marathon: the label facet ignores itself, the others count only marathon runners.
    const f = { ...EMPTY_FILTER, label: '@marathon' };
    const counts = facetCounts(staffed, f, C1);
    expect(Object.fromEntries(counts.label)).toEqual({ '@marathon': 2, '@injury-watch': 1, '@track': 1 });
    expect(Object.fromEntries(counts.status)).toEqual({ active: 1, inactive: 1 });
    expect(Object.fromEntries(counts.coach)).toEqual({ [C1]: 1, me: 1, none: 1 });
    // Each count equals the size of the filtered list with that choice.
    for (const [status, n] of counts.status) expect(filterAthletes(staffed, { ...f, status }, C1).length).toBe(n);
    for (const [coach, n] of counts.coach) expect(filterAthletes(staffed, { ...f, coach }, C1).length).toBe(n);
    // The search narrows every facet.
    expect(Object.fromEntries(facetCounts(staffed, { ...EMPTY_FILTER, q: 'ada' }).status)).toEqual({ inactive: 1 });
  });

  it('sorts by any column, stable, empty values last', () => {
    const base = sortAthletes(roster); // Zoë Ångström, Ada Lovelace, Ben Okafor
    expect(ids(sortRoster(base, { column: 'name', direction: 'desc' }))).toEqual(['Ben', 'Ada', 'Zoë']);
    expect(ids(sortRoster(base, { column: 'email', direction: 'asc' }))).toEqual(['Ada', 'Ben', 'Zoë']);
    expect(ids(sortRoster(base, { column: 'status', direction: 'desc' }))).toEqual(['Ben', 'Ada', 'Zoë']);
    expect(ids(sortRoster(base, { column: 'level', direction: 'asc' }))).toEqual(['Ada', 'Zoë', 'Ben']);
    expect(ids(sortRoster(base, { column: 'level', direction: 'desc' }))).toEqual(['Zoë', 'Ada', 'Ben']);
    expect(ids(sortRoster(base, { column: 'display_name', direction: 'asc' }))).toEqual(['Ben', 'Zoë', 'Ada']);
    const C = '00000000-0000-4000-8000-0000000000c1';
    const coached = base.map((a) => (a.first_name === 'Ben' ? a : { ...a, coach_ids: [C] }));
    expect(ids(sortRoster(coached, { column: 'coaches', direction: 'asc' }, new Map([[C, 'Kim']])))).toEqual(['Zoë', 'Ada', 'Ben']);
    const same = Array.from({ length: 50 }, (_, i) => sampleAthlete(i + 100, { status: 'active' }));
    expect(sortRoster(same, { column: 'status', direction: 'desc' })).toEqual(same);
  });

  it('finds the right runners among 10,000 athletes (speed is measured by the benchmark, not here)', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => sampleAthlete(i + 10, { first_name: `Runner${i}`, last_name: `Family${i % 97}` }));
    expect(filterAthletes(big, { ...EMPTY_FILTER, q: 'runner1234' }).map((a) => a.first_name)).toEqual(['Runner1234']);
    expect(filterAthletes(big, { ...EMPTY_FILTER, q: 'RUNNER999' }).length).toBe(11); // 999 and 9990..9999
  });
});

describe('narrowingFilter: filtering the last matches while the search narrows', () => {
  const names = ['Zoë', 'Zola', 'Ben', 'Benedikt', 'Ada', 'Adam', 'Garza', 'García', 'Ngozi', 'Nguyễn'];
  const many = Array.from({ length: 40 }, (_, i) =>
    sampleAthlete(i + 1, {
      first_name: names[i % names.length] as string,
      last_name: names[(i * 7) % names.length] as string,
      display_name: i % 3 === 0 ? 'Rocket' : null,
      email: `${(names[i % names.length] as string).toLowerCase()}${i}@club.test`,
      status: i % 4 === 0 ? 'suspended' : 'active',
    }),
  );

  it('knows which searches narrow the last one', () => {
    const f = (q: string, status: string | null = null): RosterFilter => ({ ...EMPTY_FILTER, q, status });
    expect(narrows(f(''), f('g'))).toBe(true);
    expect(narrows(f('ga'), f('gar'))).toBe(true);
    expect(narrows(f('gar'), f('gar zo'))).toBe(true);
    expect(narrows(f('zo ga'), f('gar zoe'))).toBe(true);
    expect(narrows(f('ZOË'), f('zoe'))).toBe(true);
    expect(narrows(f('gar'), f('ga'))).toBe(false);
    expect(narrows(f('gar zo'), f('garzo'))).toBe(true);
    expect(narrows(f('gar zo'), f('gar'))).toBe(false);
    expect(narrows(f('g'), f('g', 'active'))).toBe(false);
  });

  it('always gives what filtering the whole list gives, in the same order', () => {
    // Random typing (characters, spaces, backspaces, clears) and filter changes, against the plain filter.
    const step = fc.oneof(
      fc.constantFrom('a', 'e', 'g', 'n', 'z', 'o', 'ë', 'B', ' ', '@').map((c) => ({ kind: 'type' as const, c })),
      fc.constant({ kind: 'back' as const }),
      fc.constant({ kind: 'clear' as const }),
      fc.constantFrom(null, 'active', 'suspended').map((status) => ({ kind: 'status' as const, status })),
      fc.constant({ kind: 'list' as const }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const filter = narrowingFilter();
        let list: readonly typeof many[number][] = many;
        let f: RosterFilter = EMPTY_FILTER;
        for (const s of steps) {
          if (s.kind === 'type') f = { ...f, q: f.q + s.c };
          else if (s.kind === 'back') f = { ...f, q: f.q.slice(0, -1) };
          else if (s.kind === 'clear') f = { ...f, q: '' };
          else if (s.kind === 'status') f = { ...f, status: s.status };
          else list = [...list].reverse(); // a new list (the roster changed or was sorted again)
          expect(filter(list, f, null)).toEqual(filterAthletes(list, f, null));
        }
      }),
      { numRuns: 300 },
    );
  });
});
