/**
 * How sync notices name invitations, activities, daily metrics and attention signals (the
 * collections of invitations and athlete profiles); the older collections are in noticeWords.ts.
 */
import type { Activity, DailyMetric } from '../../shared/domain/activity';
import { SPORT_LABELS } from '../../shared/domain/activity';
import type { Invitation } from '../../shared/domain/invitation';
import { SIGNAL_RULE_LABELS, type AttentionSignal } from '../../shared/domain/signal';
import { formatFieldValue, type Words } from './noticeWords';

const table = (labels: Record<string, string>) => (field: string) => labels[field] ?? field;

export function invitationWords(): Words<Invitation> {
  const what = (i: Invitation) => (i.type === 'single_use' ? `the invitation of ${i.first_name ?? 'an athlete'} (${i.email ?? ''})` : 'a multi-use join link');
  return {
    setFields: [],
    label: table({ status: 'State', send_count: 'Emails sent', link_token_hash: 'Link', revoked_at: 'Revoked' }),
    value: async (field, value) => formatFieldValue(field, value),
    subject: async (i) => what(i),
    creating: async (i) => `Creating ${what(i)}`,
    deleting: async (i) => `Deleting ${what(i)}`,
    createdGone: 'The invitation was removed from this device.',
    gone: 'The invitation does not exist on the server and was removed from this device.',
    shownAgain: 'The invitation is shown again.',
    removedTitle: 'Invitation removed',
    removedReason: 'the invitation was removed.',
    links: () => ({ route: '/invitations' }),
    goneLinks: () => ({ route: '/invitations' }),
  };
}

export function activityWords(): Words<Activity> {
  const what = (a: Activity) => `the ${SPORT_LABELS[a.sport].toLowerCase()} of ${a.local_date}`;
  return {
    setFields: [],
    label: table({}),
    value: async (field, value) => formatFieldValue(field, value),
    subject: async (a) => what(a),
    creating: async (a) => `Importing ${what(a)}`,
    deleting: async (a) => `Removing ${what(a)}`,
    createdGone: 'The activity was removed from this device.',
    gone: 'The activity does not exist on the server and was removed from this device.',
    shownAgain: 'The activity is shown again.',
    removedTitle: 'Activity removed',
    removedReason: 'the activity was removed.',
    links: (a) => ({ athleteId: a.athlete_id, route: `/athletes/${a.athlete_id}` }),
    goneLinks: (a) => ({ athleteId: a.athlete_id, route: `/athletes/${a.athlete_id}` }),
  };
}

export function dailyMetricWords(): Words<DailyMetric> {
  const what = (m: DailyMetric) => `the measurements of ${m.date}`;
  return {
    setFields: [],
    label: table({ resting_hr: 'Resting heart rate', hrv_ms: 'HRV' }),
    value: async (field, value) => formatFieldValue(field, value),
    subject: async (m) => what(m),
    creating: async (m) => `Importing ${what(m)}`,
    deleting: async (m) => `Removing ${what(m)}`,
    createdGone: 'The measurements were removed from this device.',
    gone: 'The measurements do not exist on the server and were removed from this device.',
    shownAgain: 'The measurements are shown again.',
    removedTitle: 'Measurements removed',
    removedReason: 'the measurements were removed.',
    links: (m) => ({ athleteId: m.athlete_id, route: `/athletes/${m.athlete_id}` }),
    goneLinks: (m) => ({ athleteId: m.athlete_id, route: `/athletes/${m.athlete_id}` }),
  };
}

export function signalWords(): Words<AttentionSignal> {
  const what = (s: AttentionSignal) => `the signal "${SIGNAL_RULE_LABELS[s.rule].title}"`;
  return {
    setFields: ['notified_coach_ids'],
    label: table({ status: 'State', snoozed_until: 'Snoozed until', handled_by: 'Handled by', handled_at: 'Handled at' }),
    value: async (field, value) => formatFieldValue(field, value),
    subject: async (s) => what(s),
    creating: async (s) => `Creating ${what(s)}`,
    deleting: async (s) => `Removing ${what(s)}`,
    createdGone: 'The signal was removed from this device.',
    gone: 'The signal does not exist on the server and was removed from this device.',
    shownAgain: 'The signal is shown again.',
    removedTitle: 'Signal removed',
    removedReason: 'the signal was removed.',
    links: (s) => ({ athleteId: s.athlete_id, route: `/athletes/${s.athlete_id}` }),
    goneLinks: (s) => ({ athleteId: s.athlete_id, route: `/athletes/${s.athlete_id}` }),
  };
}
