import { describe, expect, it } from 'vitest';
import { assignmentId } from '../../shared/domain/assignment';
import type { Athlete } from '../../shared/domain/athlete';
import type { SyncCollection } from '../../shared/sync/protocol';
import { decidePushRow, parsePushedDoc } from './push';
import type { StoredDoc } from './store';

const now = '2030-01-01T00:00:00.000Z';
const athlete: Athlete = {
  id: '6f1d6f7e-1f43-4d59-9d5a-0a6f7b2f4b11',
  user_id: '0b7c2a55-2a3c-4a7b-8b8e-3f3f5f0e9d22',
  first_name: 'Zoë',
  last_name: 'Martin',
  email: 'zoe@example.com',
  display_name: null,
  member_level: 'beginner',
  labels: ['@5k'],
  private_notes: '',
  status: 'active',
  coach_ids: [],
  group_ids: [],
  goal_race: null,
  target_pace_s_per_km: null,
  max_hr: null,
  resting_hr: null,
  integrations: [],
  created_at: '2024-01-01T00:00:00.000Z',
  updated_at: '2024-01-02T00:00:00.000Z',
};
const stored: StoredDoc = { collection: 'athletes', id: athlete.id, data: athlete, seq: 7, deleted: false };
const master = { ...athlete, _deleted: false };
const decide = (next: Record<string, unknown>, assumed: Record<string, unknown> | null = master, role: 'coach' | 'head_coach' = 'coach', s: StoredDoc | null = stored) =>
  decidePushRow({ collection: 'athletes', parsed: parsePushedDoc('athletes', next), assumed, stored: s, role, coachId: '00000000-0000-4000-8000-0000000000c1', now });

describe('parsePushedDoc', () => {
  it('drops RxDB meta fields, keeps _deleted, normalises like the schema', () => {
    const r = parsePushedDoc('athletes', { ...master, email: ' ZOE@Example.com ', _rev: '1-x', _meta: { lwt: 1 }, _attachments: {} });
    expect(r).toEqual({ ok: true, id: athlete.id, doc: { ...athlete, email: 'zoe@example.com' }, deleted: false });
  });
  it('names the field of an invalid or unknown value', () => {
    expect(parsePushedDoc('athletes', { ...master, status: 'x' })).toMatchObject({ ok: false, field: 'status', message: expect.stringMatching(/^status: /) });
    expect(parsePushedDoc('athletes', { ...master, role: 'admin' })).toMatchObject({ ok: false, field: 'role', message: 'role: unknown field' });
    expect(parsePushedDoc('athletes', { ...master, _deleted: 1 })).toMatchObject({ ok: false, field: '_deleted' });
    expect(parsePushedDoc('athletes', { id: 5 })).toMatchObject({ ok: false, id: '' });
  });
  it('treats __proto__, constructor and toString as unknown fields and never touches a prototype', () => {
    const raw = JSON.parse(`{"__proto__":{"polluted":true},"id":"${athlete.id}"}`) as Record<string, unknown>;
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const r = parsePushedDoc('athletes', key === '__proto__' ? { ...master, ...raw } : { ...master, [key]: { x: 1 } });
      expect(r).toMatchObject({ ok: false, field: key, message: `${key}: unknown field` });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('refuses a text with a lone surrogate', () => {
    expect(parsePushedDoc('athletes', { ...master, private_notes: 'a\ud800' })).toMatchObject({ ok: false, field: 'private_notes', message: expect.stringMatching(/valid Unicode/) });
  });
});

describe('decidePushRow', () => {
  it('writes an allowed change with server timestamps', () => {
    expect(decide({ ...master, status: 'inactive', created_at: now, updated_at: now })).toEqual({
      kind: 'write',
      doc: { ...athlete, status: 'inactive', created_at: athlete.created_at, updated_at: now },
      deleted: false,
    });
  });
  it('treats a row equal to the stored one as a retry, even with another assumed state', () => {
    expect(decide({ ...master, updated_at: now }, null)).toEqual({ kind: 'skip' });
  });
  it('reports a conflict when the assumed master is stale or missing', () => {
    expect(decide({ ...master, status: 'inactive' }, { ...master, labels: [] })).toEqual({ kind: 'conflict' });
    expect(decide({ ...master, status: 'inactive' }, null)).toEqual({ kind: 'conflict' });
  });
  it('applies role rules only after conflict detection', () => {
    expect(decide({ ...master, coach_ids: [athlete.user_id] }, { ...master, labels: [] })).toEqual({ kind: 'conflict' });
    expect(decide({ ...master, coach_ids: [athlete.user_id] })).toEqual({
      kind: 'refuse',
      rejection: { id: athlete.id, code: 'forbidden', field: 'coach_ids', message: 'Only the head coach can change assigned coaches.' },
    });
    expect(decide({ ...master, coach_ids: [athlete.user_id] }, master, 'head_coach')).toMatchObject({ kind: 'write' });
  });
  it('refuses creation, undeletion and unknown documents', () => {
    expect(decide(master, null, 'head_coach', null)).toMatchObject({ kind: 'refuse', rejection: { code: 'forbidden', message: expect.stringMatching(/invitations/) } });
    expect(decide(master, master, 'head_coach', null)).toMatchObject({ kind: 'refuse', rejection: { code: 'not_found' } });
    const tomb = { ...stored, deleted: true };
    expect(decide(master, { ...master, _deleted: true }, 'head_coach', tomb)).toMatchObject({ kind: 'refuse', rejection: { code: 'forbidden' } });
  });
  it('any coach removes an athlete: the tombstone keeps the stored fields, edits pushed with it are dropped', () => {
    for (const role of ['coach', 'head_coach'] as const) {
      const decision = decide({ ...master, private_notes: 'typed before removing', _deleted: true }, master, role);
      expect(decision).toMatchObject({ kind: 'write', deleted: true, doc: { private_notes: master.private_notes, created_at: master.created_at } });
    }
  });
  it('skips a document created and deleted before it was ever pushed', () => {
    expect(decide({ ...master, _deleted: true }, null, 'head_coach', null)).toEqual({ kind: 'skip' });
  });
});

const gid = '3d6c1f52-8a8e-4c61-9d7f-7b0b3c1e2a01';
const group = { id: gid, name: 'Marathon squad', created_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-01-01T00:00:00.000Z' };
const planId = '9a1e2b3c-4d5e-4f60-8a7b-1c2d3e4f5a6b';
const plan = {
  id: planId,
  name: 'Couch to 5K',
  description: '',
  level: 'beginner',
  weeks: 2,
  sessions: [{ week: 1, day: 2, kind: 'easy', distance_m: 3000, duration_s: null, target_pace_s_per_km: null, effort_rpe: 4, note: '' }],
  archived: false,
  created_at: '2024-01-01T00:00:00.000Z',
  updated_at: '2024-01-01T00:00:00.000Z',
};
const assignment = {
  id: assignmentId(athlete.id, planId, '2030-03-04'),
  athlete_id: athlete.id,
  training_plan_id: planId,
  start_date: '2030-03-04',
  ended_on: null,
  created_at: '2024-01-01T00:00:00.000Z',
  updated_at: '2024-01-01T00:00:00.000Z',
};

/** One pushed row of `collection` against `storedData` (null: the server does not have it). */
function decideIn(collection: SyncCollection, next: Record<string, unknown>, storedData: Record<string, unknown> | null, storedDeleted = false, role: 'coach' | 'head_coach' = 'coach') {
  const s: StoredDoc | null = storedData ? { collection, id: String(storedData.id), data: storedData, seq: 3, deleted: storedDeleted } : null;
  const assumed = storedData ? { ...storedData, _deleted: storedDeleted } : null;
  return decidePushRow({ collection, parsed: parsePushedDoc(collection, next), assumed, stored: s, role, coachId: '00000000-0000-4000-8000-0000000000c1', now });
}

describe('decidePushRow: groups, training plans, plan assignments', () => {
  it('lets any coach create, rename and delete a group, with server timestamps; a deleted group stays deleted', () => {
    expect(decideIn('groups', { ...group, _deleted: false }, null)).toEqual({ kind: 'write', doc: { ...group, created_at: now, updated_at: now }, deleted: false });
    expect(decideIn('groups', { ...group, name: 'Marathon crew', _deleted: false }, group)).toEqual({
      kind: 'write',
      doc: { ...group, name: 'Marathon crew', updated_at: now },
      deleted: false,
    });
    expect(decideIn('groups', { ...group, _deleted: true }, group)).toMatchObject({ kind: 'write', deleted: true });
    expect(decideIn('groups', { ...group, _deleted: false }, group, true)).toMatchObject({ kind: 'refuse', rejection: { code: 'forbidden', message: expect.stringMatching(/deleted/) } });
    expect(decideIn('groups', { ...group, name: ' ', _deleted: false }, null)).toMatchObject({ kind: 'refuse', rejection: { code: 'invalid', field: 'name' } });
  });

  it('lets any coach create, edit, archive and delete a plan; refuses a body that is not a plan, naming the field', () => {
    expect(decideIn('training_plans', { ...plan, _deleted: false }, null)).toMatchObject({ kind: 'write', doc: { created_at: now, updated_at: now } });
    expect(decideIn('training_plans', { ...plan, archived: true, _deleted: false }, plan)).toMatchObject({ kind: 'write', doc: { archived: true } });
    expect(decideIn('training_plans', { ...plan, _deleted: true }, plan)).toMatchObject({ kind: 'write', deleted: true });
    expect(decideIn('training_plans', { ...plan, _deleted: false }, plan, true)).toMatchObject({ kind: 'refuse', rejection: { code: 'forbidden' } });
    const tooShort = decideIn('training_plans', { ...plan, weeks: 1, sessions: [{ ...plan.sessions[0], week: 2 }], _deleted: false }, plan);
    expect(tooShort).toMatchObject({ kind: 'refuse', rejection: { code: 'invalid', field: 'sessions.0.week' } });
    const rest = decideIn('training_plans', { ...plan, sessions: [{ ...plan.sessions[0], kind: 'rest' }], _deleted: false }, null);
    expect(rest).toMatchObject({ kind: 'refuse', rejection: { code: 'invalid', field: 'sessions.0.kind' } });
  });

  it('creates an assignment only under the id derived from athlete, plan and start date', () => {
    expect(decideIn('plan_assignments', { ...assignment, _deleted: false }, null)).toMatchObject({ kind: 'write', doc: { id: assignment.id, created_at: now } });
    const forged = decideIn('plan_assignments', { ...assignment, id: crypto.randomUUID(), _deleted: false }, null);
    expect(forged).toMatchObject({ kind: 'refuse', rejection: { code: 'invalid', field: 'id' } });
    const otherDate = decideIn('plan_assignments', { ...assignment, start_date: '2030-03-05', _deleted: false }, null);
    expect(otherDate).toMatchObject({ kind: 'refuse', rejection: { field: 'id' } });
    expect(decideIn('plan_assignments', { ...assignment, start_date: '2030-02-30', _deleted: false }, null)).toMatchObject({
      kind: 'refuse',
      rejection: { code: 'invalid', field: 'start_date' },
    });
  });

  it('keeps athlete, plan and start date fixed; ended_on may change; removal and revival are allowed', () => {
    for (const [field, value] of [['athlete_id', crypto.randomUUID()], ['training_plan_id', crypto.randomUUID()], ['start_date', '2030-03-11']] as const) {
      expect(decideIn('plan_assignments', { ...assignment, [field]: value, _deleted: false }, assignment), field).toMatchObject({
        kind: 'refuse',
        rejection: { code: 'forbidden', field },
      });
    }
    expect(decideIn('plan_assignments', { ...assignment, ended_on: '2030-03-20', _deleted: false }, assignment)).toMatchObject({ kind: 'write', doc: { ended_on: '2030-03-20' } });
    const ended = { ...assignment, ended_on: '2030-03-20' };
    expect(decideIn('plan_assignments', { ...assignment, _deleted: false }, ended)).toMatchObject({ kind: 'write', doc: { ended_on: null } });
    expect(decideIn('plan_assignments', { ...assignment, _deleted: true }, assignment)).toMatchObject({ kind: 'write', deleted: true });
    expect(decideIn('plan_assignments', { ...assignment, _deleted: false }, assignment, true)).toMatchObject({ kind: 'write', deleted: false, doc: { created_at: assignment.created_at } });
    expect(decideIn('plan_assignments', { ...assignment, ended_on: '2030-03-20', _deleted: true }, assignment, true)).toMatchObject({ kind: 'refuse', rejection: { code: 'forbidden' } });
  });

  it('still refuses every change to coach memberships', () => {
    const coach = { id: gid, user_id: athlete.user_id, first_name: 'H', last_name: 'H', email: 'h@example.com', role: 'coach', created_at: now, updated_at: now };
    expect(decideIn('coaches', { ...coach, role: 'head_coach', _deleted: false }, coach, false, 'head_coach')).toMatchObject({ kind: 'refuse', rejection: { code: 'forbidden' } });
    expect(decideIn('coaches', { ...coach, _deleted: false }, null, false, 'head_coach')).toMatchObject({ kind: 'refuse', rejection: { code: 'forbidden' } });
  });
});
