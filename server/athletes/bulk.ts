/**
 * POST .../athletes/bulk: one action for up to 500 athletes in ONE DocumentStore write (one
 * transaction, one live change for open apps), with an outcome per athlete: `updated`,
 * `unchanged` (already so), or `refused` with the reason (not found, a rule, an invalid result such
 * as a 31st label). Whole-request problems (a coach action by a regular coach, an unknown coach
 * id) are a 4xx before anything is written.
 */
import { Athlete, checkAthleteChange } from '../../shared/domain/athlete';
import { sameDocumentState } from '../../shared/sync/protocol';
import { currentRole, requireHeadCoach, type Member } from '../auth/membership';
import { describeZodError, forbidden } from '../http/errors';
import type { DocumentStore, OrgWriter } from '../sync/store';
import { notACoach, unknownCoachId } from './assign';
import type { BulkRequest, BulkResult } from './requests';

const COACH_ACTIONS: ReadonlySet<BulkRequest['action']> = new Set(['set_coaches', 'add_coach', 'remove_coach']);

function apply(req: BulkRequest, a: Athlete): Athlete {
  switch (req.action) {
    case 'add_label':
      return a.labels.includes(req.label) ? a : { ...a, labels: [...a.labels, req.label] };
    case 'remove_label':
      return { ...a, labels: a.labels.filter((l) => l !== req.label) };
    case 'set_status':
      return { ...a, status: req.status };
    case 'set_member_level':
      return { ...a, member_level: req.member_level };
    case 'set_coaches':
      return { ...a, coach_ids: req.coach_ids };
    case 'add_coach':
      return a.coach_ids.includes(req.coach_id) ? a : { ...a, coach_ids: [...a.coach_ids, req.coach_id] };
    case 'remove_coach':
      return { ...a, coach_ids: a.coach_ids.filter((id) => id !== req.coach_id) };
  }
}

async function readAthletes(w: OrgWriter, ids: string[]): Promise<Map<string, Athlete>> {
  const docs = await w.readMany('athletes', ids);
  return new Map(docs.filter((d) => !d.deleted).map((d) => [d.id, d.data as Athlete]));
}

async function checkCoaches(w: OrgWriter, req: BulkRequest): Promise<void> {
  if (req.action === 'set_coaches') {
    const unknown = await unknownCoachId(w, req.coach_ids);
    if (unknown) throw notACoach(unknown, 'coach_ids');
  } else if (req.action === 'add_coach') {
    if (await unknownCoachId(w, [req.coach_id])) throw notACoach(req.coach_id, 'coach_id');
  }
}

export async function bulkUpdateAthletes(store: DocumentStore, member: Member, req: BulkRequest): Promise<BulkResult> {
  const coachAction = COACH_ACTIONS.has(req.action);
  if (coachAction) requireHeadCoach(member, 'assign athletes to coaches');
  return store.write(member.orgId, async (w) => {
    const role = await currentRole(w, member);
    if (coachAction && role !== 'head_coach') throw forbidden('Only the head coach can assign athletes to coaches.');
    await checkCoaches(w, req);
    const athletes = await readAthletes(w, req.athlete_ids);
    const now = new Date().toISOString();
    const out: BulkResult = { results: [], updated: 0, unchanged: 0, refused: 0 };
    for (const id of req.athlete_ids) {
      const before = athletes.get(id);
      if (!before) {
        out.refused++;
        out.results.push({ athlete_id: id, outcome: 'refused', error: { code: 'not_found', message: 'Athlete not found.' } });
        continue;
      }
      const after = apply(req, before);
      if (sameDocumentState(before, after)) {
        out.unchanged++;
        out.results.push({ athlete_id: id, outcome: 'unchanged' });
        continue;
      }
      const refusal = checkAthleteChange(before, after, role);
      if (refusal) {
        out.refused++;
        out.results.push({ athlete_id: id, outcome: 'refused', error: { code: refusal.code, message: refusal.message, ...(refusal.field ? { field: refusal.field } : {}) } });
        continue;
      }
      const parsed = Athlete.safeParse({ ...after, updated_at: now });
      if (!parsed.success) {
        out.refused++;
        out.results.push({ athlete_id: id, outcome: 'refused', error: { code: 'invalid', ...describeZodError(parsed.error) } });
        continue;
      }
      await w.put('athletes', parsed.data);
      out.updated++;
      out.results.push({ athlete_id: id, outcome: 'updated' });
    }
    return out;
  });
}
