/**
 * The roster bench's baseline: "a bare in-memory filter of the same 10,000 objects plus the same
 * table render". The app's own filter (renderer/data/search.ts) and table (RosterTable) over a
 * plain array loaded once from ./data.json, with a plain search input and React state: no
 * database, no subscriptions, no deferred rendering, no layout around it. Like the roster page it
 * shows the first 100 matches and a "Show more" button, with nothing selected. Built by baseline/build.ts, never shipped.
 */
import '@mantine/core/styles.css';
import { Button, Container, MantineProvider, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import type { Athlete } from '../../../shared/domain/athlete';
import type { CoachMembership } from '../../../shared/domain/organization';
import { theme } from '../../../renderer/app/theme';
import { coachName } from '../../../renderer/data/coaches';
import { EMPTY_FILTER, filterAthletes, sortAthletes } from '../../../renderer/data/search';
import { RosterTable } from '../../../renderer/roster/RosterTable';

const PAGE = 100;
const NONE_SELECTED: ReadonlySet<string> = new Set();
const ignore = () => undefined;

function Baseline({ athletes, coachNames }: { athletes: readonly Athlete[]; coachNames: Map<string, string> }) {
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const matches = useMemo(() => filterAthletes(athletes, { ...EMPTY_FILTER, q: query }), [athletes, query]);
  const visible = matches.slice(0, shown);
  return (
    <Container size="xl" py="md">
      <Stack gap="md">
        <input
          type="search"
          aria-label="Search athletes"
          autoComplete="off"
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setShown(PAGE);
          }}
        />
        <Text c="dimmed" size="sm">
          {matches.length.toLocaleString()} of {athletes.length.toLocaleString()} athletes
        </Text>
        {matches.length > 0 ? <RosterTable athletes={visible} coachNames={coachNames} selected={NONE_SELECTED} onToggle={ignore} onToggleAll={ignore} /> : <Text fw={600}>No athletes match your search or filters.</Text>}
        {matches.length > visible.length && (
          <Button variant="default" onClick={() => setShown((n) => n + PAGE * 5)}>
            Show more ({(matches.length - visible.length).toLocaleString()} not shown)
          </Button>
        )}
      </Stack>
    </Container>
  );
}

type BenchData = { athletes: Athlete[]; coaches: CoachMembership[] };

async function main(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  const data = (await (await fetch('./data.json')).json()) as BenchData;
  const athletes = sortAthletes(data.athletes);
  const coachNames = new Map(data.coaches.map((c) => [c.id, coachName(c)]));
  createRoot(root).render(
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <MemoryRouter>
        <Baseline athletes={athletes} coachNames={coachNames} />
      </MemoryRouter>
    </MantineProvider>,
  );
}

void main();
