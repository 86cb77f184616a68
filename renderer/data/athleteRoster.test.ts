import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, skip } from 'rxjs';
import { athleteRoster } from './athletes';
import { sortAthletes } from './search';
import { openTestDatabase, sampleAthlete } from './testDb';
import type { AstralData } from './database';

let open: AstralData | null = null;
afterEach(async () => {
  await open?.db.close();
  open = null;
});

const NAMES = ['Ångström', 'zimmer', 'Adams', 'Öztürk', 'Nowak', 'adams', 'Łukasz', 'Müller', 'Berg'];

describe('athleteRoster (the shared, sorted roster behind useAthletes)', () => {
  it('gives every subscriber the same list, once sorted, in roster order', { timeout: 30_000 }, async () => {
    const data = await openTestDatabase();
    open = data;
    await data.db.athletes.bulkInsert(NAMES.map((last, i) => sampleAthlete(i + 1, { last_name: last, first_name: i % 2 ? 'Zoë' : 'Ana' })));
    const roster = athleteRoster(data.db);
    expect(athleteRoster(data.db)).toBe(roster);
    const [a, b] = await Promise.all([firstValueFrom(roster), firstValueFrom(roster)]);
    expect(a).toBe(b);
    expect(a.map((x) => x.id)).toEqual(sortAthletes(a).map((x) => x.id));
    expect(a).toHaveLength(NAMES.length);
  });

  it('stays in roster order after a rename, an insert and a removal', { timeout: 30_000 }, async () => {
    const data = await openTestDatabase();
    open = data;
    await data.db.athletes.bulkInsert(NAMES.map((last, i) => sampleAthlete(i + 1, { last_name: last })));
    const roster = athleteRoster(data.db);
    const seen: string[][] = [];
    const sub = roster.subscribe((list) => seen.push(list.map((x) => x.last_name)));
    await firstValueFrom(roster);

    const renamed = firstValueFrom(roster.pipe(skip(1)));
    await (await data.db.athletes.findOne(sampleAthlete(3).id).exec())?.incrementalPatch({ last_name: 'Zzz' });
    let list = await renamed;
    expect(list.map((x) => x.id)).toEqual(sortAthletes(list).map((x) => x.id));
    expect(list.at(-1)?.last_name).toBe('Zzz');

    const inserted = firstValueFrom(roster.pipe(skip(1)));
    await data.db.athletes.insert(sampleAthlete(50, { last_name: 'Aaron' }));
    list = await inserted;
    expect(list[0]?.last_name).toBe('Aaron');
    expect(list.map((x) => x.id)).toEqual(sortAthletes(list).map((x) => x.id));

    const removed = firstValueFrom(roster.pipe(skip(1)));
    await (await data.db.athletes.findOne(sampleAthlete(50).id).exec())?.remove();
    list = await removed;
    expect(list.map((x) => x.last_name)).not.toContain('Aaron');
    expect(list.map((x) => x.id)).toEqual(sortAthletes(list).map((x) => x.id));
    sub.unsubscribe();
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });
});
