/**
 * The first page of the roster as it was last shown, kept as a local document (same IndexedDB as
 * the athletes, never replicated), so opening the app paints that page at once instead of after
 * reading every athlete. Reading 10,000 athletes through RxDB takes about a second on a laptop;
 * one local document takes a few milliseconds. The roster page shows the snapshot only while the
 * live roster is still loading, and only for the same view (query string) it was taken of; the
 * live rows replace it as soon as they are read. It is saved shortly after the roster changes, so
 * it matches what the local database held when the app closed.
 */
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { Athlete } from '../../shared/domain/athlete';
import type { AstralDatabase } from './database';
import { readLocal } from './localDocs';

const ID = 'roster-snapshot';
/** Rows kept: the roster's first page. */
export const SNAPSHOT_ROWS = 100;
const SAVE_DELAY_MS = 800;
/**
 * Per open database: the read started as soon as it opened (prefetchRosterSnapshot), its value once
 * read (`value`, undefined before), and whether the snapshot was offered already (once per app run).
 */
type SnapshotState = { pending: Promise<RosterSnapshot | null> | null; value?: RosterSnapshot | null; offered: boolean };
const states = new WeakMap<AstralDatabase, SnapshotState>();
const stateOf = (db: AstralDatabase): SnapshotState => {
  let state = states.get(db);
  if (!state) states.set(db, (state = { pending: null, offered: false }));
  return state;
};

/**
 * Starts reading the snapshot right after the database opens, before the sync and the pages start
 * their own reads: the roster page then finds it ready instead of waiting behind the athletes' read.
 */
export function prefetchRosterSnapshot(db: AstralDatabase): void {
  const state = stateOf(db);
  if (state.pending) return;
  state.pending = readRosterSnapshot(db).then((s) => (state.value = s));
}

const Snapshot = z.object({
  /** The roster URL's query string the rows were shown for. */
  view: z.string().max(2000),
  rows: z.array(Athlete).max(SNAPSHOT_ROWS),
  /** Athletes matching the view, and in the organization, when it was taken. */
  matched: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type RosterSnapshot = z.infer<typeof Snapshot>;

/** The saved snapshot, or null (none, or unreadable: the live roster then shows as before). */
export async function readRosterSnapshot(db: AstralDatabase): Promise<RosterSnapshot | null> {
  try {
    const parsed = Snapshot.safeParse(await readLocal<unknown>(db, ID));
    return parsed.success && parsed.data.rows.length > 0 ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function saveRosterSnapshot(db: AstralDatabase, snapshot: RosterSnapshot): Promise<void> {
  await db.upsertLocal(ID, { ...snapshot, rows: snapshot.rows.slice(0, SNAPSHOT_ROWS) });
}

/**
 * The snapshot for the roster page: read once when the page opens; returned while it is of the
 * view now shown (null otherwise, undefined while reading). Once the live roster is shown, it is
 * saved again whenever what the page shows changes (debounced).
 */
export function useRosterSnapshot(
  db: AstralDatabase,
  view: string,
  live: { rows: readonly Athlete[]; matched: number; total: number } | null,
): RosterSnapshot | null | undefined {
  // Only when the app opens: later visits of the roster come after edits made elsewhere in the app,
  // which a snapshot taken before them would show for a moment.
  const [snapshot, setSnapshot] = useState<RosterSnapshot | null | undefined>(() => {
    const state = stateOf(db);
    return state.offered ? null : state.value;
  });
  useEffect(() => {
    const state = stateOf(db);
    if (state.offered) return setSnapshot(null);
    state.offered = true;
    if (state.value !== undefined) return setSnapshot(state.value);
    let alive = true;
    void (state.pending ?? readRosterSnapshot(db)).then((s) => alive && setSnapshot(s));
    return () => {
      alive = false;
    };
  }, [db]);
  const rows = live?.rows;
  const matched = live?.matched;
  const total = live?.total;
  useEffect(() => {
    if (!rows || matched === undefined || total === undefined) return;
    const timer = setTimeout(() => void saveRosterSnapshot(db, { view, rows: rows.slice(0, SNAPSHOT_ROWS), matched, total }).catch(() => undefined), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [db, view, rows, matched, total]);
  if (snapshot === undefined) return undefined;
  return snapshot && snapshot.view === view ? snapshot : null;
}
