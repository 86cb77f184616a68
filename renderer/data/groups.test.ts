import { afterEach, describe, expect, it } from 'vitest';
import type { AstralData } from './database';
import { addToGroup, createGroup, deleteGroup, groupSizes, removeFromGroup, renameGroup } from './groups';
import { readOutbox } from './syncStatus';
import { openTestDatabase, sampleAthlete, uuid } from './testDb';

let open: AstralData | null = null;
afterEach(async () => {
  await open?.db.close();
  open = null;
});

async function setup() {
  const data = await openTestDatabase();
  open = data;
  await data.db.athletes.bulkInsert([sampleAthlete(1), sampleAthlete(2), sampleAthlete(3)]);
  return data;
}

const groupIdsOf = async (db: AstralData['db'], n: number) => (await db.athletes.findOne(uuid(n)).exec())?.group_ids;

describe('groups', () => {
  it('creates a group with a trimmed, unique name (ignoring case)', async () => {
    const { db } = await setup();
    const made = await createGroup(db, '  Marathon squad ');
    expect(made).toMatchObject({ ok: true, changed: true, value: { name: 'Marathon squad' } });
    if (!made.ok) return;
    expect(await readOutbox(db)).toEqual([`groups:${made.value.id}`]);
    const message = 'A group named Marathon squad already exists.';
    expect(await createGroup(db, 'MARATHON SQUAD')).toEqual({ ok: false, message, fieldErrors: { name: message } });
    expect(await createGroup(db, '')).toEqual({ ok: false, message: 'Group name is required.', fieldErrors: { name: 'is required' } });
    expect(await createGroup(db, 'x'.repeat(81))).toMatchObject({ ok: false, fieldErrors: { name: 'must be at most 80 characters' } });
    expect(await db.groups.count().exec()).toBe(1);
  });

  it('renames, allowing a change of case of its own name but not another group name', async () => {
    const { db } = await setup();
    const a = await createGroup(db, 'Beginners 5K');
    const b = await createGroup(db, 'Track');
    if (!a.ok || !b.ok) throw new Error('setup');
    expect(await renameGroup(db, a.value.id, 'Beginners 5K')).toMatchObject({ ok: true, changed: false });
    expect(await renameGroup(db, a.value.id, 'beginners 5k')).toMatchObject({ ok: true, changed: true, value: { name: 'beginners 5k' } });
    expect(await renameGroup(db, a.value.id, 'track')).toMatchObject({ ok: false, message: 'A group named Track already exists.' });
    expect(await renameGroup(db, uuid(999), 'X')).toEqual({ ok: false, message: 'This group no longer exists.' });
  });

  it('adds and removes athletes, counting only those that changed', async () => {
    const { db } = await setup();
    const g = await createGroup(db, 'Squad');
    if (!g.ok) throw new Error('setup');
    expect(await addToGroup(db, g.value.id, [uuid(1), uuid(2), uuid(99)])).toEqual({ ok: true, value: { changed: 2 }, changed: true });
    expect(await addToGroup(db, g.value.id, [uuid(1), uuid(3)])).toEqual({ ok: true, value: { changed: 1 }, changed: true });
    expect(await addToGroup(db, g.value.id, [uuid(1)])).toEqual({ ok: true, value: { changed: 0 }, changed: false });
    expect(await groupIdsOf(db, 1)).toEqual([g.value.id]);
    expect((await readOutbox(db)).sort()).toEqual([`athletes:${uuid(1)}`, `athletes:${uuid(2)}`, `athletes:${uuid(3)}`, `groups:${g.value.id}`].sort());
    expect(await removeFromGroup(db, g.value.id, [uuid(1), uuid(2)])).toEqual({ ok: true, value: { changed: 2 }, changed: true });
    expect(await groupIdsOf(db, 1)).toEqual([]);
    expect(await groupIdsOf(db, 3)).toEqual([g.value.id]);
    expect(await addToGroup(db, uuid(999), [uuid(1)])).toEqual({ ok: false, message: 'This group no longer exists.' });
  });

  it('refuses to put an athlete in more than 100 groups', async () => {
    const { db } = await setup();
    const ids = Array.from({ length: 100 }, (_, i) => uuid(60_000 + i));
    await (await db.athletes.findOne(uuid(1)).exec())?.incrementalPatch({ group_ids: ids });
    const g = await createGroup(db, 'One too many');
    if (!g.ok) throw new Error('setup');
    expect(await addToGroup(db, g.value.id, [uuid(2), uuid(1)])).toEqual({ ok: false, message: 'Ada Runner1 cannot join: at most 100 groups.' });
    expect(await groupIdsOf(db, 2)).toEqual([]);
  });

  it('deletes a group and takes it out of every athlete', async () => {
    const { db } = await setup();
    const g = await createGroup(db, 'Squad');
    const other = await createGroup(db, 'Other');
    if (!g.ok || !other.ok) throw new Error('setup');
    await addToGroup(db, g.value.id, [uuid(1), uuid(2)]);
    await addToGroup(db, other.value.id, [uuid(2)]);
    expect(await deleteGroup(db, g.value.id)).toEqual({ ok: true, value: null, changed: true });
    expect(await db.groups.findOne(g.value.id).exec()).toBeNull();
    expect(await groupIdsOf(db, 1)).toEqual([]);
    expect(await groupIdsOf(db, 2)).toEqual([other.value.id]);
    expect(await deleteGroup(db, g.value.id)).toMatchObject({ ok: false });
  });

  it('counts the athletes of each group, empty groups as 0, ids of unknown groups not at all', () => {
    const sizes = groupSizes([{ id: 'a' }, { id: 'b' }], [{ group_ids: ['a'] }, { group_ids: ['a', 'gone'] }, { group_ids: [] }]);
    expect([...sizes]).toEqual([
      ['a', 2],
      ['b', 0],
    ]);
  });
});
