import { describe, expect, it } from 'vitest';
import type { Athlete } from '../../shared/domain/athlete';
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
  created_at: '2024-01-01T00:00:00.000Z',
  updated_at: '2024-01-02T00:00:00.000Z',
};
const stored: StoredDoc = { collection: 'athletes', id: athlete.id, data: athlete, seq: 7, deleted: false };
const master = { ...athlete, _deleted: false };
const decide = (next: Record<string, unknown>, assumed: Record<string, unknown> | null = master, role: 'coach' | 'head_coach' = 'coach', s: StoredDoc | null = stored) =>
  decidePushRow({ collection: 'athletes', parsed: parsePushedDoc('athletes', next), assumed, stored: s, role, now });

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
  it('refuses creation, deletion, undeletion and unknown documents', () => {
    expect(decide(master, null, 'head_coach', null)).toMatchObject({ kind: 'refuse', rejection: { code: 'forbidden', message: expect.stringMatching(/invitations/) } });
    expect(decide(master, master, 'head_coach', null)).toMatchObject({ kind: 'refuse', rejection: { code: 'not_found' } });
    expect(decide({ ...master, _deleted: true }, master, 'head_coach')).toMatchObject({ kind: 'refuse', rejection: { code: 'forbidden' } });
    const tomb = { ...stored, deleted: true };
    expect(decide(master, { ...master, _deleted: true }, 'head_coach', tomb)).toMatchObject({ kind: 'refuse', rejection: { code: 'forbidden' } });
  });
  it('refuses every change to coaches and groups', () => {
    const group = { id: athlete.id, name: 'G', created_at: now, updated_at: now };
    const storedGroup: StoredDoc = { collection: 'groups', id: group.id, data: group, seq: 1, deleted: false };
    const g = { ...group, _deleted: false };
    const r = decidePushRow({ collection: 'groups', parsed: parsePushedDoc('groups', { ...g, name: 'H' }), assumed: g, stored: storedGroup, role: 'head_coach', now });
    expect(r).toMatchObject({ kind: 'refuse', rejection: { code: 'forbidden' } });
  });
});
