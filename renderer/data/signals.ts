/**
 * The attention-signals feature module: the only code that queries or writes attention_signals.
 * The server creates and resolves signals; a coach's app only acknowledges, snoozes, reopens and
 * records which coaches it notified (shared/domain/signal.ts: SIGNAL_COACH_FIELDS). Writes are
 * local first (offline too), put in the outbox, then pushed; `notified_coach_ids` merges as a set.
 *
 * "Open" is signalIsOpen(today): open, or snoozed until a day before the organization's today.
 * Counts and per-athlete summaries are computed in memory from one subscription (a few hundred
 * open signals at most), not by an IndexedDB query per roster row.
 */
import { useMemo } from 'react';
import { map, type Observable } from 'rxjs';
import type { RxDocument } from 'rxdb';
import { signalIsOpen, type AttentionSignal, type SignalSeverity } from '../../shared/domain/signal';
import { useAstralData, useObservable } from './context';
import type { AstralDatabase } from './database';
import { useOrgToday } from './orgToday';
import { addToOutbox } from './syncStatus';

const plainCache = new WeakMap<object, AttentionSignal>();
function toSignal(doc: RxDocument<AttentionSignal>): AttentionSignal {
  let plain = plainCache.get(doc);
  if (!plain) {
    plain = doc.toJSON() as AttentionSignal;
    plainCache.set(doc, plain);
  }
  return plain;
}

/** Every signal of the organization (any status), as plain objects. */
export function watchSignals(db: AstralDatabase): Observable<AttentionSignal[]> {
  return db.attention_signals.find().$.pipe(map((docs) => docs.map(toSignal)));
}

export const openSignals = (signals: readonly AttentionSignal[], today: string): AttentionSignal[] => signals.filter((s) => signalIsOpen(s, today));

export const SEVERITY_RANK: Record<SignalSeverity, number> = { urgent: 2, watch: 1 };
export const worseSeverity = (a: SignalSeverity, b: SignalSeverity): SignalSeverity => (SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b);

export type SeverityCounts = Record<SignalSeverity, number>;

/** How many open signals of each severity (of the given, already open, signals). */
export function countBySeverity(open: readonly AttentionSignal[]): SeverityCounts {
  const counts: SeverityCounts = { urgent: 0, watch: 0 };
  for (const s of open) counts[s.severity]++;
  return counts;
}

/** What the roster's attention column shows for one athlete: the worst open severity and how many open signals. */
export type AthleteAttention = { severity: SignalSeverity; count: number };

export function attentionByAthlete(open: readonly AttentionSignal[]): Map<string, AthleteAttention> {
  const out = new Map<string, AthleteAttention>();
  for (const s of open) {
    const prev = out.get(s.athlete_id);
    out.set(s.athlete_id, prev ? { severity: worseSeverity(prev.severity, s.severity), count: prev.count + 1 } : { severity: s.severity, count: 1 });
  }
  return out;
}

/** Open signals (organization's today); `undefined` while loading. */
export function useOpenSignals(): AttentionSignal[] | undefined {
  const { db } = useAstralData();
  const today = useOrgToday();
  return useObservable(() => watchSignals(db).pipe(map((all) => openSignals(all, today))), [db, today]);
}

/** Acknowledged signals and snoozes still running (not resolved): what the staff set aside, to reopen. */
export function useHandledSignals(): AttentionSignal[] | undefined {
  const { db } = useAstralData();
  const today = useOrgToday();
  return useObservable(
    () =>
      watchSignals(db).pipe(
        map((all) =>
          all
            .filter((s) => (s.status === 'acknowledged' || s.status === 'snoozed') && !signalIsOpen(s, today))
            .sort((a, b) => (b.handled_at ?? '').localeCompare(a.handled_at ?? '')),
        ),
      ),
    [db, today],
  );
}

/** Athlete id -> worst open severity and count, for the roster column; empty while loading. */
export function useAttentionByAthlete(): Map<string, AthleteAttention> {
  const open = useOpenSignals();
  return useMemo(() => attentionByAthlete(open ?? []), [open]);
}

/** Every signal (any status) of one athlete, newest episode first. */
export function useAthleteSignals(athleteId: string): AttentionSignal[] | undefined {
  const { db } = useAstralData();
  return useObservable(
    () =>
      db.attention_signals
        .find({ selector: { athlete_id: athleteId } })
        .$.pipe(map((docs) => docs.map(toSignal).sort((a, b) => b.detected_on.localeCompare(a.detected_on) || b.created_at.localeCompare(a.created_at)))),
    [db, athleteId],
  );
}

export type SignalWrite = { ok: true } | { ok: false; message: string };

/** Patches coach fields of one signal after putting it in the outbox; refuses a resolved or missing signal. */
async function patchSignal(
  db: AstralDatabase,
  id: string,
  patch: (current: AttentionSignal) => Partial<AttentionSignal> | string,
): Promise<SignalWrite> {
  const doc = await db.attention_signals.findOne(id).exec();
  if (!doc) return { ok: false, message: 'This signal is no longer on this device.' };
  const current = toSignal(doc);
  if (current.status === 'resolved') return { ok: false, message: 'This signal has resolved itself meanwhile: nothing to do.' };
  const change = patch(current);
  if (typeof change === 'string') return { ok: false, message: change };
  await addToOutbox(db, 'attention_signals', [id]);
  await doc.incrementalPatch(change);
  return { ok: true };
}

/** Acknowledged for the whole staff (after sync), by `coachId`. */
export function acknowledgeSignal(db: AstralDatabase, id: string, coachId: string, now: Date = new Date()): Promise<SignalWrite> {
  return patchSignal(db, id, () => ({ status: 'acknowledged', snoozed_until: null, handled_by: coachId, handled_at: now.toISOString() }));
}

/** Hidden until `until` has passed (it is open again the day after). */
export function snoozeSignal(db: AstralDatabase, id: string, until: string, coachId: string, today: string, now: Date = new Date()): Promise<SignalWrite> {
  return patchSignal(db, id, () =>
    until < today ? 'Snooze until today or a later day.' : { status: 'snoozed', snoozed_until: until, handled_by: coachId, handled_at: now.toISOString() },
  );
}

/** Back to open (undoes an acknowledge or a snooze). */
export function reopenSignal(db: AstralDatabase, id: string, coachId: string, now: Date = new Date()): Promise<SignalWrite> {
  return patchSignal(db, id, () => ({ status: 'open', snoozed_until: null, handled_by: coachId, handled_at: now.toISOString() }));
}

/**
 * Records that this coach's app showed a notification for these signals (a set: merged with other
 * devices' additions), so no other start or device of the same coach notifies them again.
 */
export async function markSignalsNotified(db: AstralDatabase, ids: readonly string[], coachId: string): Promise<void> {
  const docs = await db.attention_signals.findByIds([...ids]).exec();
  const toWrite = [...docs.values()].filter((d) => {
    const s = toSignal(d);
    return !s.notified_coach_ids.includes(coachId) && s.notified_coach_ids.length < 50;
  });
  if (toWrite.length === 0) return;
  await addToOutbox(db, 'attention_signals', toWrite.map((d) => d.primary));
  await Promise.all(toWrite.map((d) => d.incrementalModify((s) => (s.notified_coach_ids.includes(coachId) ? s : { ...s, notified_coach_ids: [...s.notified_coach_ids, coachId] }))));
}

/** The writes bound to the open database. */
export function useSignalActions() {
  const { db } = useAstralData();
  return useMemo(
    () => ({
      acknowledge: (id: string, coachId: string) => acknowledgeSignal(db, id, coachId),
      snooze: (id: string, until: string, coachId: string, today: string) => snoozeSignal(db, id, until, coachId, today),
      reopen: (id: string, coachId: string) => reopenSignal(db, id, coachId),
    }),
    [db],
  );
}
