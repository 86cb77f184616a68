import { describe, expect, it } from 'vitest';
import { sampleAthlete } from '../data/testDb';
import { matchAthletes, matchCommands } from './paletteSearch';

const zoe = sampleAthlete(1, { first_name: 'Zoë', last_name: 'Martin', email: 'zoe.martin@example.test' });
const jose = sampleAthlete(2, { first_name: 'José', last_name: 'García', display_name: 'Pepe', email: 'jgarcia@example.test' });
const mara = sampleAthlete(3, { first_name: 'Mara', last_name: 'Zoellner', email: 'mz@example.test' });
const athletes = [jose, zoe, mara];

describe('matchAthletes', () => {
  it('forgives accents and case in names, display names and emails', () => {
    expect(matchAthletes(athletes, 'ZOE MARTIN', 5)).toEqual([zoe]);
    expect(matchAthletes(athletes, 'jose garcia', 5)).toEqual([jose]);
    expect(matchAthletes(athletes, 'pepe', 5)).toEqual([jose]);
    expect(matchAthletes(athletes, 'jgarcia@', 5)).toEqual([jose]);
  });

  it('puts names starting with the query first', () => {
    expect(matchAthletes(athletes, 'zoe', 5)).toEqual([zoe, mara]);
    expect(matchAthletes(athletes, 'mar', 5)).toEqual([mara, zoe]);
  });

  it('lists nobody for an empty query and caps the results', () => {
    expect(matchAthletes(athletes, '  ', 5)).toEqual([]);
    const many = Array.from({ length: 10_000 }, (_, i) => sampleAthlete(i + 10));
    expect(matchAthletes(many, 'ada', 8)).toHaveLength(8);
    expect(matchAthletes(many, 'runner123', 8).map((a) => a.last_name)).toEqual(['Runner123', 'Runner1230', 'Runner1231', 'Runner1232', 'Runner1233', 'Runner1234', 'Runner1235', 'Runner1236']);
  });
});

describe('matchCommands', () => {
  const commands = [
    { id: 'roster', label: 'Roster', keywords: ['athletes', 'home'] },
    { id: 'mine', label: 'My athletes', description: 'Athletes assigned to me' },
    { id: 'import', label: 'Import CSV', keywords: ['upload', 'spreadsheet'] },
  ];
  it('matches labels, descriptions and keywords; all commands for an empty query', () => {
    expect(matchCommands(commands, '').map((c) => c.id)).toEqual(['roster', 'mine', 'import']);
    expect(matchCommands(commands, 'athl').map((c) => c.id)).toEqual(['roster', 'mine']);
    expect(matchCommands(commands, 'SPREAD').map((c) => c.id)).toEqual(['import']);
    expect(matchCommands(commands, 'import xyz')).toEqual([]);
  });
});
