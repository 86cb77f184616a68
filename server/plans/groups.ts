/**
 * Groups through the REST API: create, rename, delete (listing stays in team-routes.ts). Any
 * coach; names are unique per organization ignoring case; deleting a group removes its id from
 * every athlete in the same write. The rules are the sync push's (server/sync/references.ts).
 */
import { randomUUID } from 'node:crypto';
import { Group } from '../../shared/domain/group';
import { currentRole, type Member } from '../auth/membership';
import { HttpProblem, invalidRequest, notFound } from '../http/errors';
import { groupNameTaken, groupNamed, removeGroupFromAthletes } from '../sync/references';
import type { DocumentStore, OrgWriter } from '../sync/store';
import type { DeletedGroup, GroupWithSize } from './requests';

async function readGroup(w: OrgWriter, groupId: string): Promise<Group> {
  const stored = await w.read('groups', groupId);
  if (!stored || stored.deleted) throw notFound('Group');
  return stored.data as Group;
}

async function refuseTakenName(w: OrgWriter, name: string, exceptId?: string): Promise<void> {
  if (await groupNamed(w, name, exceptId)) {
    const { code, message, field } = groupNameTaken(name);
    throw new HttpProblem(409, code, message, field);
  }
}

const withSize = async (w: OrgWriter, group: Group): Promise<GroupWithSize> => ({
  ...group,
  athlete_count: (await w.findContaining('athletes', 'group_ids', group.id)).length,
});

export async function createGroup(store: DocumentStore, member: Member, name: string): Promise<GroupWithSize> {
  const now = new Date().toISOString();
  const parsed = Group.safeParse({ id: randomUUID(), name, created_at: now, updated_at: now });
  if (!parsed.success) throw invalidRequest(parsed.error);
  return store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    await refuseTakenName(w, parsed.data.name);
    await w.put('groups', parsed.data);
    return { ...parsed.data, athlete_count: 0 };
  });
}

export async function renameGroup(store: DocumentStore, member: Member, groupId: string, name: string): Promise<GroupWithSize> {
  return store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    const before = await readGroup(w, groupId);
    const parsed = Group.safeParse({ ...before, name, updated_at: new Date().toISOString() });
    if (!parsed.success) throw invalidRequest(parsed.error);
    if (parsed.data.name === before.name) return withSize(w, before);
    await refuseTakenName(w, parsed.data.name, groupId);
    await w.put('groups', parsed.data);
    return withSize(w, parsed.data);
  });
}

export async function deleteGroup(store: DocumentStore, member: Member, groupId: string): Promise<DeletedGroup> {
  return store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    const group = await readGroup(w, groupId);
    const now = new Date().toISOString();
    await w.put('groups', { ...group, updated_at: now }, true);
    const removed = await removeGroupFromAthletes(w, groupId, now);
    return { group_id: groupId, removed_from_athlete_ids: removed };
  });
}
