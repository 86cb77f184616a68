/**
 * Attention signals: an athlete that needs a coach's look, with the rule that fired, the figures
 * that fired it and a severity. Replicated as collection `attention_signals`.
 *
 * The server creates and updates them (shared/training/signals.ts decides, server/signals runs it
 * when activities arrive and once a day): one document per episode of a rule for an athlete. While
 * the condition holds the same document is updated (figures, severity); when it clears the server
 * marks it resolved; if it comes back later that is a new episode, a new document.
 *
 * Coaches change only how the staff handles it: acknowledge, snooze until a date, reopen, and
 * `notified_coach_ids` (a coach's app adds its own coach id once it showed the notification, so
 * each signal notifies each coach once across restarts and devices). Acknowledging on one laptop
 * acknowledges for the whole staff after sync.
 */
import { z } from 'zod';
import { IsoDate } from '../schedule/dates';
import { Id, Timestamp, lineText } from './common';

export const SIGNAL_RULES = [
  'load_spike',
  'distance_jump',
  'absence',
  'missed_sessions',
  'injury_watch_load',
  'resting_hr_drift',
  'hrv_drift',
] as const;
export const SignalRule = z.enum(SIGNAL_RULES);
export type SignalRule = z.infer<typeof SignalRule>;

/** The rule in the words a coach reads, and where it comes from. */
export const SIGNAL_RULE_LABELS: Record<SignalRule, { title: string; rule: string }> = {
  load_spike: { title: 'Load spike', rule: 'Acute:chronic workload ratio (7-day / 28-day load) 1.3 or more is watch, 1.5 or more urgent (Gabbett 2016).' },
  distance_jump: { title: 'Distance jump', rule: 'Weekly running distance more than 30% above the average of the 4 weeks before.' },
  absence: { title: 'No recent activity', rule: 'Active athlete with no activity for 7 days (watch) or 14 days (urgent).' },
  missed_sessions: { title: 'Missed sessions', rule: 'Under 50% of the planned sessions of the last 7 days completed.' },
  injury_watch_load: { title: 'Rising load on @injury-watch', rule: 'Athlete labelled @injury-watch whose 7-day load is above their 28-day weekly average.' },
  resting_hr_drift: { title: 'Resting heart rate drift', rule: "Resting heart rate outside the athlete's own 4-week band (mean ± 2 standard deviations)." },
  hrv_drift: { title: 'HRV drift', rule: "Heart-rate variability outside the athlete's own 4-week band (mean ± 2 standard deviations)." },
};

export const SIGNAL_SEVERITIES = ['watch', 'urgent'] as const;
export const SignalSeverity = z.enum(SIGNAL_SEVERITIES);
export type SignalSeverity = z.infer<typeof SignalSeverity>;

export const SIGNAL_STATUSES = ['open', 'acknowledged', 'snoozed', 'resolved'] as const;
export const SignalStatus = z.enum(SIGNAL_STATUSES);
export type SignalStatus = z.infer<typeof SignalStatus>;

/** A figure behind a signal or an insight: what it is, its value and its unit (e.g. "ACWR", 1.62, "ratio"). */
export const Figure = z.strictObject({
  key: z.string().regex(/^[a-z0-9_]{1,40}$/),
  label: lineText(80),
  value: z.number().finite(),
  unit: lineText(20),
});
export type Figure = z.infer<typeof Figure>;

export const AttentionSignal = z.object({
  id: Id,
  athlete_id: Id,
  rule: SignalRule,
  severity: SignalSeverity,
  status: SignalStatus,
  /** One sentence with the figures ("ACWR 1.62: 7-day load 540 against 333 per week over 28 days"). */
  summary: lineText(300),
  figures: z.array(Figure).max(12),
  /** The day the episode started (organization's date). */
  detected_on: IsoDate,
  /** The last day the server evaluated it. */
  evaluated_on: IsoDate,
  resolved_on: IsoDate.nullable(),
  /** Snoozed signals come back (status open) after this day. */
  snoozed_until: IsoDate.nullable(),
  /** Coach id of whoever acknowledged or snoozed it last. */
  handled_by: Id.nullable(),
  handled_at: Timestamp.nullable(),
  notified_coach_ids: z.array(Id).max(50),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type AttentionSignal = z.infer<typeof AttentionSignal>;

/** Fields a coach's app may change (everything else is the server's). */
export const SIGNAL_COACH_FIELDS = ['status', 'snoozed_until', 'handled_by', 'handled_at', 'notified_coach_ids'] as const;
/** Merged as sets when two apps change them at once. */
export const SIGNAL_SET_FIELDS = ['notified_coach_ids'] as const;

/** A coach may move a signal between open, acknowledged and snoozed; only the server resolves one. */
export const COACH_SIGNAL_STATUSES: readonly SignalStatus[] = ['open', 'acknowledged', 'snoozed'];

/** Is the signal one that needs a look today (open, or snoozed until a day before today)? */
export function signalIsOpen(s: Pick<AttentionSignal, 'status' | 'snoozed_until'>, today: string): boolean {
  if (s.status === 'open') return true;
  return s.status === 'snoozed' && s.snoozed_until !== null && s.snoozed_until < today;
}

/** Body of POST .../attention-signals/{id}/snooze. */
export const SnoozeRequest = z.strictObject({ until: IsoDate });
