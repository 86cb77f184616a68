/**
 * What the staff does with attention signals through the REST API (the app does the same through
 * sync pushes, under the rules of server/sync/rules/profile.ts): list them, acknowledge, snooze
 * until a day, reopen. `handled_by` is the acting coach (null for an organization API key: it is
 * no coach). A resolved signal is closed: acting on it is a 409.
 */
import type { Athlete } from '../../shared/domain/athlete';
import { athleteName } from '../../shared/domain/athlete';
import { signalIsOpen, type AttentionSignal, type SignalSeverity, type SignalStatus } from '../../shared/domain/signal';
import { todayIn } from '../../shared/schedule/dates';
import { currentRole, type Member } from '../auth/membership';
import { HttpProblem, notFound } from '../http/errors';
import { orgZone } from '../profile/upload';
import type { DocumentStore } from '../sync/store';

export type SignalView = AttentionSignal & { athlete_name: string; athlete_coach_ids: string[] };
export type SignalQuery = {
  status: SignalStatus | 'all';
  severity?: SignalSeverity;
  /** A coach id, or 'none' (athletes without a coach); 'me' is resolved by the route. */
  coach_id?: string;
  athlete_id?: string;
  limit: number;
  cursor?: string;
};

const rank = (s: AttentionSignal) => (s.severity === 'urgent' ? 0 : 1);

/** Which signals a status filter keeps: `open` is what needs a look today (snoozed ones whose day passed included). */
function statusMatches(s: AttentionSignal, status: SignalQuery['status'], today: string): boolean {
  if (status === 'all') return true;
  if (status === 'open') return signalIsOpen(s, today);
  if (status === 'snoozed') return s.status === 'snoozed' && !signalIsOpen(s, today);
  return s.status === status;
}

export async function listSignals(store: DocumentStore, orgId: string, q: SignalQuery): Promise<{ data: SignalView[]; next_cursor: string | null }> {
  const today = todayIn(await orgZone(store.db, orgId));
  const docs = q.athlete_id ? await store.findBy(orgId, 'attention_signals', 'athlete_id', q.athlete_id) : await store.list(orgId, 'attention_signals');
  const athletes = new Map((await store.list(orgId, 'athletes')).map((d) => [d.id, d.data as Athlete]));
  const offset = q.cursor ? decodeOffset(q.cursor) : 0;
  const matches = docs
    .map((d) => d.data as AttentionSignal)
    .filter((s) => statusMatches(s, q.status, today) && (!q.severity || s.severity === q.severity))
    .flatMap((s): SignalView[] => {
      const a = athletes.get(s.athlete_id);
      if (!a) return [];
      if (q.coach_id === 'none' ? a.coach_ids.length > 0 : q.coach_id !== undefined && !a.coach_ids.includes(q.coach_id)) return [];
      return [{ ...s, athlete_name: athleteName(a), athlete_coach_ids: a.coach_ids }];
    })
    .sort((a, b) => rank(a) - rank(b) || (a.detected_on > b.detected_on ? -1 : a.detected_on < b.detected_on ? 1 : a.id < b.id ? -1 : 1));
  const data = matches.slice(offset, offset + q.limit);
  return { data, next_cursor: offset + q.limit < matches.length ? Buffer.from(`o${offset + q.limit}`).toString('base64url') : null };
}

function decodeOffset(cursor: string): number {
  const m = /^o(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new HttpProblem(400, 'invalid_request', 'cursor: not a cursor of this list (use next_cursor as given)', 'cursor');
  return Number(m[1]);
}

export type SignalAction = { kind: 'acknowledge' } | { kind: 'snooze'; until: string } | { kind: 'reopen' };

export async function actOnSignal(store: DocumentStore, member: Member, signalId: string, action: SignalAction): Promise<AttentionSignal> {
  const today = todayIn(await orgZone(store.db, member.orgId));
  return store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    const stored = await w.read('attention_signals', signalId);
    if (!stored || stored.deleted) throw notFound('Attention signal');
    const before = stored.data as AttentionSignal;
    if (before.status === 'resolved') throw new HttpProblem(409, 'signal_resolved', `This signal was resolved on ${before.resolved_on ?? 'an earlier day'} (its condition cleared); if it comes back it is a new signal.`);
    if (action.kind === 'snooze' && action.until <= today) throw new HttpProblem(400, 'invalid_request', `until: snooze until a day after today (${today})`, 'until');
    const now = new Date().toISOString();
    const handled = { handled_by: member.apiKeyId ? null : member.coachId, handled_at: now };
    const next: AttentionSignal =
      action.kind === 'acknowledge'
        ? { ...before, ...handled, status: 'acknowledged', snoozed_until: null }
        : action.kind === 'snooze'
          ? { ...before, ...handled, status: 'snoozed', snoozed_until: action.until }
          : { ...before, ...handled, status: 'open', snoozed_until: null };
    if (next.status === before.status && next.snoozed_until === before.snoozed_until) return before;
    const doc = { ...next, updated_at: now };
    await w.put('attention_signals', doc);
    return doc;
  });
}
