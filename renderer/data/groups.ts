/**
 * The groups feature module: the only code that queries or writes `groups`, and athletes'
 * `group_ids` on behalf of a group. Names are unique per organization, ignoring case (the server
 * checks the same). Deleting a group also takes its id out of every athlete locally, as the server
 * does in the same write. Each written id is put in the outbox before the write.
 */
import { combineLatest, map } from 'rxjs';
import type { RxDocument } from 'rxdb';
import { GroupIds, type Athlete } from '../../shared/domain/athlete';
import { Group } from '../../shared/domain/group';
import { useAstralData, useObservable } from './context';
import type { AstralDatabase } from './database';
import { localNow, newId } from './ids';
import { addToOutbox } from './syncStatus';
import { fieldErrorsOf, refused, written, type WriteResult } from './writeResult';

const toGroup = (doc: RxDocument<Group>): Group => doc.toJSON() as Group;

/** Every group, sorted by name; `undefined` while loading. */
export function useGroups(): Group[] | undefined {
  const { db } = useAstralData();
  return useObservable(
    () => db.groups.find().$.pipe(map((docs) => docs.map(toGroup).sort((a, b) => a.name.localeCompare(b.name)))),
    [db],
  );
}

/** Group id -> number of athletes in it, 0 for an empty group; ids of unknown groups are not counted. */
export function groupSizes(groups: readonly Pick<Group, 'id'>[], athletes: readonly Pick<Athlete, 'group_ids'>[]): Map<string, number> {
  const sizes = new Map<string, number>(groups.map((g) => [g.id, 0]));
  for (const a of athletes) for (const gid of a.group_ids) if (sizes.has(gid)) sizes.set(gid, (sizes.get(gid) ?? 0) + 1);
  return sizes;
}

/** Group id -> number of athletes in it (0 for an empty group); `undefined` while loading. */
export function useGroupSizes(): Map<string, number> | undefined {
  const { db } = useAstralData();
  return useObservable(
    () =>
      combineLatest([db.groups.find().$, db.athletes.find().$]).pipe(
        map(([groups, athletes]) => groupSizes(groups, athletes)),
      ),
    [db],
  );
}

const GroupName = Group.shape.name;
const nameKey = (name: string) => name.toLowerCase();

async function checkName(db: AstralDatabase, input: string, exceptId?: string): Promise<{ ok: true; name: string } | { ok: false; message: string; fieldErrors: Record<string, string> }> {
  const parsed = GroupName.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error, ['name']);
    return { ok: false, message: `Group name ${fieldErrors.name ?? 'is not valid'}.`, fieldErrors };
  }
  const taken = (await db.groups.find().exec()).find((g) => g.id !== exceptId && nameKey(g.name) === nameKey(parsed.data));
  if (taken) {
    const message = `A group named ${taken.name} already exists.`;
    return { ok: false, message, fieldErrors: { name: message } };
  }
  return { ok: true, name: parsed.data };
}

export async function createGroup(db: AstralDatabase, name: string): Promise<WriteResult<Group>> {
  const checked = await checkName(db, name);
  if (!checked.ok) return checked;
  const now = localNow();
  const group: Group = { id: newId(), name: checked.name, created_at: now, updated_at: now };
  await addToOutbox(db, 'groups', [group.id]);
  await db.groups.insert(group);
  return written(group);
}

export async function renameGroup(db: AstralDatabase, id: string, name: string): Promise<WriteResult<Group>> {
  const doc = await db.groups.findOne(id).exec();
  if (!doc) return refused('This group no longer exists.');
  const checked = await checkName(db, name, id);
  if (!checked.ok) return checked;
  if (checked.name === doc.name) return written(toGroup(doc), false);
  await addToOutbox(db, 'groups', [id]);
  return written(toGroup(await doc.incrementalPatch({ name: checked.name })));
}

/** Deletes the group and takes it out of every athlete in it. */
export async function deleteGroup(db: AstralDatabase, id: string): Promise<WriteResult<null>> {
  const doc = await db.groups.findOne(id).exec();
  if (!doc) return refused('This group no longer exists.');
  const members = (await db.athletes.find().exec()).filter((a) => a.group_ids.includes(id));
  await addToOutbox(db, 'athletes', members.map((a) => a.id));
  await addToOutbox(db, 'groups', [id]);
  await Promise.all(members.map((a) => a.incrementalModify((d) => ({ ...d, group_ids: d.group_ids.filter((g) => g !== id) }))));
  await doc.incrementalRemove();
  return written(null);
}

async function changeMembers(
  db: AstralDatabase,
  groupId: string,
  athleteIds: readonly string[],
  change: (ids: readonly string[]) => string[],
): Promise<WriteResult<{ changed: number }>> {
  const group = await db.groups.findOne(groupId).exec();
  if (!group) return refused('This group no longer exists.');
  const docs = await db.athletes.findByIds([...new Set(athleteIds)]).exec();
  const targets = [...docs.values()].filter((a) => !sameIds(a.group_ids, change(a.group_ids)));
  for (const a of targets) {
    const checked = GroupIds.safeParse(change(a.group_ids));
    if (!checked.success) return refused(`${personName(a)} cannot join: ${checked.error.issues[0]?.message ?? 'too many groups'}.`);
  }
  if (targets.length === 0) return written({ changed: 0 }, false);
  await addToOutbox(db, 'athletes', targets.map((a) => a.id));
  await Promise.all(targets.map((a) => a.incrementalModify((d) => ({ ...d, group_ids: change(d.group_ids) }))));
  return written({ changed: targets.length });
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const personName = (a: Pick<Athlete, 'first_name' | 'last_name'>) => `${a.first_name} ${a.last_name}`.trim();

export function addToGroup(db: AstralDatabase, groupId: string, athleteIds: string[]): Promise<WriteResult<{ changed: number }>> {
  return changeMembers(db, groupId, athleteIds, (ids) => (ids.includes(groupId) ? [...ids] : [...ids, groupId]));
}

export function removeFromGroup(db: AstralDatabase, groupId: string, athleteIds: string[]): Promise<WriteResult<{ changed: number }>> {
  return changeMembers(db, groupId, athleteIds, (ids) => ids.filter((g) => g !== groupId));
}
