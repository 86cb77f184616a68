/**
 * The training plan library through the REST API: list (archived filter, keyset pagination by
 * name), read, create, patch (content and `archived`), delete. Writes go through
 * DocumentStore.write like a sync push, so open apps see them live, and the same rules decide:
 * any coach may change plans; a plan with assignments is not deleted ("archive it instead").
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { TrainingPlan, sortSessions, type PlanContent, type TrainingPlanPatch } from '../../shared/domain/plan';
import { sameDocumentState } from '../../shared/sync/protocol';
import { currentRole, type Member } from '../auth/membership';
import type { Db } from '../db/db';
import { HttpProblem, invalidRequest, notFound } from '../http/errors';
import { planAssignedAthletes, planInUse } from '../sync/references';
import type { DocumentStore, OrgWriter } from '../sync/store';
import type { PlanListQuery } from './requests';

const CursorShape = z.tuple([z.literal(1), z.string().max(500), z.string().min(1).max(100)]);

const encodeCursor = (name: string, id: string) => Buffer.from(JSON.stringify([1, name, id]), 'utf8').toString('base64url');

function decodeCursor(cursor: string): { name: string; id: string } | null {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) return null;
  try {
    const parsed = CursorShape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { name: parsed.data[1], id: parsed.data[2] } : null;
  } catch {
    return null;
  }
}

/** Plans sorted by name (case-insensitive), then id; `archived` filters when given. */
export async function listPlans(db: Db, orgId: string, query: PlanListQuery): Promise<{ data: TrainingPlan[]; next_cursor: string | null }> {
  const params: unknown[] = [orgId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`org_id = $1`, `collection = 'training_plans'`, `NOT deleted`];
  if (query.archived !== undefined) where.push(`data->'archived' = ${param(JSON.stringify(query.archived))}::jsonb`);
  if (query.cursor !== undefined) {
    const key = decodeCursor(query.cursor);
    if (!key) throw new HttpProblem(400, 'invalid_request', 'cursor: not a cursor returned by this API', 'cursor');
    where.push(`(lower(data->>'name'), id) > (${param(key.name)}, ${param(key.id)})`);
  }
  const limit = param(query.limit + 1);
  const { rows } = await db.query<{ data: TrainingPlan; k_name: string; id: string }>(
    `SELECT data, lower(data->>'name') AS k_name, id FROM documents WHERE ${where.join(' AND ')}
      ORDER BY lower(data->>'name'), id LIMIT ${limit}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { data: page.map((r) => r.data), next_cursor: rows.length > query.limit && last ? encodeCursor(last.k_name, last.id) : null };
}

async function readPlan(w: OrgWriter, planId: string): Promise<TrainingPlan> {
  const stored = await w.read('training_plans', planId);
  if (!stored || stored.deleted) throw notFound('Training plan');
  return stored.data as TrainingPlan;
}

export async function getPlan(store: DocumentStore, orgId: string, planId: string): Promise<TrainingPlan> {
  const stored = await store.get(orgId, 'training_plans', planId);
  if (!stored || stored.deleted) throw notFound('Training plan');
  return stored.data as TrainingPlan;
}

export async function createPlan(store: DocumentStore, member: Member, content: PlanContent): Promise<TrainingPlan> {
  const now = new Date().toISOString();
  const parsed = TrainingPlan.safeParse({ id: randomUUID(), ...content, sessions: sortSessions(content.sessions), archived: false, created_at: now, updated_at: now });
  if (!parsed.success) throw invalidRequest(parsed.error);
  return store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    await w.put('training_plans', parsed.data);
    return parsed.data;
  });
}

export async function patchPlan(store: DocumentStore, member: Member, planId: string, patch: TrainingPlanPatch): Promise<TrainingPlan> {
  return store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    const before = await readPlan(w, planId);
    const after: TrainingPlan = { ...before, ...patch, sessions: sortSessions(patch.sessions ?? before.sessions) };
    if (sameDocumentState(before, after)) return before;
    // The whole result is checked: fewer weeks than a session's week is a 400 naming that session.
    const parsed = TrainingPlan.safeParse({ ...after, updated_at: new Date().toISOString() });
    if (!parsed.success) throw invalidRequest(parsed.error);
    await w.put('training_plans', parsed.data);
    return parsed.data;
  });
}

export async function deletePlan(store: DocumentStore, member: Member, planId: string): Promise<void> {
  await store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    const plan = await readPlan(w, planId);
    const athletes = await planAssignedAthletes(w, planId);
    if (athletes > 0) {
      const { code, message } = planInUse(plan.name, athletes);
      throw new HttpProblem(409, code, message);
    }
    await w.put('training_plans', { ...plan, updated_at: new Date().toISOString() }, true);
  });
}
