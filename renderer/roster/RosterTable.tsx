/**
 * The roster table: sortable headers and one row per athlete shown. Rows are plain <tr>/<td> with
 * CSS classes (RosterTable.module.css), not Mantine components per cell: at 10,000 athletes each
 * keystroke renders up to 100 new rows, and the component per cell was most of that time.
 * Rows are keyed by position, not by athlete: a search that changes the rows updates the text of
 * the rows already there instead of removing them and building new ones (removing rows was the
 * largest cost of a keystroke). A change that brings many changed rows paints the top of the table
 * first (progressiveSlots) and the rest of the page in a transition that the next keystroke interrupts.
 */
import { Checkbox, Table } from '@mantine/core';
import { memo, startTransition, useCallback, useEffect, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import { useHref, useNavigate } from 'react-router';
import { athleteName, type Athlete } from '../../shared/domain/athlete';
import { AttentionCell } from '../attention/AttentionCell';
import { DEFAULT_SORT, type RosterSort } from '../data/search';
import type { AthleteAttention } from '../data/signals';
import { STATUS_COLORS, STATUS_LABELS } from '../ui/format';
import classes from './RosterTable.module.css';
import { SortHeader } from './SortHeader';

type CellsProps = {
  athlete: Athlete;
  /** The athletes' route as an href ("/athletes"); the row adds "/{id}". */
  href: string;
  onOpen(e: MouseEvent<HTMLAnchorElement>): void;
  coachNames: Map<string, string>;
  selected: boolean;
  onToggle(id: string, selected: boolean): void;
  attention: AthleteAttention | undefined;
};

// A row's cells get plain props (no subscriptions of their own) and are memoised on the athlete
// object: a keystroke renders only the rows whose athlete changed, ticking one box re-renders one row.
const AthleteCells = memo(function AthleteCells({ athlete, href, onOpen, coachNames, selected, onToggle, attention }: CellsProps) {
  const coaches = athlete.coach_ids.map((id) => coachNames.get(id)).filter((n): n is string => Boolean(n));
  return (
    <>
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
          {/* A plain link (one navigate for the table, not a router Link's hooks per row) */}
          <a href={`${href}/${athlete.id}`} data-athlete={athlete.id} onClick={onOpen} className={classes.name}>
            {`${athlete.first_name} ${athlete.last_name}`}
          </a>
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
    </>
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
 * Changed rows rendered in the frame of a change, at most: more than a 1,440 px tall window shows
 * below the roster's header and filters. A smaller window gets fewer (firstPaintRows).
 */
export const FIRST_PAINT_ROWS = 30;
/** A roster row is this tall at least (one line of text and the cell padding). */
const ROW_MIN_PX = 37;
/**
 * Changed rows the first frame renders in a window `height` px tall: as many rows as the whole
 * window could show, so the rows on screen are complete whatever the page's scroll position (the
 * bench checks that the first paint reaches the window's bottom), FIRST_PAINT_ROWS at most.
 */
export const firstPaintRows = (height: number): number => Math.min(FIRST_PAINT_ROWS, Math.max(8, Math.ceil(height / ROW_MIN_PX)));

/** firstPaintRows for this window, followed on resize. */
function useFirstPaintRows(): number {
  const [rows, setRows] = useState(() => firstPaintRows(window.innerHeight));
  useEffect(() => {
    const onResize = () => setRows(firstPaintRows(window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return rows;
}
const NO_ROWS: readonly Athlete[] = [];

/**
 * What the frame of a change renders, rows keyed by position ("slots"). When at most `limit`
 * positions change (`committed` holds the slots on screen; rows are compared by
 * object), all of `next`. Otherwise `next` up to its `limit`-th changed position: the top
 * of the table, where the coach looks, is complete, and rows above it are never dropped ("Show
 * more" keeps the rows shown). Slots of `committed` past what is shown stay, hidden (`shown` is the
 * number shown), so that frame neither removes rows nor shows stale ones; the whole list follows.
 */
export function progressiveSlots<T>(next: readonly T[], committed: readonly T[], limit = FIRST_PAINT_ROWS): { slots: readonly T[]; shown: number } {
  let shown = next.length;
  let changed = 0;
  for (let i = 0; i < next.length; i++) {
    if (next[i] !== committed[i] && ++changed > limit) {
      shown = i;
      break;
    }
  }
  if (committed.length <= shown) return { slots: shown === next.length ? next : next.slice(0, shown), shown };
  return { slots: [...next.slice(0, shown), ...committed.slice(shown)], shown };
}

/**
 * `athletes`, painted progressively: the first render shows progressiveSlots; once that frame is
 * painted, a transition (interrupted by new input) renders the whole list. The transition starts
 * only after the paint, so its work never delays the frame that shows the top of the table.
 */
function useProgressiveSlots(athletes: readonly Athlete[]): { slots: readonly Athlete[]; shown: number } {
  // The list last rendered whole; starts from none, so the first paint of a mounted table is progressive too.
  const [whole, setWhole] = useState<readonly Athlete[]>(NO_ROWS);
  // The slots of the last commit (an interrupted transition commits nothing).
  const committed = useRef<readonly Athlete[]>(NO_ROWS);
  const limit = useFirstPaintRows();
  const view = whole === athletes ? { slots: athletes, shown: athletes.length } : progressiveSlots(athletes, committed.current, limit);
  useLayoutEffect(() => {
    committed.current = view.slots;
  });
  const partial = view.slots !== athletes;
  useEffect(() => {
    if (!partial) return;
    return afterNextPaint(() => startTransition(() => setWhole(athletes)));
  }, [athletes, partial]);
  return view;
}

/** Runs `fn` in a task after the next frame is produced (requestAnimationFrame, then a message); returns a cancel function. */
function afterNextPaint(fn: () => void): () => void {
  let cancelled = false;
  const frame = requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      if (!cancelled) fn();
    };
    channel.port2.postMessage(null);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
  };
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
  const { slots, shown } = useProgressiveSlots(athletes);
  const href = useHref('/athletes');
  const navigate = useNavigate();
  // Opens an athlete in the app on a plain click; a click with a modifier keeps the browser's own handling.
  const open = useCallback(
    (e: MouseEvent<HTMLAnchorElement>) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.altKey || e.ctrlKey || e.shiftKey) return;
      const id = e.currentTarget.dataset.athlete;
      if (!id) return;
      e.preventDefault();
      void navigate(`/athletes/${id}`);
    },
    [navigate],
  );
  return (
    // A native scroll box: Mantine's ScrollArea watches its content with resize observers and
    // measures it again after every change of rows, a forced layout per keystroke.
    <Table.ScrollContainer minWidth={TABLE_MIN_WIDTH} type="native">
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
          {slots.map((a, i) => (
            // Keyed by position: a row shows whichever athlete is at its place (see the top of this file).
            <tr key={i} className={classes.row} data-selected={selected.has(a.id) || undefined} hidden={i >= shown || undefined}>
              <AthleteCells athlete={a} href={href} onOpen={open} coachNames={coachNames} selected={selected.has(a.id)} onToggle={onToggle} attention={attention?.get(a.id)} />
            </tr>
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
