/**
 * Removing an athlete from the organization. The athlete document becomes a tombstone (replicated,
 * so every coach's roster drops them live); in the same write their plan assignments become
 * tombstones too (so a plan they had can be deleted later) and their unresolved attention signals
 * are resolved as of the organization's today. Their account, activities and daily measurements
 * stay: the account is theirs, and an invitation or a direct add later makes a NEW athlete
 * document (the one-athlete-per-user index counts live documents only).
 *
 * Two ways in, one cascade: DELETE .../athletes/{id} (removeAthlete) and a sync push of the
 * athlete with `_deleted: true` (server/sync/references.ts `cascade` calls removeAthleteCascade).
 * DELETE is idempotent: an athlete already removed answers 204 again; an id that never was an
 * athlete of the organization is a 404.
 */
import type { AttentionSignal } from '../../shared/domain/signal';
import { todayIn } from '../../shared/schedule/dates';
import { currentRole, type Member } from '../auth/membership';
import { notFound } from '../http/errors';
import type { DocumentStore, OrgWriter } from '../sync/store';

async function orgTimeZone(w: OrgWriter): Promise<string> {
  const { rows } = await w.tx.query<{ time_zone: string }>('SELECT time_zone FROM organizations WHERE id = $1', [w.orgId]);
  return rows[0]?.time_zone ?? 'UTC';
}

export type RemovalCascade = { assignmentsRemoved: number; signalsResolved: number };

/** What a removal changes besides the athlete document, in the caller's write. */
export async function removeAthleteCascade(w: OrgWriter, athleteId: string, now: string): Promise<RemovalCascade> {
  const assignments = await w.findBy('plan_assignments', 'athlete_id', athleteId);
  for (const a of assignments) await w.put('plan_assignments', { ...a.data, updated_at: now }, true);
  const open = (await w.findBy('attention_signals', 'athlete_id', athleteId)).filter((s) => s.data.status !== 'resolved');
  if (open.length > 0) {
    const today = todayIn(await orgTimeZone(w), new Date(now));
    for (const s of open) {
      const signal = s.data as AttentionSignal;
      await w.put('attention_signals', { ...signal, status: 'resolved', resolved_on: today, updated_at: now });
    }
  }
  return { assignmentsRemoved: assignments.length, signalsResolved: open.length };
}

/** DELETE .../athletes/{athlete_id}: any coach (or an API key). */
export async function removeAthlete(store: DocumentStore, member: Member, athleteId: string): Promise<void> {
  await store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    const stored = await w.read('athletes', athleteId);
    if (!stored) throw notFound('Athlete');
    if (stored.deleted) return;
    const now = new Date().toISOString();
    await w.put('athletes', { ...stored.data, updated_at: now }, true);
    await removeAthleteCascade(w, athleteId, now);
  });
}
