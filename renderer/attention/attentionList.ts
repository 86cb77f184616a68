/**
 * The "Needs attention" order, pure so it is tested without a database: athletes with open signals,
 * urgent first, then by number of open signals, then the oldest detection first (waiting longest),
 * then by name. Each athlete's signals are listed worst first, then oldest first.
 * The same severity order is the roster attention column's (data/search.ts, sort 'attention').
 */
import type { Athlete } from '../../shared/domain/athlete';
import type { AttentionSignal, SignalSeverity } from '../../shared/domain/signal';
import { SEVERITY_RANK, worseSeverity } from '../data/signals';

export type AttentionEntry = {
  athleteId: string;
  /** null when the athlete is not on this device (yet): the row still shows, with its signals. */
  athlete: Athlete | null;
  severity: SignalSeverity;
  signals: AttentionSignal[];
  oldest: string;
};

/** Whose signals the page shows: everyone's, or the athletes assigned to me. */
export type AttentionScope = 'all' | 'mine';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const nameOf = (e: AttentionEntry) => (e.athlete ? `${e.athlete.last_name} ${e.athlete.first_name}` : '');

export function bySignalOrder(a: AttentionSignal, b: AttentionSignal): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.detected_on.localeCompare(b.detected_on) || a.id.localeCompare(b.id);
}

/** Groups open signals by athlete in the page's order; `mine` keeps athletes assigned to `myCoachId`. */
export function attentionEntries(
  open: readonly AttentionSignal[],
  athletes: ReadonlyMap<string, Athlete>,
  scope: AttentionScope = 'all',
  myCoachId: string | null = null,
): AttentionEntry[] {
  const byAthlete = new Map<string, AttentionSignal[]>();
  for (const s of open) byAthlete.set(s.athlete_id, [...(byAthlete.get(s.athlete_id) ?? []), s]);
  const entries: AttentionEntry[] = [];
  for (const [athleteId, signals] of byAthlete) {
    const athlete = athletes.get(athleteId) ?? null;
    if (scope === 'mine' && !(athlete && myCoachId !== null && athlete.coach_ids.includes(myCoachId))) continue;
    signals.sort(bySignalOrder);
    const severity = signals.map((s) => s.severity).reduce(worseSeverity);
    const oldest = signals.map((s) => s.detected_on).reduce((x, y) => (x <= y ? x : y));
    entries.push({ athleteId, athlete, severity, signals, oldest });
  }
  return entries.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      b.signals.length - a.signals.length ||
      a.oldest.localeCompare(b.oldest) ||
      collator.compare(nameOf(a), nameOf(b)) ||
      a.athleteId.localeCompare(b.athleteId),
  );
}

/** "3 urgent · 5 watch" (signals), or "Nothing needs attention". */
export function countsLine(counts: Record<SignalSeverity, number>): string {
  if (counts.urgent + counts.watch === 0) return 'Nothing needs attention';
  return `${counts.urgent} urgent · ${counts.watch} watch`;
}
