/**
 * The life cycle of attention signal documents, as a pure function: from the signals an athlete
 * has and the rules that fire today (shared/training evaluateSignals) to the documents to write.
 *
 * - One document per episode of a rule: while the rule keeps firing, the unresolved document of
 *   that rule is updated (severity, summary, figures, evaluated_on); when it stops firing, the
 *   document is resolved (resolved_on today); when it fires again later, a new document is made.
 * - Escalation watch -> urgent is news: an acknowledged or snoozed signal is reopened, and its
 *   `notified_coach_ids` is emptied so every coach's app notifies again (each coach once per
 *   escalation). A de-escalation (urgent -> watch) changes the figures only.
 * - A snoozed signal whose day passed (snoozed_until < today) is open again.
 * - Nothing is written when nothing changed but `updated_at`, so an hourly run creates no seq
 *   churn; `evaluated_on` moves at most once a day per signal.
 */
import type { AttentionSignal } from '../../shared/domain/signal';
import { canonicalJson } from '../../shared/sync/canonical';
import type { IsoDate } from '../../shared/schedule/dates';
import type { SignalFinding } from '../../shared/training';

export type LifecycleInput = {
  athleteId: string;
  existing: readonly AttentionSignal[];
  findings: readonly SignalFinding[];
  today: IsoDate;
  now: string;
  newId: () => string;
};

export { canonicalJson };

const same = (a: AttentionSignal, b: AttentionSignal): boolean => canonicalJson({ ...a, updated_at: '' }) === canonicalJson({ ...b, updated_at: '' });

/** The latest unresolved signal of each rule. */
function currentByRule(existing: readonly AttentionSignal[]): Map<string, AttentionSignal> {
  const out = new Map<string, AttentionSignal>();
  for (const s of existing) {
    if (s.status === 'resolved') continue;
    const prev = out.get(s.rule);
    if (!prev || s.detected_on > prev.detected_on || (s.detected_on === prev.detected_on && s.created_at > prev.created_at)) out.set(s.rule, s);
  }
  return out;
}

function updated(current: AttentionSignal, f: SignalFinding, today: IsoDate): AttentionSignal {
  const next: AttentionSignal = { ...current, severity: f.severity, summary: f.summary, figures: f.figures, evaluated_on: today };
  const escalated = current.severity === 'watch' && f.severity === 'urgent';
  if (escalated) {
    next.notified_coach_ids = [];
    if (current.status !== 'open') Object.assign(next, { status: 'open', snoozed_until: null });
  }
  if (next.status === 'snoozed' && (next.snoozed_until === null || next.snoozed_until < today)) Object.assign(next, { status: 'open', snoozed_until: null });
  return next;
}

/** The signal documents to write (new, updated, reopened or resolved); empty when nothing changed. */
export function signalWrites({ athleteId, existing, findings, today, now, newId }: LifecycleInput): AttentionSignal[] {
  const current = currentByRule(existing);
  const writes: AttentionSignal[] = [];
  const firing = new Set<string>();
  for (const f of findings) {
    firing.add(f.rule);
    const c = current.get(f.rule);
    if (!c) {
      writes.push({
        id: newId(),
        athlete_id: athleteId,
        rule: f.rule,
        severity: f.severity,
        status: 'open',
        summary: f.summary,
        figures: f.figures,
        detected_on: today,
        evaluated_on: today,
        resolved_on: null,
        snoozed_until: null,
        handled_by: null,
        handled_at: null,
        notified_coach_ids: [],
        created_at: now,
        updated_at: now,
      });
      continue;
    }
    const next = updated(c, f, today);
    if (!same(c, next)) writes.push({ ...next, updated_at: now });
  }
  // Resolved: a rule that stopped firing, and any older unresolved copy of a rule (one episode open per rule).
  for (const s of existing) {
    if (s.status === 'resolved' || (firing.has(s.rule) && current.get(s.rule)?.id === s.id)) continue;
    writes.push({ ...s, status: 'resolved', resolved_on: today, evaluated_on: today, updated_at: now });
  }
  return writes;
}
