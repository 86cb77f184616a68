/**
 * Which attention signals this coach's app notifies now, and how (pure; notifier.ts runs it).
 *
 * A signal is a candidate when it is open (signalIsOpen on the organization's today), this coach's
 * id is not in its notified_coach_ids (no start or device of this coach showed it yet), its athlete
 * is followed (assigned to me; for a head coach the "all athletes" setting follows everyone), and
 * this device has not set it aside already (`seen`, keys `id:severity`, kept in a local document):
 * - first start of this device: every signal already there is set aside silently, so a first sync
 *   never fires the organization's backlog; only signals that arrive afterwards notify;
 * - notifications off, or a watch signal with "urgent only": set aside on this device without
 *   writing anything, so another device of the same coach with other settings may still notify it;
 *   a watch signal that later turns urgent is a new key and notifies then;
 * - quiet hours: nothing is shown and nothing set aside; what arrived meanwhile comes out when the
 *   quiet hours end, as one digest when there is more than one.
 * One batch (the signals one sync brought) gives one digest ("3 athletes need attention") when the
 * digest setting is on and it holds several signals, or when it holds more than MAX_SINGLE signals
 * (never a flood); otherwise one notification per signal.
 */
import type { Athlete } from '../../shared/domain/athlete';
import type { NotifyPayload } from '../../shared/ipc/contract';
import type { CoachRole } from '../../shared/domain/organization';
import { SIGNAL_RULE_LABELS, signalIsOpen, type AttentionSignal } from '../../shared/domain/signal';
import { bySignalOrder } from './attentionList';
import { inQuietHours, type NotificationPrefs } from './notificationPrefs';

export const MAX_SINGLE = 3;

export type NotifyAthlete = Pick<Athlete, 'id' | 'first_name' | 'last_name' | 'coach_ids'>;
export type Me = { coachId: string; role: CoachRole };

export type NotifyInput = {
  signals: readonly AttentionSignal[];
  athletes: ReadonlyMap<string, NotifyAthlete>;
  me: Me;
  prefs: NotificationPrefs;
  seen: ReadonlySet<string>;
  today: string;
  now: Date;
};

export type NotifyPlan = {
  show: NotifyPayload[];
  /** Signals to record as notified for this coach (synced). */
  notified: string[];
  /** Keys to set aside on this device without notifying. */
  setAside: string[];
};

export const seenKey = (s: Pick<AttentionSignal, 'id' | 'severity'>): string => `${s.id}:${s.severity}`;

/** Does this coach follow the athlete (notifications, badge)? */
export function follows(athlete: Pick<Athlete, 'coach_ids'> | undefined, me: Me, prefs: Pick<NotificationPrefs, 'headCoachScope'>): boolean {
  if (!athlete) return false;
  if (me.role === 'head_coach' && prefs.headCoachScope === 'all') return true;
  return athlete.coach_ids.includes(me.coachId);
}

const fullName = (a: NotifyAthlete | undefined) => (a ? `${a.first_name} ${a.last_name}`.trim() : 'An athlete');
const ruleTitle = (s: AttentionSignal) => SIGNAL_RULE_LABELS[s.rule].title;

export function singlePayload(s: AttentionSignal, athlete: NotifyAthlete | undefined): NotifyPayload {
  return { title: `${fullName(athlete)}: ${ruleTitle(s)} (${s.severity})`.slice(0, 120), body: s.summary.slice(0, 500), route: `/athletes/${s.athlete_id}` };
}

export function digestPayload(signals: readonly AttentionSignal[], athletes: ReadonlyMap<string, NotifyAthlete>): NotifyPayload {
  const athleteIds = [...new Set(signals.map((s) => s.athlete_id))];
  const n = athleteIds.length;
  const title = n === 1 ? `${fullName(athletes.get(athleteIds[0] ?? ''))} needs attention (${signals.length} signals)` : `${n} athletes need attention`;
  const body = [...signals]
    .sort(bySignalOrder)
    .map((s) => `${fullName(athletes.get(s.athlete_id))}: ${ruleTitle(s)} (${s.severity})`)
    .join('\n');
  return { title: title.slice(0, 120), body: body.length > 500 ? `${body.slice(0, 497)}...` : body, route: n === 1 ? `/athletes/${athleteIds[0]}` : '/attention' };
}

/** The signals that would notify now if settings allowed (open, followed, not notified, not set aside). */
export function candidates(input: Omit<NotifyInput, 'prefs' | 'now'> & { prefs: Pick<NotificationPrefs, 'headCoachScope'> }): AttentionSignal[] {
  const { signals, athletes, me, prefs, seen, today } = input;
  return signals.filter(
    (s) =>
      signalIsOpen(s, today) &&
      !s.notified_coach_ids.includes(me.coachId) &&
      !seen.has(seenKey(s)) &&
      follows(athletes.get(s.athlete_id), me, prefs),
  );
}

export function planNotifications(input: NotifyInput): NotifyPlan {
  const { prefs, athletes } = input;
  const found = candidates(input);
  const plan: NotifyPlan = { show: [], notified: [], setAside: [] };
  if (found.length === 0) return plan;
  if (!prefs.enabled) return { ...plan, setAside: found.map(seenKey) };
  const wanted = prefs.urgentOnly ? found.filter((s) => s.severity === 'urgent') : found;
  plan.setAside = found.filter((s) => !wanted.includes(s)).map(seenKey);
  if (wanted.length === 0 || inQuietHours(prefs, input.now)) return plan;
  const ordered = [...wanted].sort(bySignalOrder);
  plan.show =
    (prefs.digest && ordered.length > 1) || ordered.length > MAX_SINGLE
      ? [digestPayload(ordered, athletes)]
      : ordered.map((s) => singlePayload(s, athletes.get(s.athlete_id)));
  plan.notified = ordered.map((s) => s.id);
  return plan;
}
