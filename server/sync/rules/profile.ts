/**
 * Sync push rules of the athlete-profile collections (shared/domain/{activity,signal}.ts):
 * - `activities`: any coach's app creates one (a file dropped on a profile, offline too) under its
 *   derived id (activityId(athlete_id, start_time)) for a live athlete. An activity never changes
 *   once stored; it may be removed (tombstone) and imported again (the removed one comes back).
 *   `local_date` must be the start's calendar day in the organization's time zone: the app knows
 *   the zone and the import module computes it, so a different day is refused rather than silently
 *   rewritten (a rewrite would leave the app holding a document the server does not have).
 * - `daily_metrics`: created under dailyMetricId(athlete_id, date) for a live athlete; replaced or
 *   removed freely (a newer measurement of the same day wins).
 * - `attention_signals`: only the server creates, resolves or removes them. A coach changes only
 *   SIGNAL_COACH_FIELDS: status among open / acknowledged / snoozed (snoozed until a day after the
 *   organization's today), `handled_by` only to their own coach id, `notified_coach_ids` only by
 *   adding their own coach id.
 * After a push of activities or daily metrics, the signals of every athlete it touched are
 * evaluated again in the same write (server/signals), so every app sees them with the data.
 */
import { activityId, dailyMetricId, type Activity, type DailyMetric } from '../../../shared/domain/activity';
import { COACH_SIGNAL_STATUSES, SIGNAL_COACH_FIELDS, type AttentionSignal } from '../../../shared/domain/signal';
import { todayIn } from '../../../shared/schedule/dates';
import { dayIn } from '../../../shared/activities/summary';
import { evaluateAthletes } from '../../signals/evaluate';
import { canonicalJson } from '../../signals/lifecycle';
import { athleteRefusal, type Refusal } from '../references';
import type { DocData, OrgWriter, StoredDoc } from '../store';
import type { DecisionContext, RuleContext } from './invitations';

export type ProfileCollection = 'activities' | 'daily_metrics' | 'attention_signals';

export const ACTIVITY_FIXED_MESSAGE = 'An activity does not change once stored; remove it and import it again.';

/** Fields compared to tell a change apart; bookkeeping written by the server is left out. */
const BOOKKEEPING = new Set(['created_at', 'updated_at']);
const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** The fields whose values differ between two documents (bookkeeping left out). */
export function changedFields(before: DocData, after: DocData): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !BOOKKEEPING.has(k) && !same(before[k], after[k]));
}

function derivedIdRefusal(collection: 'activities' | 'daily_metrics', doc: DocData): Refusal | null {
  if (collection === 'activities') {
    const a = doc as Activity;
    if (a.id === activityId(a.athlete_id, a.start_time)) return null;
    return { code: 'invalid', field: 'id', message: 'id: an activity id is derived from its athlete and start time (activityId)' };
  }
  const m = doc as DailyMetric;
  if (m.id === dailyMetricId(m.athlete_id, m.date)) return null;
  return { code: 'invalid', field: 'id', message: 'id: a daily measurement id is derived from its athlete and date (dailyMetricId)' };
}

/** A new document of a profile collection pushed by a coach's app. */
export function refuseProfileCreate(collection: ProfileCollection, doc: DocData, _ctx: DecisionContext): Refusal | null {
  if (collection === 'attention_signals') return { code: 'forbidden', message: 'Attention signals are raised by the server; an app cannot create one.' };
  return derivedIdRefusal(collection, doc);
}

/** A change to (or removal of) a stored profile document. */
export function refuseProfileChange(collection: ProfileCollection, stored: StoredDoc, doc: DocData, deleted: boolean, ctx: DecisionContext): Refusal | null {
  if (collection === 'attention_signals') return refuseSignalChange(stored, doc, deleted, ctx);
  const idRefusal = derivedIdRefusal(collection, doc);
  if (idRefusal) return idRefusal;
  if (collection === 'daily_metrics') return null;
  // A removed activity imported again comes back (same id: same athlete, same start minute).
  if (stored.deleted) return deleted ? { code: 'forbidden', message: 'This activity was removed.' } : null;
  const changed = changedFields(stored.data, doc);
  if (changed.length > 0) return { code: 'forbidden', field: changed[0], message: ACTIVITY_FIXED_MESSAGE };
  return null;
}

const COACH_FIELDS: readonly string[] = SIGNAL_COACH_FIELDS;

function refuseSignalChange(stored: StoredDoc, doc: DocData, deleted: boolean, ctx: DecisionContext): Refusal | null {
  if (deleted || stored.deleted) return { code: 'forbidden', message: 'Attention signals are resolved by the server; they cannot be removed.' };
  const before = stored.data as AttentionSignal;
  const after = doc as AttentionSignal;
  for (const field of changedFields(stored.data, doc)) {
    if (!COACH_FIELDS.includes(field)) return { code: 'forbidden', field, message: `${field}: set by the server; a coach may only acknowledge, snooze or reopen a signal.` };
  }
  if (before.status !== after.status) {
    if (before.status === 'resolved') return { code: 'forbidden', field: 'status', message: 'status: this signal was resolved (its condition cleared); if it comes back it is a new signal.' };
    if (!COACH_SIGNAL_STATUSES.includes(after.status)) return { code: 'forbidden', field: 'status', message: 'status: a coach may set open, acknowledged or snoozed; only the server resolves a signal.' };
  }
  if (after.status === 'snoozed' && after.snoozed_until === null) return { code: 'invalid', field: 'snoozed_until', message: 'snoozed_until: a snoozed signal needs the day it comes back' };
  if (!same(before.handled_by, after.handled_by) && after.handled_by !== ctx.coachId) {
    return { code: 'forbidden', field: 'handled_by', message: 'handled_by: a coach can only record themselves as handling a signal.' };
  }
  const had = new Set(before.notified_coach_ids);
  const gained = after.notified_coach_ids.filter((id) => !had.has(id));
  const kept = new Set(after.notified_coach_ids);
  if (gained.some((id) => id !== ctx.coachId) || before.notified_coach_ids.some((id) => !kept.has(id))) {
    return { code: 'forbidden', field: 'notified_coach_ids', message: 'notified_coach_ids: an app may only add its own coach after showing the notification.' };
  }
  return null;
}

/** The organization's time zone, read in the write transaction. */
export async function orgTimeZone(w: OrgWriter): Promise<string> {
  const { rows } = await w.tx.query<{ time_zone: string }>('SELECT time_zone FROM organizations WHERE id = $1', [w.orgId]);
  return rows[0]?.time_zone ?? 'UTC';
}

/** Checks against other documents (a live athlete, the organization's calendar), in the write transaction. */
export async function profileReferences(w: OrgWriter, collection: ProfileCollection, doc: DocData, deleted: boolean, stored: StoredDoc | null): Promise<Refusal | null> {
  if (deleted) return null;
  if (collection === 'attention_signals') {
    const s = doc as AttentionSignal;
    const before = stored?.data as AttentionSignal | undefined;
    if (s.status === 'snoozed' && s.snoozed_until !== null && (before?.status !== 'snoozed' || before.snoozed_until !== s.snoozed_until)) {
      const today = todayIn(await orgTimeZone(w));
      if (s.snoozed_until <= today) return { code: 'invalid', field: 'snoozed_until', message: `snoozed_until: snooze until a day after today (${today})` };
    }
    return null;
  }
  // A change to a live document keeps its athlete (the id is derived from it); a creation or revival needs a live athlete.
  if (stored && !stored.deleted && collection === 'activities') return null;
  const athlete = athleteRefusal(await w.read('athletes', String(doc.athlete_id)));
  if (athlete) return athlete;
  if (collection === 'activities') {
    const a = doc as Activity;
    const zone = await orgTimeZone(w);
    const day = dayIn(new Date(a.start_time), zone);
    if (a.local_date !== day) {
      return { code: 'invalid', field: 'local_date', message: `local_date: must be the start's day in the organization's time zone (${zone}): ${day}` };
    }
  }
  return null;
}

/**
 * After every row of one push was decided, in the same transaction: the attention signals of the
 * athletes whose activities or daily metrics were written are evaluated again.
 */
export async function afterProfilePush(w: OrgWriter, collection: ProfileCollection, written: StoredDoc[], ctx: RuleContext): Promise<void> {
  if (collection === 'attention_signals') return;
  const athletes = [...new Set(written.map((d) => String(d.data.athlete_id)))];
  const zone = await orgTimeZone(w);
  await evaluateAthletes(w, athletes, todayIn(zone, new Date(ctx.now)), ctx.now);
}
