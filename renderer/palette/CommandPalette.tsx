/**
 * The command palette (Mantine Spotlight), opened with Ctrl+K / Cmd+K from anywhere, text fields
 * included: jump to any athlete by name, display name or email, or run an action. Enter runs the
 * first entry. Reads the athletes from the open database (only while open), so it is mounted inside it.
 *
 * Props: `onImportCsv` runs the "Import CSV" action (default: the app's import dialog,
 * openCsvImport); `limit` caps the athletes listed (default 8).
 */
import { Spotlight, createSpotlight } from '@mantine/spotlight';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { athleteName } from '../../shared/domain/athlete';
import { useAthletes } from '../data/athletes';
import { openCsvImport } from '../csv/importDialog';
import { signOut } from '../session/signOut';
import { SearchIcon } from '../ui/icons';
import { matchAthletes, matchCommands, type PaletteCommand } from './paletteSearch';

export type CommandPaletteProps = { onImportCsv?: () => void; limit?: number };

type Command = PaletteCommand & { run: () => void };

// A store of its own, so this palette never reacts to another Spotlight of the app.
const [paletteStore, palette] = createSpotlight();
/** Opens the command palette (e.g. from a toolbar button). */
export const openCommandPalette = palette.open;

export function CommandPalette({ onImportCsv, limit = 8 }: CommandPaletteProps) {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');

  const commands = useMemo<Command[]>(() => {
    const go = (to: string) => () => void navigate(to);
    return [
      { id: 'roster', label: 'Roster', description: 'All athletes of the organization', keywords: ['athletes', 'home'], run: go('/') },
      { id: 'my-athletes', label: 'My athletes', description: 'Athletes assigned to me', keywords: ['mine', 'assigned'], run: go('/?coach=me') },
      { id: 'plans', label: 'Plans', description: 'Training plans', keywords: ['training'], run: go('/plans') },
      { id: 'groups', label: 'Groups', description: 'Groups of athletes', keywords: ['squads', 'teams'], run: go('/groups') },
      { id: 'new-plan', label: 'New plan', description: 'Create a training plan', keywords: ['create', 'add', 'training'], run: go('/plans/new') },
      {
        id: 'import-csv',
        label: 'Import CSV',
        description: 'Update athletes from a spreadsheet',
        keywords: ['upload', 'spreadsheet', 'excel'],
        run: onImportCsv ?? openCsvImport,
      },
      {
        id: 'sign-out',
        label: 'Sign out',
        description: 'End this session',
        keywords: ['log out', 'logout', 'exit'],
        run: () => void signOut({ tellServer: true }).then(() => navigate('/signin')),
      },
    ];
  }, [navigate, onImportCsv]);

  return (
    <Spotlight.Root
      store={paletteStore}
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      tagsToIgnore={[]}
      scrollable
      maxHeight={440}
      aria-label="Command palette"
    >
      <Spotlight.Search placeholder="Jump to an athlete or an action…" aria-label="Search athletes and actions" leftSection={<SearchIcon />} />
      <PaletteResults query={query} commands={commands} limit={limit} />
    </Spotlight.Root>
  );
}

/**
 * The entries for a query. Rendered only while the palette is open (the Spotlight modal unmounts
 * its content when closed), so the roster is only subscribed to while the coach is searching.
 */
function PaletteResults({ query, commands, limit }: { query: string; commands: readonly Command[]; limit: number }) {
  const navigate = useNavigate();
  const athletes = useAthletes();
  const found = useMemo(() => matchAthletes(athletes ?? [], query, limit), [athletes, query, limit]);
  const shownCommands = useMemo(() => matchCommands(commands, query), [commands, query]);
  const nothing = found.length === 0 && shownCommands.length === 0;

  // Enter runs the first entry: select it whenever the list changes.
  useEffect(() => {
    if (!nothing) selectFirst();
  }, [found, shownCommands, nothing]);

  return (
    <Spotlight.ActionsList>
      {found.length > 0 && (
        <Spotlight.ActionsGroup label="Athletes">
          {found.map((a) => (
            <Spotlight.Action
              key={a.id}
              label={athleteName(a)}
              description={a.display_name ? `${a.first_name} ${a.last_name} · ${a.email}` : a.email}
              onClick={() => void navigate(`/athletes/${a.id}`)}
            />
          ))}
        </Spotlight.ActionsGroup>
      )}
      {shownCommands.length > 0 && (
        <Spotlight.ActionsGroup label="Actions">
          {shownCommands.map((c) => (
            <Spotlight.Action key={c.id} label={c.label} description={c.description} onClick={c.run} />
          ))}
        </Spotlight.ActionsGroup>
      )}
      {nothing && <Spotlight.Empty>No athlete or action matches “{query.trim()}”.</Spotlight.Empty>}
    </Spotlight.ActionsList>
  );
}

/** Marks the first entry as selected (after the list has rendered). */
function selectFirst(): void {
  requestAnimationFrame(() => {
    const { listId } = paletteStore.getState();
    const list = listId ? document.getElementById(listId) : null;
    const first = list?.querySelector<HTMLElement>('[data-action]');
    if (!list || !first) return;
    list.querySelector('[data-selected]')?.removeAttribute('data-selected');
    first.setAttribute('data-selected', 'true');
    paletteStore.setState((state) => ({ ...state, selected: 0 }));
  });
}
