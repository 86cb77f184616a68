/**
 * The roster table: sortable headers and one row per athlete shown. Rows are plain <tr>/<td> with
 * CSS classes (RosterTable.module.css), not Mantine components per cell: at 10,000 athletes each
 * keystroke renders up to 100 new rows, and the component per cell was most of that time.
 * A change that brings many new rows paints the top of the table first (progressiveRows) and the
 * rest of the page in a deferred render that the next keystroke interrupts.
 */
import { Checkbox, Table } from '@mantine/core';
import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useRef } from 'react';
import { Link } from 'react-router';
import { athleteName, type Athlete } from '../../shared/domain/athlete';
import { AttentionCell } from '../attention/AttentionCell';
import { DEFAULT_SORT, type RosterSort } from '../data/search';
import type { AthleteAttention } from '../data/signals';
import { STATUS_COLORS, STATUS_LABELS } from '../ui/format';
import classes from './RosterTable.module.css';
import { SortHeader } from './SortHeader';

type RowProps = {
  athlete: Athlete;
  coachNames: Map<string, string>;
  selected: boolean;
  onToggle(id: string, selected: boolean): void;
  attention: AthleteAttention | undefined;
};

// Rows get plain props (no subscriptions of their own) and are memoised on the athlete object:
// a keystroke renders only rows new to the page, ticking one box re-renders one row.
const AthleteRow = memo(function AthleteRow({ athlete, coachNames, selected, onToggle, attention }: RowProps) {
  const coaches = athlete.coach_ids.map((id) => coachNames.get(id)).filter((n): n is string => Boolean(n));
  return (
    <tr className={classes.row} data-selected={selected || undefined}>
      <td className={classes.cell}>
        {/* The selection box shares the name cell, so the columns stay as they were. */}
        <div className={classes.nameCell}>
          <input
            type="checkbox"
            className={classes.check}
            checked={selected}
            onChange={(e) => onToggle(athlete.id, e.currentTarget.checked)}
            aria-label={`Select ${athleteName(athlete)}`}
          />
          <Link to={`/athletes/${athlete.id}`} className={classes.name}>
            {athlete.first_name} {athlete.last_name}
          </Link>
        </div>
      </td>
      <td className={classes.cell}>{athlete.display_name ?? ''}</td>
      <td className={`${classes.cell} ${classes.email}`}>
        <EmailText email={athlete.email} />
      </td>
      <td className={`${classes.cell} ${classes.nowrap}`}>
        <span className={classes.badge} data-color={STATUS_COLORS[athlete.status]}>
          {STATUS_LABELS[athlete.status]}
        </span>
      </td>
      <td className={classes.cell}>{athlete.member_level ?? ''}</td>
      <td className={classes.cell}>
        {athlete.labels.length > 0 && (
          <div className={classes.labels}>
            {athlete.labels.map((l) => (
              <span key={l} className={`${classes.badge} ${classes.label}`}>
                {l}
              </span>
            ))}
          </div>
        )}
      </td>
      <td className={coaches.length > 0 ? classes.cell : `${classes.cell} ${classes.dimmed}`}>{coaches.length > 0 ? coaches.join(', ') : 'Unassigned'}</td>
      <td className={`${classes.cell} ${classes.nowrap}`}>
        <AttentionCell attention={attention} />
      </td>
    </tr>
  );
});

// The header is memoised: typing re-renders the table's rows, not its eight sortable headers.
const RosterHead = memo(function RosterHead({
  sort,
  onSort,
  all,
  some,
  onToggleAll,
}: {
  sort: RosterSort;
  onSort(sort: RosterSort): void;
  all: boolean;
  some: boolean;
  onToggleAll(selected: boolean): void;
}) {
  return (
    <Table.Thead>
      <Table.Tr>
        <SortHeader
          column="name"
          sort={sort}
          onSort={onSort}
          before={
            <Checkbox
              size="xs"
              checked={all}
              indeterminate={some}
              onChange={() => onToggleAll(!all)}
              aria-label="Select all athletes shown"
            />
          }
        >
          Name
        </SortHeader>
        <SortHeader column="display_name" sort={sort} onSort={onSort}>
          Display name
        </SortHeader>
        <SortHeader column="email" sort={sort} onSort={onSort}>
          Email
        </SortHeader>
        {/* room for the widest status ("Suspended") so the badge is never cut */}
        <SortHeader column="status" sort={sort} onSort={onSort} minWidth={112}>
          Status
        </SortHeader>
        <SortHeader column="level" sort={sort} onSort={onSort}>
          Member level
        </SortHeader>
        <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>Labels</Table.Th>
        <SortHeader column="coaches" sort={sort} onSort={onSort}>
          Coaches
        </SortHeader>
        <SortHeader column="attention" sort={sort} onSort={onSort}>
          Attention
        </SortHeader>
      </Table.Tr>
    </Table.Thead>
  );
});

const ignoreSort = () => {};
/**
 * Name, display name, email, status, member level, labels, coaches, attention. Status and attention
 * get the room of their widest badge ("Suspended", "Urgent · 12"); the rest share the table's
 * width (TABLE_MIN_WIDTH at least: narrower windows scroll the table sideways, headers never overlap).
 */
const COLUMN_WIDTHS = ['14%', '12%', '17%', '112px', '12%', '14%', '11%', '104px'];
const TABLE_MIN_WIDTH = 1240;

/**
 * New rows rendered in the frame of a change: more than a 1,440 px tall window shows below the
 * roster's header and filters (a row is 37 px at least). The bench checks that the first paint
 * reaches the bottom of the window.
 */
export const FIRST_PAINT_ROWS = 30;
const NO_ROWS: readonly Athlete[] = [];

/**
 * The rows to render now. When `next` brings at most FIRST_PAINT_ROWS rows that are not on screen
 * (`committed`, compared by object: rows are memoised on the athlete), all of them. Otherwise the
 * longest prefix of `next` with FIRST_PAINT_ROWS new rows: the top of the table, where the coach
 * looks, is complete, and rows above it are never dropped ("Show more" keeps the rows shown).
 */
export function progressiveRows<T>(next: readonly T[], committed: readonly T[]): readonly T[] {
  if (next.length <= FIRST_PAINT_ROWS) return next;
  const onScreen = new Set(committed);
  let fresh = 0;
  let cut = next.length;
  for (let i = 0; i < next.length; i++) {
    if (onScreen.has(next[i] as T)) continue;
    fresh++;
    if (fresh === FIRST_PAINT_ROWS) cut = i + 1;
  }
  return fresh <= FIRST_PAINT_ROWS ? next : next.slice(0, cut);
}

/** `athletes`, painted progressively: the first render shows progressiveRows, a deferred one (interrupted by new input) the whole list. */
function useProgressiveRows(athletes: readonly Athlete[]): readonly Athlete[] {
  // Starts from no rows, so the first paint of a mounted table is progressive too.
  const deferred = useDeferredValue(athletes, NO_ROWS);
  // The rows of the last commit (an interrupted deferred render commits nothing).
  const committed = useRef<readonly Athlete[]>([]);
  const rows = deferred === athletes ? athletes : progressiveRows(athletes, committed.current);
  useLayoutEffect(() => {
    committed.current = rows;
  });
  return rows;
}

export function RosterTable({
  athletes,
  coachNames,
  selected,
  onToggle,
  onToggleAll,
  sort = DEFAULT_SORT,
  onSort = ignoreSort,
  attention,
}: {
  athletes: readonly Athlete[];
  coachNames: Map<string, string>;
  selected: ReadonlySet<string>;
  onToggle(id: string, selected: boolean): void;
  /** Selects or unselects every row shown. */
  onToggleAll(selected: boolean): void;
  /** The column the rows are sorted by (the caller sorts); headers call onSort on click. */
  sort?: RosterSort;
  onSort?(sort: RosterSort): void;
  /** Open attention signals per athlete (worst severity, count); the column is sortable, urgent first. */
  attention?: ReadonlyMap<string, AthleteAttention>;
}) {
  const shownSelected = athletes.reduce((n, a) => n + (selected.has(a.id) ? 1 : 0), 0);
  const all = athletes.length > 0 && shownSelected === athletes.length;
  // A stable callback for the memoised header; it calls the latest onToggleAll.
  const toggleAllRef = useRef(onToggleAll);
  useEffect(() => {
    toggleAllRef.current = onToggleAll;
  });
  const toggleAll = useCallback((on: boolean) => toggleAllRef.current(on), []);
  const rows = useProgressiveRows(athletes);
  return (
    <Table.ScrollContainer minWidth={TABLE_MIN_WIDTH}>
      {/* Fixed layout: the columns keep their widths while the coach types, and the browser lays
          out a changed page without measuring every cell of it first. */}
      <Table aria-label="Athletes" verticalSpacing="xs" className={classes.table}>
        <colgroup>
          {COLUMN_WIDTHS.map((w, i) => (
            <col key={i} style={{ width: w }} />
          ))}
        </colgroup>
        <RosterHead sort={sort} onSort={onSort} all={all} some={shownSelected > 0 && !all} onToggleAll={toggleAll} />
        <Table.Tbody>
          {rows.map((a) => (
            <AthleteRow key={a.id} athlete={a} coachNames={coachNames} selected={selected.has(a.id)} onToggle={onToggle} attention={attention?.get(a.id)} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** An email that may wrap after its "@" (never in the middle of a name) when the column is narrow. */
function EmailText({ email }: { email: string }) {
  const at = email.indexOf('@');
  if (at < 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}
